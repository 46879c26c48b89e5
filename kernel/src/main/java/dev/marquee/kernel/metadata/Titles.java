package dev.marquee.kernel.metadata;

import dev.marquee.kernel.catalog.SearchText;
import java.util.regex.Pattern;

/** The derived title columns metadata writes, computed as the scanner computes them. */
final class Titles {
  private static final Pattern LEADING_ARTICLE = Pattern.compile("^(?i)(the|a|an)\\s+(?=\\S)");

  private Titles() {}

  /** The search text of an item: its title and original title, folded ({@link SearchText#fold}). */
  static String searchText(String title, String originalTitle) {
    String folded = SearchText.fold(title);
    if (originalTitle != null && !originalTitle.isBlank()) {
      String original = SearchText.fold(originalTitle);
      if (!original.isEmpty() && !original.equals(folded)) {
        folded = folded + " " + original;
      }
    }
    return folded.length() > 1000 ? folded.substring(0, 1000) : folded;
  }

  /** The title to sort by when no source gives one: without a leading The, A or An, as the scanner writes it. */
  static String sortTitle(String title) {
    String sort = LEADING_ARTICLE.matcher(title.strip()).replaceFirst("");
    return sort.isEmpty() ? title.strip() : sort;
  }
}
