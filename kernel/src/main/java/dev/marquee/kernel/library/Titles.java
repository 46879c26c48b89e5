package dev.marquee.kernel.library;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Derived title columns: the sort title and the folded search text. */
final class Titles {
  private static final Pattern ARTICLE = Pattern.compile("^(?i)(the|a|an)\\s+(?=\\S)");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Titles() {}

  /** The title without a leading The, A or An, for sorting. */
  static String sortTitle(String title) {
    String sort = ARTICLE.matcher(title.strip()).replaceFirst("");
    return sort.isEmpty() ? title.strip() : sort;
  }

  /** Lower case, accents removed, punctuation as single spaces: {@code "Amélie!"} → {@code "amelie"}. */
  static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    String plain = MARKS.matcher(decomposed).replaceAll("");
    return NOT_WORD.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }
}
