package dev.marquee.subtitles;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Language tags as people write them in file names and containers: ISO 639-1 ({@code en}), ISO
 * 639-2 in its terminology or bibliographic form ({@code eng}, {@code deu}, {@code ger}), English
 * or native names ({@code English}, {@code Deutsch}) and BCP 47 tags with a region or script
 * ({@code pt-BR}, {@code zh-Hant}), all turned into one BCP 47 tag: the two-letter code where the
 * language has one ({@code en}, {@code pt-BR}). Thread-safe.
 */
final class Languages {
  /** ISO 639-2/B codes that differ from the terminology codes Java knows. */
  private static final Map<String, String> BIBLIOGRAPHIC = Map.ofEntries(
      Map.entry("alb", "sq"), Map.entry("arm", "hy"), Map.entry("baq", "eu"), Map.entry("bur", "my"),
      Map.entry("chi", "zh"), Map.entry("cze", "cs"), Map.entry("dut", "nl"), Map.entry("fre", "fr"),
      Map.entry("geo", "ka"), Map.entry("ger", "de"), Map.entry("gre", "el"), Map.entry("ice", "is"),
      Map.entry("mac", "mk"), Map.entry("mao", "mi"), Map.entry("may", "ms"), Map.entry("per", "fa"),
      Map.entry("rum", "ro"), Map.entry("slo", "sk"), Map.entry("tib", "bo"), Map.entry("wel", "cy"));
  private static final Pattern TAG = Pattern.compile("(?i)[a-z]{2,3}([-_][a-z0-9]{2,8})+");
  private static final Map<String, String> BY_NAME = names();

  private Languages() {}

  /**
   * The BCP 47 tag a word names, or empty when it names no language ({@code und}, {@code forced},
   * {@code Commentary}).
   */
  static Optional<String> tag(String word) {
    if (word == null || word.isBlank()) {
      return Optional.empty();
    }
    String lower = word.strip().toLowerCase(Locale.ROOT);
    String found = BY_NAME.get(lower);
    if (found != null) {
      return Optional.of(found);
    }
    if (TAG.matcher(lower).matches()) {
      String[] parts = lower.split("[-_]", 2);
      String language = BY_NAME.get(parts[0]);
      if (language != null && parts[0].length() <= 3) {
        Locale locale = Locale.forLanguageTag(language + "-" + parts[1].replace('_', '-'));
        String normalized = locale.toLanguageTag();
        return Optional.of(normalized.equals("und") ? language : normalized);
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    for (String code : Locale.getISOLanguages()) {
      if (code.length() != 2) {
        continue;
      }
      Locale locale = new Locale(code);
      names.put(code, code);
      try {
        names.putIfAbsent(locale.getISO3Language(), code);
      } catch (MissingResourceException e) {
        // no three-letter code known
      }
      putName(names, locale.getDisplayLanguage(Locale.ENGLISH), code);
      putName(names, locale.getDisplayLanguage(locale), code);
    }
    BIBLIOGRAPHIC.forEach(names::putIfAbsent);
    // OpenSubtitles' and Kodi's spellings of Brazilian Portuguese
    names.put("pob", "pt-BR");
    names.put("pb", "pt-BR");
    names.put("brazilian", "pt-BR");
    names.remove("und");
    return Map.copyOf(names);
  }

  private static void putName(Map<String, String> names, String name, String code) {
    String key = name.toLowerCase(Locale.ROOT);
    if (!key.isBlank() && !key.equals(code)) {
      names.putIfAbsent(key, code);
    }
  }
}
