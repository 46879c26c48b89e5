package dev.marquee.kernel.catalog;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one folding of text for search: lower case, accents removed, everything that is not a letter
 * or a digit turned into a single space. {@code media_items.search_text} holds titles folded this
 * way, and queries are folded the same way before they are matched.
 */
public final class SearchText {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private SearchText() {}

  /** {@code "Amélie (2001)!"} → {@code "amelie 2001"}; null → empty. */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    String plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    return NOT_WORD.matcher(plain).replaceAll(" ").strip();
  }
}
