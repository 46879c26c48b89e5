package dev.marquee.kernel.metadata;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lockable metadata fields, named as in the JSON of the metadata routes. Stored in {@code
 * media_items.locked_fields} as a comma-separated list.
 */
final class Fields {
  static final String TITLE = "title";
  static final String SORT_TITLE = "sortTitle";
  static final String ORIGINAL_TITLE = "originalTitle";
  static final String OVERVIEW = "overview";
  static final String TAGLINE = "tagline";
  static final String YEAR = "year";
  static final String RELEASE_DATE = "releaseDate";
  static final String RATING = "rating";
  static final String OFFICIAL_RATING = "officialRating";
  static final String RUNTIME = "runtime";
  static final String GENRES = "genres";
  static final String PEOPLE = "people";
  static final String IMAGES = "images";

  /** Every lockable field. */
  static final List<String> ALL = List.of(TITLE, SORT_TITLE, ORIGINAL_TITLE, OVERVIEW, TAGLINE, YEAR, RELEASE_DATE,
      RATING, OFFICIAL_RATING, RUNTIME, GENRES, PEOPLE, IMAGES);

  private Fields() {}

  static Set<String> parse(String stored) {
    if (stored == null || stored.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  static String format(Set<String> fields) {
    // Stored in the canonical order, so equal sets read the same.
    return ALL.stream().filter(fields::contains).collect(Collectors.joining(","));
  }
}
