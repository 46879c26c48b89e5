package dev.marquee.api.marker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * An episode as a {@link MarkerDetector} sees it. Immutable.
 *
 * @param itemId the catalog's id of the episode
 * @param file its media file
 * @param runtime its running time
 * @param seasonNumber its season
 * @param episodeNumber its number in the season
 */
public record EpisodeFile(String itemId, Path file, Duration runtime, int seasonNumber, int episodeNumber) {

  /** @throws NullPointerException when any component is null */
  public EpisodeFile {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(runtime, "runtime");
  }
}
