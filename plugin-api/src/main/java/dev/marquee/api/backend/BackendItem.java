package dev.marquee.api.backend;

import dev.marquee.api.MediaKind;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An item on a media server with one user's play state. The backend sync matches it to a catalog
 * item by external ids first, then by file path. Immutable.
 *
 * @param id the server's id for it (Plex rating key, Jellyfin item id)
 * @param kind movie, series, season, episode or book
 * @param title its title
 * @param year its release year
 * @param externalIds ids the server knows, keyed by provider id ({@code imdb}, {@code tmdb}, {@code
 *     tvdb})
 * @param parentId for a season its series, for an episode its season
 * @param seasonNumber for a season or an episode
 * @param episodeNumber for an episode
 * @param filePath the media file's path as the server sees it
 * @param runtime its running time
 * @param playState the user's play state of it
 */
public record BackendItem(
    String id,
    MediaKind kind,
    String title,
    Optional<Integer> year,
    Map<String, String> externalIds,
    Optional<String> parentId,
    Optional<Integer> seasonNumber,
    Optional<Integer> episodeNumber,
    Optional<String> filePath,
    Optional<Duration> runtime,
    PlayState playState) {

  /** @throws NullPointerException when any component is null */
  public BackendItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(year, "year");
    externalIds = Map.copyOf(externalIds);
    Objects.requireNonNull(parentId, "parentId");
    Objects.requireNonNull(seasonNumber, "seasonNumber");
    Objects.requireNonNull(episodeNumber, "episodeNumber");
    Objects.requireNonNull(filePath, "filePath");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(playState, "playState");
  }
}
