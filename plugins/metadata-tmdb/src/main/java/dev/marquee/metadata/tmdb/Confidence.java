package dev.marquee.metadata.tmdb;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** How sure a search result is the item asked for: title likeness times year agreement, 0.0–1.0. */
final class Confidence {
  private Confidence() {}

  static double of(String wanted, Optional<Integer> wantedYear, String title, String originalTitle, Optional<Integer> year) {
    double likeness = Math.max(likeness(wanted, title), originalTitle == null ? 0 : likeness(wanted, originalTitle));
    double yearFactor;
    if (wantedYear.isEmpty()) {
      yearFactor = 0.9;
    } else if (year.isEmpty()) {
      yearFactor = 0.8;
    } else {
      int gap = Math.abs(wantedYear.get() - year.get());
      yearFactor = gap == 0 ? 1.0 : gap == 1 ? 0.9 : 0.5;
    }
    return Math.max(0.0, Math.min(1.0, likeness * yearFactor));
  }

  /** 1.0 for the same folded title, else the Dice coefficient of their words. */
  static double likeness(String a, String b) {
    String fa = fold(a);
    String fb = fold(b);
    if (fa.isEmpty() || fb.isEmpty()) {
      return 0.0;
    }
    if (fa.equals(fb)) {
      return 1.0;
    }
    Set<String> wa = new HashSet<>(Arrays.asList(fa.split(" ")));
    Set<String> wb = new HashSet<>(Arrays.asList(fb.split(" ")));
    Set<String> common = new HashSet<>(wa);
    common.retainAll(wb);
    return 2.0 * common.size() / (wa.size() + wb.size()) * 0.95;
  }

  static String fold(String text) {
    String bare = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    return bare.replace("&", " and ").replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }
}
