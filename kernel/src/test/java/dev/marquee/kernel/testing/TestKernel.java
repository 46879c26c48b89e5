package dev.marquee.kernel.testing;

import dev.marquee.kernel.KernelComponent;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A whole kernel, started in this JVM on a free port, for tests that go through real HTTP. */
public final class TestKernel implements AutoCloseable {
  private final KernelComponent component;
  private final TestHttp http;

  private TestKernel(KernelComponent component) {
    this.component = component;
    this.http = new TestHttp(URI.create("http://127.0.0.1:" + component.httpServer().port() + "/"));
  }

  /**
   * Starts a kernel whose data directory is {@code dataDir}, on an ephemeral port, with {@code
   * settings} on top (for example a {@link TestDatabase}'s).
   */
  public static TestKernel start(Path dataDir, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>();
    all.put(ConfigLoader.DATA_DIR, dataDir.toString());
    all.put("http.host", "127.0.0.1");
    all.put("http.port", "0");
    all.putAll(settings);
    Config config = ConfigLoader.load(Map.of(), null, all);
    KernelComponent component = KernelComponent.create(config, Clock.systemUTC());
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

  @Override
  public void close() {
    component.kernel().close();
  }
}
