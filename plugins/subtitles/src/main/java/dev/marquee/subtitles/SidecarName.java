package dev.marquee.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a subtitle file's name says about it, the way Plex and Jellyfin users name them: the
 * video's name, then dot-separated tags in any order, then the extension. {@code
 * Movie.en.forced.srt}, {@code Movie.eng.sdh.srt}, {@code Movie.English.hi.ass}, {@code
 * Movie.pt-BR.default.srt}, {@code Movie.Commentary.en.srt}.
 *
 * <ul>
 *   <li>{@code forced} (also {@code foreign}): only the foreign-language parts;
 *   <li>{@code sdh}, {@code hi}, {@code cc}: for the hearing impaired ({@code hi} is read as this
 *       flag, never as Hindi);
 *   <li>{@code default}: the track to show by default;
 *   <li>the first word that names a language ({@link Languages#tag}); later ones are ignored;
 *   <li>any other word is part of the title ({@code Commentary}).
 * </ul>
 *
 * @param format {@code srt}, {@code ass}, {@code ssa}, {@code webvtt}, {@code sub} (MicroDVD or
 *     SubViewer text), {@code smi}, or the image formats {@code vobsub} ({@code .idx} with its
 *     {@code .sub}) and {@code pgs} ({@code .sup})
 * @param language a BCP 47 tag
 * @param title the words that are neither flags nor the language, joined by spaces
 */
record SidecarName(String format, Optional<String> language, Optional<String> title, boolean forced,
    boolean hearingImpaired, boolean defaultTrack) {

  /** File extensions of subtitles, lower case, with their format. */
  static final Map<String, String> FORMATS = Map.of(
      "srt", "srt", "ass", "ass", "ssa", "ssa", "vtt", "webvtt", "sub", "sub", "smi", "smi", "idx", "vobsub",
      "sup", "pgs");
  /** Formats that are pictures: they cannot become WebVTT. */
  static final Set<String> IMAGE_FORMATS = Set.of("vobsub", "pgs");

  private static final Set<String> FORCED = Set.of("forced", "foreign");
  private static final Set<String> HEARING_IMPAIRED = Set.of("sdh", "hi", "cc");
  private static final String DEFAULT = "default";

  /**
   * Reads a subtitle file's name against its video's base name (the video's file name without its
   * extension), ignoring case.
   *
   * @return empty when the file is no subtitle of that video
   */
  static Optional<SidecarName> parse(String videoBaseName, String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String format = FORMATS.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    String stem = fileName.substring(0, dot);
    if (format == null || !startsWithIgnoringCase(stem, videoBaseName)) {
      return Optional.empty();
    }
    String rest = stem.substring(videoBaseName.length());
    if (!rest.isEmpty() && rest.charAt(0) != '.') {
      // "Movie2.srt" is no subtitle of "Movie"
      return Optional.empty();
    }
    Optional<String> language = Optional.empty();
    List<String> title = new ArrayList<>();
    boolean forced = false;
    boolean hearingImpaired = false;
    boolean defaultTrack = false;
    for (String word : rest.split("\\.")) {
      if (word.isBlank()) {
        continue;
      }
      String lower = word.toLowerCase(Locale.ROOT);
      if (FORCED.contains(lower)) {
        forced = true;
      } else if (HEARING_IMPAIRED.contains(lower)) {
        hearingImpaired = true;
      } else if (lower.equals(DEFAULT)) {
        defaultTrack = true;
      } else {
        Optional<String> tag = Languages.tag(word);
        if (tag.isEmpty()) {
          title.add(word.strip());
        } else if (language.isEmpty()) {
          language = tag;
        }
      }
    }
    return Optional.of(new SidecarName(format, language, title.isEmpty() ? Optional.empty()
        : Optional.of(String.join(" ", title)), forced, hearingImpaired, defaultTrack));
  }

  boolean image() {
    return IMAGE_FORMATS.contains(format);
  }

  static boolean startsWithIgnoringCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
