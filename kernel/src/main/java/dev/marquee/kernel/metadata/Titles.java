package dev.marquee.kernel.metadata;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Title helpers shared by everything that writes titles into the catalog. */
final class Titles {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern LEADING_ARTICLE = Pattern.compile("^(the|a|an)\\s+(.+)$", Pattern.CASE_INSENSITIVE);

  private Titles() {}

  /** Lower case, accents removed, punctuation and runs of space as one space: "Amélie: Le Film" → "amelie le film". */
  static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    String bare = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    return NOT_WORD.matcher(bare).replaceAll(" ").trim();
  }

  /** The search text of an item: its title and original title, folded. */
  static String searchText(String title, String originalTitle) {
    String folded = fold(title);
    if (originalTitle != null && !originalTitle.isBlank()) {
      String original = fold(originalTitle);
      if (!original.equals(folded)) {
        folded = folded + " " + original;
      }
    }
    return folded.length() > 1000 ? folded.substring(0, 1000) : folded;
  }

  /** The title to sort by when no source gives one: a leading English article moved to the end. */
  static String sortTitle(String title) {
    var m = LEADING_ARTICLE.matcher(title.trim());
    return m.matches() ? m.group(2) + ", " + m.group(1) : title.trim();
  }
}
