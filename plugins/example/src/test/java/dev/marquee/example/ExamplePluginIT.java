package dev.marquee.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance test of the plugin system: the packaged zip, dropped into a plugins directory, runs
 * in a real kernel; its route answers, its task runs, and once stopped its route is gone.
 */
class ExamplePluginIT {
  private static final String GREETINGS = "/api/v1/example/greetings";

  @TempDir
  Path dataDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void packagedZip_routeTaskAndStop_behaveEndToEnd(TestDatabase.Engine engine) throws Exception {
    // given: the zip that `mvn package` built, in the plugins directory of a fresh kernel
    Path zip = Path.of(System.getProperty("marquee.plugin.zip", "target/marquee-plugin-example-0.1.0.zip"));
    assertThat(zip).as("run `mvn package` first").isRegularFile();
    Files.createDirectories(dataDir.resolve("plugins"));
    Files.copy(zip, dataDir.resolve("plugins").resolve(zip.getFileName()));

    try (TestDatabase db = TestDatabase.create(engine, dataDir);
        TestKernel kernel = TestKernel.start(dataDir, db.settings())) {
      TestHttp admin = kernel.admin();
      TestHttp ann = kernel.user("ann");

      // then: the plugin is started, with its route and task
      JsonNode plugin = admin.get("/api/v1/admin/plugins").json().get(0);
      assertThat(plugin.path("id").asText()).isEqualTo("example");
      assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
      assertThat(plugin.path("requires").asText()).isEqualTo(">=0.1.0");
      assertThat(plugin.path("tasks").get(0).asText()).isEqualTo("example.greet");
      assertThat(plugin.path("routes")).hasSize(2);

      // the route: users only, validated, newest first
      assertThat(kernel.http().get(GREETINGS).status()).isEqualTo(401);
      assertThat(ann.post(GREETINGS, "{\"text\":\"first\"}").status()).isEqualTo(201);
      var created = ann.post(GREETINGS, "{\"text\":\"  second  \"}");
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("text").asText()).isEqualTo("second");
      assertThat(Instant.parse(created.json().path("createdAt").asText())).isNotNull();
      assertThat(ann.post(GREETINGS, "{\"text\":\"   \"}").status()).isEqualTo(422);
      assertThat(ann.post(GREETINGS, "{\"text\":\"" + "x".repeat(281) + "\"}").errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(ann.post(GREETINGS, "{\"text\":").errorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(ann.get(GREETINGS + "?limit=501").status()).isEqualTo(400);
      var page = ann.get(GREETINGS).json();
      assertThat(page.path("total").asInt()).isEqualTo(2);
      assertThat(texts(page)).containsExactly("second", "first");

      // the task, run by an admin: its greeting appears
      var run = admin.post("/api/v1/admin/tasks/example.greet/run", null);
      assertThat(run.status()).isEqualTo(202);
      JsonNode greeted = await(() -> ann.get(GREETINGS).json(), p -> p.path("total").asInt() == 3);
      assertThat(texts(greeted).get(0)).isEqualTo("Hello from the example plugin");
      JsonNode finished = await(() -> admin.get("/api/v1/admin/tasks/example.greet/runs").json().path("items").get(0),
          r -> r.path("status").asText().equals("SUCCEEDED"));
      assertThat(finished.path("progress").asInt()).isEqualTo(100);

      // when: an admin stops the plugin
      var stopped = admin.post("/api/v1/admin/plugins/example/stop", null);

      // then: its route answers 404 with the JSON error, and its task is gone
      assertThat(stopped.json().path("state").asText()).isEqualTo("STOPPED");
      var gone = ann.get(GREETINGS);
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("NOT_FOUND");
      assertThat(admin.post("/api/v1/admin/tasks/example.greet/run", null).status()).isEqualTo(404);
    }
  }

  private static List<String> texts(JsonNode page) {
    List<String> texts = new ArrayList<>();
    page.path("items").forEach(item -> texts.add(item.path("text").asText()));
    return texts;
  }

  private static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    JsonNode last = read.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("still not there after 10 s: " + last);
      }
      Thread.sleep(50);
      last = read.get();
    }
    return last;
  }
}
