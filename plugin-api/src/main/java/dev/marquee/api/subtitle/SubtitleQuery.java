package dev.marquee.api.subtitle;

import dev.marquee.api.MediaKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to search subtitles for. Immutable.
 *
 * @param kind {@link MediaKind#MOVIE} or {@link MediaKind#EPISODE}
 * @param title the movie's or the series' title
 * @param year the release year
 * @param externalIds the item's ids ({@code imdb}, {@code tmdb}); for an episode, its own
 * @param seasonNumber for an episode
 * @param episodeNumber for an episode
 * @param languages wanted languages as ISO 639-1 codes, most wanted first; never empty
 * @param fileHash the OpenSubtitles hash of the media file, when computed
 * @param fileSize the media file's size in bytes, when known
 * @param hearingImpaired whether SDH subtitles are preferred
 */
public record SubtitleQuery(MediaKind kind, String title, Optional<Integer> year, Map<String, String> externalIds,
    Optional<Integer> seasonNumber, Optional<Integer> episodeNumber, List<String> languages,
    Optional<String> fileHash, Optional<Long> fileSize, boolean hearingImpaired) {

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException when {@code languages} is empty
   */
  public SubtitleQuery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(year, "year");
    externalIds = Map.copyOf(externalIds);
    Objects.requireNonNull(seasonNumber, "seasonNumber");
    Objects.requireNonNull(episodeNumber, "episodeNumber");
    languages = List.copyOf(languages);
    Objects.requireNonNull(fileHash, "fileHash");
    Objects.requireNonNull(fileSize, "fileSize");
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("name at least one language");
    }
  }
}
