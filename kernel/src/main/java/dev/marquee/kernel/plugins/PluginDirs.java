package dev.marquee.kernel.plugins;

import dev.marquee.kernel.config.Config;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where plugins live on disk. Relative paths in the configuration are resolved against the data
 * directory.
 *
 * @param pluginsDir {@code plugins.dir} (default {@code <data dir>/plugins}): plugins the admin
 *     installs; the admin's {@code load} route only reads files from here
 * @param bundledDir {@code plugins.bundled-dir}: the distribution's own plugins, read-only
 * @param cacheDir where plugin zips are expanded ({@code <data dir>/plugin-cache}); never the
 *     plugin folders themselves, so a read-only bundled folder works
 * @param dataRoot the parent of each plugin's data directory ({@code <data dir>/plugin-data})
 */
record PluginDirs(Path pluginsDir, Optional<Path> bundledDir, Path cacheDir, Path dataRoot) {
  static final String DIR = "plugins.dir";
  static final String BUNDLED_DIR = "plugins.bundled-dir";

  static PluginDirs from(Config config) {
    Path dataDir = config.dataDir();
    return new PluginDirs(
        dataDir.resolve(config.get(DIR, "plugins")).normalize(),
        config.get(BUNDLED_DIR).map(dir -> dataDir.resolve(dir).normalize()),
        dataDir.resolve("plugin-cache"),
        dataDir.resolve("plugin-data"));
  }
}
