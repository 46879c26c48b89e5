package dev.marquee.api;

import dev.marquee.api.event.EventBus;
import dev.marquee.api.media.MediaToolkit;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;

/**
 * What the kernel gives one plugin: its settings, its database access, the event bus and shared
 * services. A plugin receives it through the constructor of its {@code Plugin} class or of any of
 * its extensions, and may keep it for as long as the plugin is started.
 *
 * <p>All methods are cheap, never block and never return null. The objects returned are safe to
 * use from any thread.
 */
public interface PluginContext {

  /** The plugin's id, as in its manifest's {@code Plugin-Id}. */
  String pluginId();

  /** The plugin's settings: the keys under {@code plugins.<pluginId>.} of the kernel configuration. */
  PluginConfig config();

  /**
   * Database access. Before the plugin starts, the kernel applies the plugin's Flyway migrations
   * found on its class path under {@code db/migration/<pluginId>} (history kept in the table
   * {@code flyway_<pluginId>_history}). Migrations may use the placeholders {@code ${pk}} (an
   * auto-increment primary-key column), {@code ${text}} (unbounded text) and {@code
   * ${table_options}} (written after a {@code CREATE TABLE}'s closing parenthesis) so that one
   * script serves every supported database. Name your tables with your plugin id as a prefix.
   */
  Jdbi jdbi();

  /** The kernel's event bus, shared with every other plugin. */
  EventBus events();

  /** A shared HTTP client (HTTP/1.1 and 2, redirects followed, 10 s connect timeout). */
  HttpClient httpClient();

  /** Builds bounded, named caches whose time comes from {@link #clock()}. */
  CacheFactory caches();

  /** The clock to read time from (UTC); tests replace it. */
  Clock clock();

  /** The plugin's logger, named after the plugin id. */
  Logger logger();

  /** A directory reserved for this plugin's files, created on first use of the context. */
  Path dataDir();

  /** The kernel's ffprobe/ffmpeg runner: probe media files and run ffmpeg without starting processes yourself. */
  MediaToolkit media();
}
