package dev.marquee.kernel.plugins;

import dev.marquee.api.event.Event;
import dev.marquee.api.http.Route;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.events.InProcessEventBus;
import dev.marquee.kernel.http.RouteTable;
import dev.marquee.kernel.media.KernelMediaToolkit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The plugin host over real parts (database, route table, event bus) without an HTTP server; the
 * kernel already owns {@code GET /api/v1/system/health}, as in a real kernel.
 */
final class PluginFixture implements AutoCloseable {
  final Config config;
  final Database database;
  final RouteTable routes = new RouteTable();
  final RecordingTaskRegistry tasks = new RecordingTaskRegistry();
  final List<Event> events = new CopyOnWriteArrayList<>();
  final PluginHost host;
  final PluginDirs dirs;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  PluginFixture(Path dataDir, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>();
    all.put(ConfigLoader.DATA_DIR, dataDir.toString());
    all.putAll(settings);
    config = new Config(all);
    database = Database.open(config);
    database.migrateKernel();
    routes.register("kernel", List.of(Route.get("/api/v1/system/health", dev.marquee.api.http.Access.PUBLIC, r -> r.json("UP"))));
    InProcessEventBus bus = new InProcessEventBus(executor, Clock.systemUTC());
    bus.subscribe("", events::add);
    dirs = PluginDirs.from(config);
    try {
      java.nio.file.Files.createDirectories(dirs.pluginsDir());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MarqueePluginManager manager = new MarqueePluginManager(dirs, new PluginContexts(config, database, bus, Clock.systemUTC(), dirs,
        KernelMediaToolkit.create(config), PluginsModule.httpClient(),
        new PluginSettings(database, dev.marquee.kernel.http.Json.newMapper(), Clock.systemUTC())));
    host = new PluginHost(manager, dirs, routes, tasks, database, bus);
  }

  Path pluginsDir() {
    return dirs.pluginsDir();
  }

  /** The owner of the route answering {@code method path}, or null when none does. */
  String ownerOf(String method, String path) {
    return routes.lookup(method, path) instanceof RouteTable.Found found ? found.entry().owner() : null;
  }

  PluginView plugin(String id) {
    return host.list().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    host.stopAndUnloadAll();
    database.close();
    executor.shutdownNow();
  }
}
