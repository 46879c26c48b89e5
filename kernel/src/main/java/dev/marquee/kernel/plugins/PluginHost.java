package dev.marquee.kernel.plugins;

import dev.marquee.api.Ordered;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.http.RouteTable;
import dev.marquee.kernel.tasks.TaskRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, starts, stops and unloads plugins, and connects what they contribute to the kernel.
 *
 * <p>Starting a plugin applies its migrations ({@code db/migration/<id>} on its class path, history
 * in {@code flyway_<id>_history}), starts it, then registers the routes of its {@link
 * RouteContributor}s and the tasks of its {@link ScheduledTask}s under its id. When any step fails
 * (a migration, its own {@code start()}, a route another owner has, a duplicate task id) nothing of
 * it stays registered, it is stopped and marked {@code FAILED} with the reason; the kernel and the
 * other plugins carry on. Stopping removes its routes and tasks. Every change of state is published
 * as {@code plugin.state} {@code {pluginId, state, error}}.
 *
 * <p>Thread-safe: changes are serialised.
 */
@Singleton
final class PluginHost implements PluginExtensions {
  static final String STATE_TOPIC = "plugin.state";
  private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

  private record Refused(PluginDescriptor descriptor, String reason) {}

  private final MarqueePluginManager manager;
  private final PluginDirs dirs;
  private final RouteTable routes;
  private final TaskRegistry tasks;
  private final Database database;
  private final EventBus events;
  /** Where each loaded plugin came from, by id. */
  private final Map<String, Path> sources = new HashMap<>();
  /** Plugins found but not loaded, by id, with the reason. */
  private final Map<String, Refused> refused = new LinkedHashMap<>();
  private final Map<String, List<String>> taskIds = new HashMap<>();
  /** Plugins an admin disabled: not started at boot, shown as {@code DISABLED}. */
  private final Set<String> disabled = new HashSet<>();

  @Inject
  PluginHost(MarqueePluginManager manager, PluginDirs dirs, RouteTable routes, TaskRegistry tasks,
      Database database, EventBus events) {
    this.manager = manager;
    this.dirs = dirs;
    this.routes = routes;
    this.tasks = tasks;
    this.database = database;
    this.events = events;
  }

  /**
   * Loads every plugin file ({@code *.jar}, {@code *.zip}) of the plugins directory, then of the
   * bundled directory, and starts them all. A file that cannot be loaded is logged and skipped;
   * when both directories hold a plugin id, the plugins directory's copy wins.
   */
  synchronized void loadAndStartAll() {
    loadAndStartAll(Set.of());
  }

  /** As {@link #loadAndStartAll()}, leaving the plugins in {@code disabled} loaded but not started. */
  synchronized void loadAndStartAll(Set<String> disabled) {
    this.disabled.addAll(disabled);
    createDirectory(dirs.pluginsDir());
    loadDirectory(dirs.pluginsDir(), "local");
    dirs.bundledDir().ifPresent(dir -> loadDirectory(dir, "bundled"));
    for (PluginWrapper wrapper : manager.getResolvedPlugins().toArray(PluginWrapper[]::new)) {
      if (disabled.contains(wrapper.getPluginId())) {
        log.info("plugin {} is disabled: not started", wrapper.getPluginId());
      } else {
        start(wrapper.getPluginId());
      }
    }
  }

  /** The plugin {@code pluginId} as {@link #list()} shows it. */
  synchronized Optional<PluginView> find(String pluginId) {
    return list().stream().filter(view -> view.id().equals(pluginId)).findFirst();
  }

  /** The file a loaded plugin came from. */
  synchronized Optional<Path> source(String pluginId) {
    return Optional.ofNullable(sources.get(pluginId));
  }

  /** Whether the loaded plugin {@code pluginId} came from the read-only bundled directory. */
  synchronized boolean isBundled(String pluginId) {
    Path source = sources.get(pluginId);
    return source != null && dirs.bundledDir().map(dir -> source.startsWith(dir) && !source.startsWith(dirs.pluginsDir())).orElse(false);
  }

  /** The ids of loaded plugins whose descriptor names {@code pluginId} as a required dependency. */
  synchronized List<String> dependentsOf(String pluginId) {
    return manager.getPlugins().stream()
        .filter(w -> w.getDescriptor().getDependencies().stream().anyMatch(d -> d.getPluginId().equals(pluginId) && !d.isOptional()))
        .map(PluginWrapper::getPluginId)
        .sorted()
        .toList();
  }

  /** Stops and unloads every plugin, in reverse order of loading. */
  synchronized void stopAndUnloadAll() {
    List<PluginWrapper> loaded = new ArrayList<>(manager.getPlugins());
    for (int i = loaded.size() - 1; i >= 0; i--) {
      // unloading a plugin unloads the plugins that depend on it too
      if (manager.getPlugin(loaded.get(i).getPluginId()) != null) {
        unload(loaded.get(i).getPluginId());
      }
    }
  }

  /** Every plugin: loaded ones by id, then refused ones. */
  synchronized List<PluginView> list() {
    List<PluginView> views = new ArrayList<>();
    manager.getPlugins().stream()
        .sorted(Comparator.comparing(PluginWrapper::getPluginId))
        .forEach(wrapper -> views.add(view(wrapper)));
    refused.forEach((id, r) -> views.add(refusedView(r)));
    return views;
  }

  /**
   * Loads the plugin in {@code fileName}, a file directly inside the plugins directory, and starts it.
   *
   * @throws ApiException 422 for a name that is not a plain {@code .jar}/{@code .zip} file name or a
   *     file that is not a usable plugin, 404 when there is no such file, 409 when it or its plugin
   *     id is loaded already
   */
  synchronized PluginView load(String fileName) {
    Path file = resolvePluginFile(fileName);
    if (sources.containsValue(file)) {
      throw ApiException.conflict("PLUGIN_LOADED", fileName + " is loaded already");
    }
    PluginDescriptor descriptor;
    try {
      descriptor = manager.describe(file);
    } catch (PluginRefusedException e) {
      throw ApiException.unprocessable("PLUGIN_REFUSED", e.getMessage());
    }
    if (manager.getPlugin(descriptor.getPluginId()) != null) {
      throw ApiException.conflict("PLUGIN_LOADED", "plugin '" + descriptor.getPluginId() + "' is loaded already, from "
          + sources.get(descriptor.getPluginId()).getFileName());
    }
    String id = loadFile(file, "local");
    if (id == null) {
      Refused r = refused.get(descriptor.getPluginId());
      throw ApiException.unprocessable("PLUGIN_REFUSED", r == null ? "the plugin could not be loaded; see the server log" : r.reason);
    }
    return start(id);
  }

  /**
   * Starts a loaded plugin; see the class comment. A started plugin is left as it is.
   *
   * @return the plugin afterwards: {@code STARTED}, or {@code FAILED} with the reason
   * @throws ApiException 404 for an unknown id, 409 for a refused plugin
   */
  synchronized PluginView start(String pluginId) {
    PluginWrapper wrapper = require(pluginId);
    if (wrapper.getPluginState() == PluginState.STARTED) {
      return view(wrapper);
    }
    try {
      migrate(wrapper);
    } catch (RuntimeException e) {
      return fail(wrapper, "database migration failed: " + firstLine(messageOf(e)) + ": " + firstLine(messageOf(rootCause(e))), e);
    }
    // LinkageErrors too (a class the plugin lacks, a failing static initialiser): PF4J only catches
    // Exceptions, and one plugin must not take the kernel's start down with it.
    try {
      if (manager.startPlugin(pluginId) != PluginState.STARTED) {
        Throwable cause = wrapper.getFailedException();
        return fail(wrapper, "start failed: " + (cause == null ? "see the server log" : messageOf(cause)), cause);
      }
    } catch (RuntimeException | LinkageError e) {
      return fail(wrapper, "start failed: " + messageOf(e), e);
    }
    try {
      register(pluginId);
    } catch (RuntimeException | LinkageError e) {
      return fail(wrapper, messageOf(e), e);
    }
    log.info("plugin {} {} started", pluginId, wrapper.getDescriptor().getVersion());
    publish(pluginId, "STARTED", null);
    return view(wrapper);
  }

  /**
   * Stops a plugin: its routes and tasks go first, then its {@code stop()} runs.
   *
   * @throws ApiException 404 for an unknown id, 409 for a refused plugin
   */
  /** Stops the plugin and shows it as {@code DISABLED} until {@link #enable}. */
  synchronized PluginView disable(String pluginId) {
    require(pluginId);
    disabled.add(pluginId);
    return stop(pluginId);
  }

  /** Starts a disabled plugin again. */
  synchronized PluginView enable(String pluginId) {
    require(pluginId);
    disabled.remove(pluginId);
    return start(pluginId);
  }

  synchronized PluginView stop(String pluginId) {
    PluginWrapper wrapper = require(pluginId);
    boolean wasStarted = wrapper.getPluginState() == PluginState.STARTED;
    unregister(pluginId);
    if (wasStarted) {
      manager.stopPlugin(pluginId);
      manager.forgetExtensions(pluginId);
      log.info("plugin {} stopped", pluginId);
      publish(pluginId, wrapper.getPluginState().name(), errorOf(wrapper));
    }
    return view(wrapper);
  }

  /**
   * Stops and unloads a plugin; a refused one is forgotten.
   *
   * @throws ApiException 404 for an unknown id
   */
  synchronized void unload(String pluginId) {
    if (refused.remove(pluginId) != null && manager.getPlugin(pluginId) == null) {
      return;
    }
    stop(pluginId);
    if (!manager.unloadPlugin(pluginId)) {
      log.warn("plugin {} could not be unloaded", pluginId);
      return;
    }
    sources.remove(pluginId);
    log.info("plugin {} unloaded", pluginId);
    publish(pluginId, "UNLOADED", null);
  }

  /**
   * The bytes of {@code name} in the plugin's own files (not the kernel's), or null when it has none.
   *
   * @throws ApiException 404 for an unknown id, 409 for a refused plugin
   */
  synchronized byte[] ownResource(String pluginId, String name) {
    PluginWrapper wrapper = require(pluginId);
    if (!(wrapper.getPluginClassLoader() instanceof URLClassLoader loader)) {
      return null;
    }
    java.net.URL url = loader.findResource(name);
    if (url == null) {
      return null;
    }
    try (java.io.InputStream in = url.openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " of plugin " + pluginId, e);
    }
  }

  @Override
  public synchronized <T> List<T> extensions(Class<T> type) {
    record Found<T>(T extension, int order) {}
    List<Found<T>> found = new ArrayList<>();
    for (PluginWrapper wrapper : manager.getStartedPlugins()) {
      for (Class<? extends T> extensionClass : manager.getExtensionClasses(type, wrapper.getPluginId())) {
        try {
          T extension = manager.getExtensionFactory().create(extensionClass);
          found.add(new Found<>(extension, extension instanceof Ordered ordered ? ordered.order() : Ordered.DEFAULT));
        } catch (RuntimeException | LinkageError e) {
          log.error("plugin {}: extension {} cannot be built", wrapper.getPluginId(), extensionClass.getName(), e);
        }
      }
    }
    // List.sort is stable: ties keep load order.
    found.sort(Comparator.comparingInt(Found::order));
    return found.stream().map(Found::extension).toList();
  }

  private void migrate(PluginWrapper wrapper) {
    String pluginId = wrapper.getPluginId();
    String location = "classpath:db/migration/" + pluginId;
    int applied;
    if (wrapper.getPluginClassLoader() instanceof URLClassLoader pluginLoader) {
      try (OwnResourcesClassLoader own = new OwnResourcesClassLoader(pluginLoader)) {
        // most plugins have no tables: Flyway's scan and history check cost every start ~30 ms each
        if (!own.hasFolder("db/migration/" + pluginId)) {
          return;
        }
        applied = database.migrate(location, historyTable(pluginId), own);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      applied = database.migrate(location, historyTable(pluginId), wrapper.getPluginClassLoader());
    }
    if (applied > 0) {
      log.info("plugin {}: applied {} database migration(s)", pluginId, applied);
    }
  }

  private void register(String pluginId) {
    List<Route> contributed = new ArrayList<>();
    for (Class<? extends RouteContributor> type : manager.getExtensionClasses(RouteContributor.class, pluginId)) {
      contributed.addAll(manager.getExtensionFactory().create(type).routes());
    }
    List<ScheduledTask> scheduled = new ArrayList<>();
    for (Class<? extends ScheduledTask> type : manager.getExtensionClasses(ScheduledTask.class, pluginId)) {
      scheduled.add(manager.getExtensionFactory().create(type));
    }
    routes.register(pluginId, contributed);
    if (!scheduled.isEmpty()) {
      try {
        tasks.register(pluginId, scheduled);
      } catch (RuntimeException e) {
        routes.unregister(pluginId);
        throw e;
      }
    }
    taskIds.put(pluginId, scheduled.stream().map(ScheduledTask::id).toList());
  }

  private void unregister(String pluginId) {
    routes.unregister(pluginId);
    List<String> registered = taskIds.remove(pluginId);
    if (registered != null && !registered.isEmpty()) {
      tasks.unregister(pluginId);
    }
  }

  /** Leaves nothing of the plugin registered or running and records why. */
  private PluginView fail(PluginWrapper wrapper, String reason, Throwable cause) {
    String pluginId = wrapper.getPluginId();
    unregister(pluginId);
    if (wrapper.getPluginState() == PluginState.STARTED) {
      manager.stopPlugin(pluginId);
    }
    manager.forgetExtensions(pluginId);
    manager.markFailed(wrapper, new PluginRuntimeException(cause, "{}", reason));
    log.error("plugin {} FAILED: {}", pluginId, reason, cause);
    publish(pluginId, "FAILED", reason);
    return view(wrapper);
  }

  private void loadDirectory(Path dir, String cacheGroup) {
    if (!Files.isDirectory(dir)) {
      log.warn("plugin directory {} does not exist", dir);
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(PluginHost::isPluginFile).sorted().forEach(file -> {
        String id = loadFile(file, cacheGroup);
        if (id != null) {
          publish(id, manager.getPlugin(id).getPluginState().name(), null);
        }
      });
    } catch (IOException e) {
      log.error("cannot list plugin directory {}", dir, e);
    }
  }

  /** Loads one file; logs and remembers a refusal. @return the plugin id, or null when not loaded */
  private String loadFile(Path file, String cacheGroup) {
    try {
      PluginDescriptor descriptor = manager.describe(file);
      if (manager.getPlugin(descriptor.getPluginId()) != null) {
        log.info("plugin {} in {} skipped: loaded already from {}", descriptor.getPluginId(), file,
            sources.get(descriptor.getPluginId()));
        return null;
      }
      String id = manager.load(file, cacheGroup + "/" + file.getFileName());
      sources.put(id, file);
      refused.remove(id);
      log.info("plugin {} {} loaded from {}", id, manager.getPlugin(id).getDescriptor().getVersion(), file);
      return id;
    } catch (PluginRefusedException e) {
      log.error("plugin {} REFUSED: {}", file, e.getMessage());
      if (e.pluginId() != null) {
        refused.put(e.pluginId(), new Refused(manager.describe(file), e.getMessage()));
        publish(e.pluginId(), "REFUSED", e.getMessage());
      }
      return null;
    } catch (RuntimeException e) {
      log.error("plugin {} could not be loaded: {}", file, e.getMessage(), e);
      return null;
    }
  }

  private Path resolvePluginFile(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "file: the name of a .zip or .jar in the plugins directory is required");
    }
    Path name;
    try {
      name = Path.of(fileName);
    } catch (RuntimeException e) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "file: not a valid file name");
    }
    if (name.isAbsolute() || name.getNameCount() != 1 || fileName.contains("/") || fileName.contains("\\")
        || fileName.startsWith(".") || !isPluginFile(name)) {
      throw ApiException.unprocessable("VALIDATION_FAILED",
          "file: must be the plain name of a .zip or .jar directly inside the plugins directory");
    }
    Path file = dirs.pluginsDir().resolve(name).normalize();
    if (!file.getParent().equals(dirs.pluginsDir())) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "file: must be inside the plugins directory");
    }
    if (!Files.isRegularFile(file)) {
      throw ApiException.notFound("no file " + fileName + " in the plugins directory");
    }
    return file;
  }

  private PluginWrapper require(String pluginId) {
    PluginWrapper wrapper = manager.getPlugin(pluginId);
    if (wrapper == null) {
      if (refused.containsKey(pluginId)) {
        throw ApiException.conflict("PLUGIN_REFUSED", refused.get(pluginId).reason);
      }
      throw ApiException.notFound("no plugin " + pluginId);
    }
    return wrapper;
  }

  private PluginView view(PluginWrapper wrapper) {
    PluginDescriptor d = wrapper.getDescriptor();
    String id = wrapper.getPluginId();
    List<PluginView.RouteView> routeViews = routes.entries().stream()
        .filter(e -> e.owner().equals(id))
        .map(e -> new PluginView.RouteView(e.route().method(), e.route().path(), e.route().access().name()))
        .toList();
    PluginState state = wrapper.getPluginState();
    boolean shownDisabled = disabled.contains(id) && state != PluginState.STARTED && state != PluginState.FAILED;
    return new PluginView(id, d.getVersion(), d.getPluginDescription(), d.getProvider(), d.getRequires(),
        shownDisabled ? "DISABLED" : state.name(), errorOf(wrapper), routeViews, taskIds.getOrDefault(id, List.of()));
  }

  private static PluginView refusedView(Refused r) {
    PluginDescriptor d = r.descriptor;
    return new PluginView(d.getPluginId(), d.getVersion(), d.getPluginDescription(), d.getProvider(), d.getRequires(),
        "REFUSED", r.reason, List.of(), List.of());
  }

  private static String errorOf(PluginWrapper wrapper) {
    Throwable failure = wrapper.getFailedException();
    return wrapper.getPluginState() == PluginState.FAILED && failure != null ? failure.getMessage() : null;
  }

  private void publish(String pluginId, String state, String error) {
    // A map, not a kernel type: plugins listening on the bus must be able to read it.
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("pluginId", pluginId);
    data.put("state", state);
    data.put("error", error);
    events.publish(STATE_TOPIC, data);
  }

  /** {@code flyway_<id>_history}, with the id reduced to characters every database accepts in a name. */
  static String historyTable(String pluginId) {
    return "flyway_" + pluginId.replaceAll("[^a-z0-9_]", "_") + "_history";
  }

  private static boolean isPluginFile(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".zip") || name.endsWith(".jar"));
  }

  private static String messageOf(Throwable e) {
    String message = e.getMessage();
    Throwable cause = e.getCause();
    // Flyway and reflection wrap the interesting part.
    while ((message == null || message.isBlank()) && cause != null) {
      message = cause.getMessage();
      cause = cause.getCause();
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static void createDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create plugin directory " + dir, e);
    }
  }
}
