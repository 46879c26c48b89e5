package dev.marquee.kernel.playback;

import dev.marquee.kernel.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Config of HLS playback.
 *
 * @param tokenTtl how long a stream URL's token is good for ({@code playback.token-ttl}, 4h)
 * @param idleTimeout without a request or heartbeat for this long, a session's ffmpeg is stopped
 *     ({@code playback.idle-timeout}, 60s); a later segment request starts it again
 * @param sessionExpiry without a request for this long, a session and its segments are deleted
 *     ({@code playback.session-expiry}, 30m)
 * @param maxSessions HLS sessions at once on this server ({@code playback.max-sessions}, the number
 *     of processors, at least 2); more answer 503 with Retry-After
 * @param maxSessionsPerUser HLS sessions at once per user ({@code playback.max-sessions-per-user}, 3)
 * @param segmentSeconds target segment length ({@code playback.segment-seconds}, 6)
 * @param transcodeDir where sessions write segments: {@code <data dir>/cache/transcode}
 */
record PlaybackSettings(Duration tokenTtl, Duration idleTimeout, Duration sessionExpiry, int maxSessions,
    int maxSessionsPerUser, int segmentSeconds, Path transcodeDir) {

  static PlaybackSettings from(Config config) {
    PlaybackSettings settings = new PlaybackSettings(
        config.getDuration("playback.token-ttl", Duration.ofHours(4)),
        config.getDuration("playback.idle-timeout", Duration.ofSeconds(60)),
        config.getDuration("playback.session-expiry", Duration.ofMinutes(30)),
        config.getInt("playback.max-sessions", Math.max(2, Runtime.getRuntime().availableProcessors())),
        config.getInt("playback.max-sessions-per-user", 3),
        config.getInt("playback.segment-seconds", 6),
        config.dataDir().resolve("cache").resolve("transcode"));
    if (settings.tokenTtl.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("config playback.token-ttl must be at least 1m: " + settings.tokenTtl);
    }
    if (settings.idleTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || settings.sessionExpiry.compareTo(settings.idleTimeout) < 0) {
      throw new IllegalArgumentException("config playback.idle-timeout must be at least 1s and at most"
          + " playback.session-expiry: " + settings.idleTimeout + ", " + settings.sessionExpiry);
    }
    if (settings.maxSessions < 1 || settings.maxSessionsPerUser < 1) {
      throw new IllegalArgumentException("config playback.max-sessions and playback.max-sessions-per-user must be"
          + " at least 1");
    }
    if (settings.segmentSeconds < 1 || settings.segmentSeconds > 30) {
      throw new IllegalArgumentException("config playback.segment-seconds must be 1..30: " + settings.segmentSeconds);
    }
    return settings;
  }
}
