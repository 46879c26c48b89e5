package dev.marquee.kernel.plugins;

import static dev.marquee.kernel.plugins.PluginJar.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.Eventually;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.testplugins.LeakyPlugin;
import dev.marquee.testplugins.LoaderProbe;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a plugin is unloaded, nothing in the kernel holds its classes: its class loader is
 * collected. The plugin has used every kernel service first, through a whole kernel over HTTP: when
 * this fails, {@code target/plugin-unload-leak.hprof} holds the heap, and a path from a GC root to
 * the plugin's {@code ApiOnlyClassLoader} names the culprit.
 */
class PluginUnloadTest {
  private static final Duration GC_WAIT = Duration.ofSeconds(15);

  @TempDir
  Path dataDir;

  static PluginJar leaky() {
    return plugin("leaky").mainClass(LeakyPlugin.class).extension(LeakyPlugin.Routes.class).extension(LeakyPlugin.Work.class)
        .extension(LeakyPlugin.Driver.class)
        .resource("db/migration/leaky/V1__notes.sql", "CREATE TABLE leaky_notes (id ${pk}, text ${text} NOT NULL) ${table_options};\n");
  }

  @Test
  void unload_afterRoutesTasksEventsAndDatabase_classLoaderIsCollected() throws Exception {
    Files.createDirectories(dataDir.resolve("plugins"));
    leaky().writeJar(dataDir.resolve("plugins/leaky.jar"));
    try (TestKernel kernel = TestKernel.start(dataDir, Map.of())) {
      // given: the plugin used through routes, JSON, its DAO, its task, events and its cache
      TestHttp admin = kernel.admin();
      assertThat(admin.post("/api/v1/leaky/notes", "{\"id\":1,\"text\":\"first\"}").status()).isEqualTo(201);
      assertThat(admin.get("/api/v1/leaky/notes").json().get(0).path("text").asText()).isEqualTo("first");
      assertThat(admin.post("/api/v1/admin/tasks/leaky.work/run", null).status()).isEqualTo(202);
      Eventually.await("the task's note", () -> admin.get("/api/v1/leaky/notes").json().size() == 2);
      Eventually.await("the task to be idle", () -> admin.get("/api/v1/admin/tasks").json().findValues("running")
          .stream().allMatch(r -> r.isNull() || r.isMissingNode()));
      kernel.component().eventBus().publish("leaky.poke", "again");
      Eventually.await("the task's note on the event", () -> admin.get("/api/v1/leaky/notes").json().size() == 3);
      Eventually.await("the task to be idle", () -> admin.get("/api/v1/admin/tasks").json().findValues("running")
          .stream().allMatch(r -> r.isNull() || r.isMissingNode()));
      Eventually.await("the kernel's probe of its transcoder driver", () -> admin.get("/api/v1/admin/transcoding/hardware")
          .body().contains("no leaky hardware here"));
      WeakReference<ClassLoader> loader = LoaderProbe.loader("leaky");
      assertThat(loader.get() != null).as("the plugin reported its class loader").isTrue();

      // when
      assertThat(admin.post("/api/v1/admin/plugins/leaky/unload", null).status()).isEqualTo(204);

      // then: the route is gone and the loader is collected
      assertThat(admin.get("/api/v1/leaky/notes").status()).isEqualTo(404);
      awaitCollected(loader);
    }
  }

  /** Collects garbage until {@code reference} is cleared, for at most {@link #GC_WAIT}. */
  static void awaitCollected(WeakReference<?> reference) throws InterruptedException {
    long deadline = System.nanoTime() + GC_WAIT.toNanos();
    while (reference.get() != null) {
      if (System.nanoTime() > deadline) {
        dumpHeap(Path.of("target", "plugin-unload-leak.hprof"));
        throw new AssertionError("the plugin's class loader is still reachable " + GC_WAIT.toSeconds() + " s after its unload");
      }
      System.gc();
      Thread.sleep(100);
    }
  }

  private static void dumpHeap(Path file) {
    try {
      Files.deleteIfExists(file);
      java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .dumpHeap(file.toString(), true);
    } catch (java.io.IOException | RuntimeException e) {
      // the assertion that follows says what matters
    }
  }
}
