package dev.marquee.kernel.metadata;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What matching needs to know of one media_items row.
 *
 * @param lockedFields the field names an admin locked (see {@link Fields})
 * @param externalIds the item's external_ids, by provider
 */
record CatalogItem(
    long id,
    long libraryId,
    Long parentId,
    String kind,
    String title,
    String originalTitle,
    Integer year,
    Integer indexNumber,
    Integer parentIndex,
    String matchState,
    Set<String> lockedFields,
    Map<String, String> externalIds) {

  Optional<Long> parent() {
    return Optional.ofNullable(parentId);
  }

  boolean locked(String field) {
    return lockedFields.contains(field);
  }
}
