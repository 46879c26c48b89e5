package dev.marquee.kernel.media;

import dev.marquee.kernel.config.Config;
import java.time.Duration;
import java.util.Optional;

/**
 * The media settings: {@code media.ffmpeg} and {@code media.ffprobe} (binary paths; default: found
 * on {@code PATH}, else the bundled ffmpeg), {@code media.probe-timeout} (default 60s), {@code
 * media.probe-threads} (default 2), {@code media.probe-queue} (files waiting, default 1000), {@code
 * media.probe-pending-interval} (how often the pending-probe task refills the queue, default 5m).
 */
record MediaSettings(
    Optional<String> ffmpeg,
    Optional<String> ffprobe,
    Duration probeTimeout,
    int probeThreads,
    int probeQueue,
    Duration pendingInterval) {

  static MediaSettings from(Config config) {
    MediaSettings settings = new MediaSettings(
        config.get("media.ffmpeg").filter(s -> !s.isBlank()),
        config.get("media.ffprobe").filter(s -> !s.isBlank()),
        config.getDuration("media.probe-timeout", Duration.ofSeconds(60)),
        config.getInt("media.probe-threads", 2),
        config.getInt("media.probe-queue", 1000),
        config.getDuration("media.probe-pending-interval", Duration.ofMinutes(5)));
    if (settings.probeTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("config media.probe-timeout must be at least 1s: " + settings.probeTimeout);
    }
    if (settings.probeThreads < 1 || settings.probeThreads > 64) {
      throw new IllegalArgumentException("config media.probe-threads must be 1..64: " + settings.probeThreads);
    }
    if (settings.probeQueue < 1) {
      throw new IllegalArgumentException("config media.probe-queue must be at least 1: " + settings.probeQueue);
    }
    if (settings.pendingInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("config media.probe-pending-interval must be at least 1s: " + settings.pendingInterval);
    }
    return settings;
  }
}
