package dev.marquee.kernel.metadata;

import java.util.List;
import java.util.Map;

/** An item's metadata as the metadata routes answer it (JSON). */
record ItemView(
    long id,
    long libraryId,
    Long parentId,
    String kind,
    String title,
    String sortTitle,
    String originalTitle,
    Integer year,
    String releaseDate,
    String overview,
    String tagline,
    Double rating,
    String officialRating,
    Long runtimeMs,
    String matchState,
    List<String> lockedFields,
    Map<String, String> externalIds,
    List<String> genres,
    List<PersonView> people,
    List<ImageView> images) {

  /** Someone credited on the item; {@code order} is the billing order. */
  record PersonView(long id, String name, String role, String character, int order, String imageUrl) {}

  /** An image of the item; {@code cached} once a remote one is on disk. */
  record ImageView(String kind, String source, String location, boolean cached, int order) {}

  ItemView with(Map<String, String> ids, List<String> genreNames, List<PersonView> credits, List<ImageView> artwork) {
    return new ItemView(id, libraryId, parentId, kind, title, sortTitle, originalTitle, year, releaseDate, overview, tagline,
        rating, officialRating, runtimeMs, matchState, lockedFields, ids, genreNames, credits, artwork);
  }
}
