package dev.marquee.api.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's play state of one item. Immutable.
 *
 * @param played whether the user finished it
 * @param position where the user stopped; zero when not started or finished
 * @param playCount how often the user finished it
 * @param lastPlayedAt when the user last played it
 */
public record PlayState(boolean played, Duration position, int playCount, Optional<Instant> lastPlayedAt) {
  /** Never played. */
  public static final PlayState UNPLAYED = new PlayState(false, Duration.ZERO, 0, Optional.empty());

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException on a negative position or play count
   */
  public PlayState {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(lastPlayedAt, "lastPlayedAt");
    if (position.isNegative() || playCount < 0) {
      throw new IllegalArgumentException("position and play count must not be negative");
    }
  }
}
