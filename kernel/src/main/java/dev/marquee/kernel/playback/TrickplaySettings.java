package dev.marquee.kernel.playback;

import dev.marquee.kernel.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Config of trickplay (timeline thumbnails).
 *
 * @param interval one thumbnail per this much of a video ({@code playback.trickplay-interval}, 10s;
 *     1s to 10m, whole milliseconds)
 * @param width thumbnail width in pixels ({@code playback.trickplay-width}, 320; even, 64 to 1920)
 * @param threads files made at once ({@code playback.trickplay-threads}, 1; 1 to 16)
 * @param pendingInterval how often the task {@value TrickplayQueue#TASK} queues the files without
 *     thumbnails ({@code playback.trickplay-pending-interval}, 30m)
 * @param dir where sheets are kept: {@code <data dir>/cache/trickplay}
 */
record TrickplaySettings(Duration interval, int width, int threads, Duration pendingInterval, Path dir) {
  /** The most thumbnails across and down one sheet. */
  static final int MAX_TILES = 10;

  static TrickplaySettings from(Config config) {
    TrickplaySettings settings = new TrickplaySettings(
        config.getDuration("playback.trickplay-interval", Duration.ofSeconds(10)),
        config.getInt("playback.trickplay-width", 320),
        config.getInt("playback.trickplay-threads", 1),
        config.getDuration("playback.trickplay-pending-interval", Duration.ofMinutes(30)),
        config.dataDir().resolve("cache").resolve("trickplay"));
    if (settings.interval.compareTo(Duration.ofSeconds(1)) < 0 || settings.interval.compareTo(Duration.ofMinutes(10)) > 0
        || settings.interval.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException("config playback.trickplay-interval must be 1s..10m in whole milliseconds: "
          + settings.interval);
    }
    if (settings.width < 64 || settings.width > 1920 || settings.width % 2 != 0) {
      throw new IllegalArgumentException("config playback.trickplay-width must be an even number of pixels, 64..1920: "
          + settings.width);
    }
    if (settings.threads < 1 || settings.threads > 16) {
      throw new IllegalArgumentException("config playback.trickplay-threads must be 1..16: " + settings.threads);
    }
    if (settings.pendingInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("config playback.trickplay-pending-interval must be at least 1s: "
          + settings.pendingInterval);
    }
    return settings;
  }

  long intervalMs() {
    return interval.toMillis();
  }
}
