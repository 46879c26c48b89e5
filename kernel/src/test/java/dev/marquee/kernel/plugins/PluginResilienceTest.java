package dev.marquee.kernel.plugins;

import static dev.marquee.kernel.plugins.PluginJar.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.Eventually;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.testplugins.HangingTask;
import dev.marquee.testplugins.ThrowingPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that throws in start, or whose task hangs, is marked failed; the kernel and the other
 * plugins keep serving. Through a whole kernel over HTTP.
 */
class PluginResilienceTest {
  @TempDir
  Path dataDir;

  TestKernel kernel;

  @BeforeEach
  void start() throws Exception {
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    PluginHostTest.hello().writeJar(plugins.resolve("hello.jar"));
    plugin("throwing").mainClass(ThrowingPlugin.class).writeJar(plugins.resolve("throwing.jar"));
    plugin("hang").extension(HangingTask.class).writeJar(plugins.resolve("hang.jar"));
    kernel = TestKernel.start(dataDir, Map.of("tasks.plugin-timeout", "1s", "tasks.threads", "1"));
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  @Test
  void start_pluginThrows_failedWithTheReason_whileTheOthersServe() {
    JsonNode throwing = pluginView("throwing");

    assertThat(throwing.path("state").asText()).isEqualTo("FAILED");
    assertThat(throwing.path("error").asText()).isEqualTo("start failed: cannot reach the licence server");
    assertThat(throwing.path("routes")).isEmpty();
    assertThat(pluginView("hello").path("state").asText()).isEqualTo("STARTED");
    assertThat(kernel.http().get("/api/v1/hello/ada").status()).isEqualTo(200);
    assertThat(kernel.http().get("/api/v1/system/health").status()).isEqualTo(200);
  }

  @Test
  void pluginTask_hangsPastTheTimeout_failedAndOtherTasksAndRoutesKeepAnswering() throws Exception {
    // given: the one run thread (tasks.threads=1) taken by a task that ignores its cancellation
    TestHttp admin = kernel.admin();
    String hung = admin.post("/api/v1/admin/tasks/hang.forever/run", null).json().path("runId").asText();

    // then: routes answer meanwhile
    assertThat(kernel.http().get("/api/v1/hello/ada").json().path("greeting").asText()).isEqualTo("hello ada");

    // when: its time (1 s) and the cancellation's grace (5 s) pass
    AtomicReference<JsonNode> last = new AtomicReference<>();
    Eventually.await("the hung run to end", Duration.ofSeconds(30), () -> {
      last.set(admin.get("/api/v1/admin/tasks/hang.forever/runs").json().path("items").get(0));
      return !last.get().path("status").asText().equals("RUNNING");
    }, () -> String.valueOf(last.get()));

    // then: it is failed with the reason, and another plugin's task runs although the stuck thread is still held
    assertThat(last.get().path("runId").asText()).isEqualTo(hung);
    assertThat(last.get().path("status").asText()).isEqualTo("FAILED");
    assertThat(last.get().path("error").asText()).startsWith("timed out after 1 s (tasks.plugin-timeout)");
    String tick = admin.post("/api/v1/admin/tasks/hello.tick/run", null).json().path("runId").asText();
    Eventually.await("hello.tick to succeed", Duration.ofSeconds(30), () ->
        admin.get("/api/v1/admin/tasks/hello.tick/runs").json().path("items").get(0).path("status").asText().equals("SUCCEEDED"));
    assertThat(admin.get("/api/v1/admin/tasks/hello.tick/runs").json().path("items").get(0).path("runId").asText()).isEqualTo(tick);
    assertThat(kernel.http().get("/api/v1/hello/bob").status()).isEqualTo(200);
  }

  private JsonNode pluginView(String id) {
    for (JsonNode plugin : kernel.admin().get("/api/v1/admin/plugins").json()) {
      if (plugin.path("id").asText().equals(id)) {
        return plugin;
      }
    }
    throw new AssertionError("no plugin " + id);
  }
}
