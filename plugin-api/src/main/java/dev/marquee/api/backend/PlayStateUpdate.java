package dev.marquee.api.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A play-state change to write back to a media server. Immutable.
 *
 * @param userId the server's user
 * @param itemId the server's item
 * @param action what changed
 * @param position for {@link Action#PROGRESS}: where the user is; zero otherwise
 * @param at when it happened
 */
public record PlayStateUpdate(String userId, String itemId, Action action, Duration position, Instant at) {

  /** What a {@link PlayStateUpdate} does. */
  public enum Action {
    /** Mark the item played (scrobble). */
    PLAYED,
    /** Mark the item unplayed and forget the position. */
    UNPLAYED,
    /** Store the resume position. */
    PROGRESS
  }

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException on a negative position
   */
  public PlayStateUpdate {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(at, "at");
    if (position.isNegative()) {
      throw new IllegalArgumentException("position must not be negative");
    }
  }
}
