package dev.marquee.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.KernelComponent;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * A real Marquee kernel for a plugin's tests: the embedded SQLite database in a temporary folder,
 * the plugin under test in its plugins folder (loaded and started as in production: migrations,
 * {@code start()}, routes, tasks), HTTP on a free port of 127.0.0.1, and an administrator signed in.
 * Close it (try-with-resources) to stop the kernel and delete the folder.
 *
 * <pre>{@code
 * try (PluginTestKernel kernel = PluginTestKernel.start()) {          // the plugin in target/classes
 *   JsonHttp.Response answer = kernel.admin().get("/api/v1/example/greetings");
 *   TaskResult run = kernel.runTask("example.greet");
 * }
 * }</pre>
 *
 * <p>Where the plugin comes from: {@link Builder#plugin(Path)} (a built {@code .zip} or {@code .jar},
 * or a classes folder), else the system property {@value #PLUGIN_PROPERTY}, else {@code
 * target/classes} of the module under test. A classes folder is packed into a jar first; its PF4J
 * descriptor is {@code META-INF/MANIFEST.MF} or {@code plugin.properties} in that folder, with
 * {@link Builder#descriptor} entries on top. Starting fails when a plugin it was given does not
 * reach {@code STARTED}, with the kernel's reason, unless {@link Builder#allowFailedPlugins()}.
 *
 * <p>Thread-safe once started. See also {@link MarqueeTest} for a JUnit 5 extension that starts one
 * per test.
 */
public final class PluginTestKernel implements AutoCloseable {
  /** System property naming the plugin to load when the builder names none: a zip, jar or classes folder. */
  public static final String PLUGIN_PROPERTY = "marquee.plugin";
  /** The administrator's user name; the password is {@value #ADMIN_PASSWORD}. */
  public static final String ADMIN_USERNAME = "admin";
  public static final String ADMIN_PASSWORD = "admin-password-1";
  /** The password of every user {@link #user(String)} creates. */
  public static final String USER_PASSWORD = "user-password-1";
  private static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofSeconds(60);

  private final KernelComponent component;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private final JsonHttp anonymous;
  private final JsonHttp admin;
  private final Map<String, JsonHttp> users = new HashMap<>();
  private boolean closed;

  private PluginTestKernel(KernelComponent component, Path dataDir, boolean ownsDataDir) {
    this.component = component;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
    this.anonymous = new JsonHttp(URI.create("http://127.0.0.1:" + component.httpServer().port() + "/"));
    JsonHttp.Response setup = anonymous.post("/api/v1/auth/setup", credentials(ADMIN_USERNAME, ADMIN_PASSWORD));
    if (setup.status() != 201) {
      throw new IllegalStateException("cannot set the administrator up: " + setup);
    }
    this.admin = login(ADMIN_USERNAME, ADMIN_PASSWORD);
  }

  /** Starts a kernel with the default plugin (see the class comment) and no extra settings. */
  public static PluginTestKernel start() {
    return builder().start();
  }

  /** Starts a kernel with the plugin in {@code plugin}: a {@code .zip}, a {@code .jar} or a classes folder. */
  public static PluginTestKernel start(Path plugin) {
    return builder().plugin(plugin).start();
  }

  /** A builder for a kernel with more than the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where the kernel listens, {@code http://127.0.0.1:PORT/}. */
  public URI baseUrl() {
    return anonymous.uri("/");
  }

  /** A client without credentials. */
  public JsonHttp http() {
    return anonymous;
  }

  /** A client signed in as the administrator {@value #ADMIN_USERNAME}. */
  public JsonHttp admin() {
    return admin;
  }

  /**
   * A client signed in as the user {@code username} (role USER, password {@value #USER_PASSWORD}),
   * whom the administrator creates on the first call for that name.
   */
  public synchronized JsonHttp user(String username) {
    JsonHttp client = users.get(username);
    if (client == null) {
      JsonHttp.Response created = admin.post("/api/v1/admin/users",
          "{\"username\":\"" + username + "\",\"password\":\"" + USER_PASSWORD + "\",\"role\":\"USER\"}");
      if (created.status() != 201) {
        throw new IllegalStateException("cannot create user " + username + ": " + created);
      }
      client = login(username, USER_PASSWORD);
      users.put(username, client);
    }
    return client;
  }

  /**
   * Signs in and returns a client with the access token.
   *
   * @throws IllegalStateException when the credentials are refused
   */
  public JsonHttp login(String username, String password) {
    JsonHttp.Response login = anonymous.post("/api/v1/auth/login", credentials(username, password));
    if (login.status() != 200) {
      throw new IllegalStateException("login of " + username + " failed: " + login);
    }
    return anonymous.withToken(login.json().path("accessToken").asText());
  }

  /**
   * A plugin as {@code GET /api/v1/admin/plugins} shows it: {@code id, version, state, error, routes,
   * tasks...}.
   *
   * @throws IllegalArgumentException when the kernel has no such plugin
   */
  public JsonNode plugin(String pluginId) {
    for (JsonNode plugin : admin.get("/api/v1/admin/plugins").json()) {
      if (plugin.path("id").asText().equals(pluginId)) {
        return plugin;
      }
    }
    throw new IllegalArgumentException("the kernel has no plugin " + pluginId);
  }

  /** Runs the task {@code taskId} now and waits up to a minute for it to end; see {@link #runTask(String, Duration)}. */
  public TaskResult runTask(String taskId) throws InterruptedException {
    return runTask(taskId, DEFAULT_TASK_TIMEOUT);
  }

  /**
   * Runs the task {@code taskId} now, as an admin's "run now" does, and waits for the run to end.
   *
   * @return how the run ended; check {@link TaskResult#status()}
   * @throws IllegalStateException when the task is unknown, runs already, or is still running after
   *     {@code timeout}
   */
  public TaskResult runTask(String taskId, Duration timeout) throws InterruptedException {
    JsonHttp.Response started = admin.post("/api/v1/admin/tasks/" + taskId + "/run", null);
    if (started.status() != 202) {
      throw new IllegalStateException("cannot run task " + taskId + ": " + started);
    }
    String runId = started.json().path("runId").asText();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode run = findRun(taskId, runId);
      if (run != null && !run.path("status").asText().equals("RUNNING")) {
        return new TaskResult(runId, taskId, run.path("status").asText(), run.path("progress").asInt(),
            textOrNull(run.path("message")), textOrNull(run.path("error")));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("task " + taskId + " run " + runId + " still running after " + timeout.toSeconds()
            + " s: " + run);
      }
      Thread.sleep(25);
    }
  }

  private JsonNode findRun(String taskId, String runId) {
    for (JsonNode run : admin.get("/api/v1/admin/tasks/" + taskId + "/runs?limit=50").json().path("items")) {
      if (run.path("runId").asText().equals(runId)) {
        return run;
      }
    }
    return null;
  }

  /** The kernel's database, as plugins get it: to set up rows or check what the plugin wrote. */
  public Jdbi jdbi() {
    return component.database().jdbi();
  }

  /** The kernel's event bus: publish what the plugin listens to, or subscribe to what it announces. */
  public EventBus events() {
    return component.eventBus();
  }

  /** The kernel's data folder: {@code plugins/}, {@code plugin-data/<id>/}, {@code marquee.db}. */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the kernel (plugins first) and deletes the data folder it made. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      component.kernel().close();
    } finally {
      if (ownsDataDir) {
        deleteQuietly(dataDir);
      }
    }
  }

  private static String credentials(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // a file still open on a slow file system: the OS cleans temp folders eventually
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // as above
    }
  }

  /** Settings for a {@link PluginTestKernel}; {@link #start()} boots it. Not thread-safe. */
  public static final class Builder {
    private final List<Path> plugins = new ArrayList<>();
    private final Map<String, String> descriptor = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path dataDir;
    private boolean allowFailed;

    private Builder() {}

    /**
     * Adds a plugin to load: a built {@code .zip} or {@code .jar}, or a classes folder (packed into a
     * jar first). Call it again for plugins the one under test depends on.
     */
    public Builder plugin(Path plugin) {
      plugins.add(plugin);
      return this;
    }

    /**
     * A PF4J descriptor entry ({@code Plugin-Id}, {@code Plugin-Class}, {@code Plugin-Version},
     * {@code Plugin-Requires}, {@code Plugin-Dependencies}) for a classes folder, over what its
     * manifest says.
     */
    public Builder descriptor(String name, String value) {
      descriptor.put(name, value);
      return this;
    }

    /** A kernel setting, such as {@code plugins.<id>.<key>} for the plugin's own {@code PluginConfig}. */
    public Builder setting(String key, String value) {
      settings.put(key, value);
      return this;
    }

    /** Several kernel settings; see {@link #setting}. */
    public Builder settings(Map<String, String> values) {
      settings.putAll(values);
      return this;
    }

    /** The data folder to use, which the kernel then keeps on close; default: a new temporary folder, deleted on close. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Start even when a plugin ends {@code FAILED} or {@code REFUSED}, to test how it fails. */
    public Builder allowFailedPlugins() {
      this.allowFailed = true;
      return this;
    }

    /**
     * Boots the kernel with the plugins and signs the administrator in.
     *
     * @throws IllegalStateException when the kernel cannot start, a classes folder has no plugin
     *     descriptor, or a plugin does not reach {@code STARTED} (unless allowed)
     */
    public PluginTestKernel start() {
      boolean owns = dataDir == null;
      Path dir;
      try {
        dir = owns ? Files.createTempDirectory("marquee-test-") : dataDir;
        Files.createDirectories(dir.resolve("plugins"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the kernel's data folder", e);
      }
      KernelComponent component = null;
      try {
        List<String> ids = new ArrayList<>();
        for (Path plugin : plugins.isEmpty() ? List.of(defaultPlugin()) : plugins) {
          ids.add(PluginFiles.install(plugin, descriptor, dir.resolve("plugins")));
        }
        Map<String, String> all = new HashMap<>();
        // cheap password hashing: a test signs in often
        all.put("auth.argon2.memory-kib", "64");
        all.put("auth.argon2.iterations", "1");
        all.put("auth.argon2.parallelism", "1");
        all.put(ConfigLoader.DATA_DIR, dir.toString());
        all.put("http.host", "127.0.0.1");
        all.put("http.port", "0");
        all.putAll(settings);
        Config config = ConfigLoader.load(Map.of(), null, all);
        component = KernelComponent.create(config, Clock.systemUTC());
        component.kernel().start();
        PluginTestKernel kernel = new PluginTestKernel(component, dir, owns);
        if (!allowFailed) {
          for (String id : ids) {
            checkStarted(kernel, id);
          }
        }
        return kernel;
      } catch (RuntimeException | Error e) {
        if (component != null) {
          component.kernel().close();
        }
        if (owns) {
          deleteQuietly(dir);
        }
        throw e;
      }
    }

    private static void checkStarted(PluginTestKernel kernel, String id) {
      JsonNode plugin;
      try {
        plugin = kernel.plugin(id);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("plugin " + id + " was not loaded; see the log above", e);
      }
      if (!plugin.path("state").asText().equals("STARTED")) {
        throw new IllegalStateException("plugin " + id + " is " + plugin.path("state").asText() + ": "
            + plugin.path("error").asText());
      }
    }

    private static Path defaultPlugin() {
      String property = System.getProperty(PLUGIN_PROPERTY);
      return property != null && !property.isBlank() ? Path.of(property) : Path.of("target", "classes");
    }
  }
}
