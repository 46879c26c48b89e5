package dev.marquee.api.backend;

import java.time.Duration;
import java.util.Objects;

/**
 * A playback in progress on a media server. Immutable.
 *
 * @param sessionId the server's id for the session
 * @param userId who plays
 * @param itemId what is played
 * @param client the client application ("Plex Web", "Jellyfin Android")
 * @param device the device's name
 * @param position the current position
 * @param paused whether playback is paused
 * @param transcoding whether the server transcodes the stream
 */
public record ActiveSession(String sessionId, String userId, String itemId, String client, String device,
    Duration position, boolean paused, boolean transcoding) {

  /** @throws NullPointerException when any component is null */
  public ActiveSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(position, "position");
  }
}
