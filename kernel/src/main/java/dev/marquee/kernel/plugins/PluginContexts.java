package dev.marquee.kernel.plugins;

import dev.marquee.api.PluginContext;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.LoggerFactory;

/** Builds each plugin's {@link PluginContext} from the kernel's shared services. */
@Singleton
final class PluginContexts {
  private final Config config;
  private final Database database;
  private final EventBus events;
  private final Clock clock;
  private final PluginDirs dirs;
  private final ClockCacheFactory caches;
  private final MediaToolkit media;
  /** One client for every plugin and the kernel ({@link PluginsModule#httpClient()}). */
  private final HttpClient httpClient;
  private final PluginSettings settings;

  @Inject
  PluginContexts(Config config, Database database, EventBus events, Clock clock, PluginDirs dirs, MediaToolkit media,
      HttpClient httpClient, PluginSettings settings) {
    this.settings = settings;
    this.config = config;
    this.media = media;
    this.database = database;
    this.events = events;
    this.clock = clock;
    this.dirs = dirs;
    this.caches = new ClockCacheFactory(clock);
    this.httpClient = httpClient;
  }

  /**
   * A new context for {@code pluginId}, whose id the manager has validated (safe as a path segment).
   * It has a Jdbi and an event bus view of its own, so that what the plugin leaves in them goes
   * with it: see {@link PluginEventBus}.
   *
   * @throws UncheckedIOException when the plugin's data directory cannot be created
   */
  PluginContext create(String pluginId) {
    Path dataDir = dirs.dataRoot().resolve(pluginId);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory of plugin " + pluginId + ": " + dataDir, e);
    }
    return new KernelPluginContext(
        pluginId,
        new StoredSettingsConfig(config.scoped("plugins." + pluginId + "."), settings.configValues(pluginId)),
        database.newJdbi(),
        new PluginEventBus(events),
        httpClient,
        caches,
        clock,
        LoggerFactory.getLogger("plugin." + pluginId),
        dataDir,
        media);
  }

  /** Reads the admin's stored settings of the plugin again, for its next start. */
  void reloadSettings(PluginContext context) {
    if (context.config() instanceof StoredSettingsConfig stored) {
      stored.reload(settings.configValues(context.pluginId()));
    }
  }
}
