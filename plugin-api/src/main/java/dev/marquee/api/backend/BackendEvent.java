package dev.marquee.api.backend;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a media server reported through a webhook. Immutable.
 *
 * @param type what happened
 * @param userId the server's user, when the event concerns one
 * @param itemId the server's item, when the event concerns one
 * @param position the playback position, for playback events
 * @param at when it happened (the server's time, else the time of receipt)
 */
public record BackendEvent(Type type, Optional<String> userId, Optional<String> itemId, Optional<Duration> position, Instant at) {

  /** The kinds of webhook events Marquee uses. */
  public enum Type {
    /** Playback started. */
    PLAYBACK_STARTED,
    /** Playback paused. */
    PLAYBACK_PAUSED,
    /** Playback resumed after a pause. */
    PLAYBACK_RESUMED,
    /** Playback stopped. */
    PLAYBACK_STOPPED,
    /** The user finished the item (Plex "scrobble"). */
    MARKED_PLAYED,
    /** The user marked the item unplayed. */
    MARKED_UNPLAYED,
    /** A new item arrived in a library. */
    ITEM_ADDED
  }

  /** @throws NullPointerException when any component is null */
  public BackendEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(at, "at");
  }
}
