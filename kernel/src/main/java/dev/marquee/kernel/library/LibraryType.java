package dev.marquee.kernel.library;

import java.util.Locale;
import java.util.Optional;

/** What a library holds; {@code MIXED} decides per file. */
enum LibraryType {
  MOVIE,
  SERIES,
  BOOK,
  MIXED;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<LibraryType> parse(String label) {
    for (LibraryType type : values()) {
      if (type.label().equals(label)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
