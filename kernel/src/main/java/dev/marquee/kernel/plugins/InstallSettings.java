package dev.marquee.kernel.plugins;

import dev.marquee.kernel.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The plugin manager's settings.
 *
 * @param allowUnsigned {@code plugins.allow-unsigned} (default false): install artifacts without a
 *     signature by a trusted key; a signature that does not verify is refused all the same
 * @param maxArtifactBytes {@code plugins.max-artifact-mb} (default 100) in bytes
 * @param maxEntries {@code plugins.max-archive-entries} (default 10000)
 * @param maxExpandedBytes {@code plugins.max-expanded-mb} (default 500) in bytes
 * @param downloadTimeout {@code plugins.download-timeout} (default 60s) per manifest or artifact
 * @param downloadDir {@code <data dir>/plugin-downloads}: downloads in progress, emptied at start
 */
record InstallSettings(boolean allowUnsigned, long maxArtifactBytes, int maxEntries, long maxExpandedBytes, Duration downloadTimeout,
    Path downloadDir) {
  private static final long MIB = 1024 * 1024;

  static InstallSettings from(Config config) {
    return new InstallSettings(
        config.getBoolean("plugins.allow-unsigned", false),
        positive(config.getLong("plugins.max-artifact-mb", 100), "plugins.max-artifact-mb") * MIB,
        (int) positive(config.getInt("plugins.max-archive-entries", 10_000), "plugins.max-archive-entries"),
        positive(config.getLong("plugins.max-expanded-mb", 500), "plugins.max-expanded-mb") * MIB,
        config.getDuration("plugins.download-timeout", Duration.ofSeconds(60)),
        config.dataDir().resolve("plugin-downloads"));
  }

  private static long positive(long value, String key) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be greater than 0, not " + value);
    }
    return value;
  }
}
