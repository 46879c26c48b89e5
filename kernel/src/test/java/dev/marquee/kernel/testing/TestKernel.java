package dev.marquee.kernel.testing;

import dev.marquee.kernel.KernelComponent;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole kernel, started in this JVM on a free port, for tests that go through real HTTP. Argon2
 * runs with cheap settings unless the test's settings say otherwise.
 */
public final class TestKernel implements AutoCloseable {
  /** The administrator {@link #admin()} sets up. */
  public static final String ADMIN_USERNAME = "admin";
  public static final String ADMIN_PASSWORD = "admin-password-1";
  /** The password of every user {@link #user(String)} creates. */
  public static final String USER_PASSWORD = "user-password-1";

  private static final Map<String, String> DEFAULTS = Map.of(
      "auth.argon2.memory-kib", "64",
      "auth.argon2.iterations", "1",
      "auth.argon2.parallelism", "1");

  private final KernelComponent component;
  private final TestHttp http;
  private final Map<String, TestHttp> users = new HashMap<>();
  private TestHttp admin;

  private TestKernel(KernelComponent component) {
    this.component = component;
    this.http = new TestHttp(URI.create("http://127.0.0.1:" + component.httpServer().port() + "/"));
  }

  /**
   * Starts a kernel whose data directory is {@code dataDir}, on an ephemeral port, with {@code
   * settings} on top (for example a {@link TestDatabase}'s).
   */
  public static TestKernel start(Path dataDir, Map<String, String> settings) {
    return start(dataDir, settings, Clock.systemUTC());
  }

  /** As {@link #start(Path, Map)}, with the kernel's time taken from {@code clock}. */
  public static TestKernel start(Path dataDir, Map<String, String> settings, Clock clock) {
    Map<String, String> all = new HashMap<>(DEFAULTS);
    all.put(ConfigLoader.DATA_DIR, dataDir.toString());
    all.put("http.host", "127.0.0.1");
    all.put("http.port", "0");
    all.putAll(settings);
    Config config = ConfigLoader.load(Map.of(), null, all);
    KernelComponent component = KernelComponent.create(config, clock);
    component.kernel().start();
    return new TestKernel(component);
  }

  public KernelComponent component() {
    return component;
  }

  /** An anonymous client for this kernel. */
  public TestHttp http() {
    return http;
  }

  /**
   * A client signed in as the administrator {@value #ADMIN_USERNAME}, who is set up on the first
   * call (the kernel must have no administrator yet then). Cached.
   */
  public synchronized TestHttp admin() {
    if (admin == null) {
      TestHttp.Response setup = http.post("/api/v1/auth/setup", credentials(ADMIN_USERNAME, ADMIN_PASSWORD));
      if (setup.status() != 201) {
        throw new IllegalStateException("setup failed: " + setup);
      }
      admin = login(ADMIN_USERNAME, ADMIN_PASSWORD);
    }
    return admin;
  }

  /**
   * A client signed in as the USER {@code username} (password {@value #USER_PASSWORD}), whom the
   * administrator creates on the first call for that name. Cached.
   */
  public synchronized TestHttp user(String username) {
    TestHttp client = users.get(username);
    if (client == null) {
      TestHttp.Response created = admin().post("/api/v1/admin/users",
          "{\"username\":\"" + username + "\",\"password\":\"" + USER_PASSWORD + "\",\"role\":\"USER\"}");
      if (created.status() != 201) {
        throw new IllegalStateException("creating user " + username + " failed: " + created);
      }
      client = login(username, USER_PASSWORD);
      users.put(username, client);
    }
    return client;
  }

  /** Signs in and returns a client with the access token. */
  public TestHttp login(String username, String password) {
    TestHttp.Response login = http.post("/api/v1/auth/login", credentials(username, password));
    if (login.status() != 200) {
      throw new IllegalStateException("login of " + username + " failed: " + login);
    }
    return http.withToken(login.json().path("accessToken").asText());
  }

  private static String credentials(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  @Override
  public void close() {
    component.kernel().close();
  }
}
