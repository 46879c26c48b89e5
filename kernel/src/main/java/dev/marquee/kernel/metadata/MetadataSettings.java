package dev.marquee.kernel.metadata;

import dev.marquee.kernel.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of metadata matching.
 *
 * @param autoMatch {@code metadata.auto-match} (default true): match items the scanner adds
 * @param language {@code metadata.language} (default {@code en}): the language asked of providers
 * @param threshold {@code metadata.match-threshold} (default 0.8): the least confidence a search
 *     candidate needs to be accepted without an admin
 * @param queueSize {@code metadata.queue-size} (default 10000): items waiting to be matched; more are
 *     dropped (logged) and stay unmatched until a refresh
 * @param downloadImages {@code metadata.download-images} (default true): cache provider images on disk
 * @param imageDir where images are cached: {@code <data dir>/cache/images/originals}
 * @param pendingInterval {@code metadata.match-pending-interval} (default 15m): how often the task
 *     {@code metadata.match-pending} queues unmatched items the queue turned away or a restart dropped
 * @param retryAfter {@code metadata.retry-after} (default 7d): how long an item automatic matching
 *     could not match waits before it is tried again
 */
record MetadataSettings(boolean autoMatch, String language, double threshold, int queueSize, boolean downloadImages,
    Path imageDir, Duration pendingInterval, Duration retryAfter) {

  static MetadataSettings from(Config config) {
    double threshold;
    try {
      threshold = Double.parseDouble(config.get("metadata.match-threshold", "0.8"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metadata.match-threshold must be a number within 0.0–1.0");
    }
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("metadata.match-threshold must be within 0.0–1.0: " + threshold);
    }
    return new MetadataSettings(
        config.getBoolean("metadata.auto-match", true),
        config.get("metadata.language", "en"),
        threshold,
        Math.max(1, config.getInt("metadata.queue-size", 10_000)),
        config.getBoolean("metadata.download-images", true),
        config.dataDir().resolve("cache").resolve("images").resolve("originals"),
        config.getDuration("metadata.match-pending-interval", Duration.ofMinutes(15)),
        config.getDuration("metadata.retry-after", Duration.ofDays(7)));
  }
}
