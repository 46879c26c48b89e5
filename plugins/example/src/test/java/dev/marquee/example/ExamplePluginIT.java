package dev.marquee.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.testkit.JsonHttp;
import dev.marquee.testkit.PluginTestKernel;
import dev.marquee.testkit.TaskResult;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance test of the plugin system: the packaged zip runs in a real kernel (started by the
 * plugin test kit) on SQLite and MariaDB; its route answers, its task runs, and once stopped its
 * route is gone. The plain jar can be loaded at run time.
 */
class ExamplePluginIT {
  private static final String GREETINGS = "/api/v1/example/greetings";

  @TempDir
  Path dataDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void packagedZip_routeTaskAndStop_behaveEndToEnd(TestDatabase.Engine engine) throws Exception {
    // given: the zip that `mvn package` built, in a fresh kernel
    Path zip = Path.of(System.getProperty("marquee.plugin.zip", "target/marquee-plugin-example-0.1.0.zip"));
    assertThat(zip).as("run `mvn package` first").isRegularFile();

    try (TestDatabase db = TestDatabase.create(engine, dataDir);
        PluginTestKernel kernel = PluginTestKernel.builder().plugin(zip).settings(db.settings()).start()) {
      JsonHttp admin = kernel.admin();
      JsonHttp ann = kernel.user("ann");

      // then: the plugin is started, with its route and task
      JsonNode plugin = kernel.plugin("example");
      assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
      assertThat(plugin.path("requires").asText()).isEqualTo(">=0.1.0");
      assertThat(plugin.path("tasks").get(0).asText()).isEqualTo("example.greet");
      assertThat(plugin.path("routes")).hasSize(2);

      // the route: users only, validated, newest first
      assertThat(kernel.http().get(GREETINGS).status()).isEqualTo(401);
      assertThat(ann.post(GREETINGS, "{\"text\":\"first\"}").status()).isEqualTo(201);
      JsonHttp.Response created = ann.post(GREETINGS, "{\"text\":\"  second  \"}");
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().path("text").asText()).isEqualTo("second");
      assertThat(Instant.parse(created.json().path("createdAt").asText())).isNotNull();
      assertThat(ann.post(GREETINGS, "{\"text\":\"   \"}").status()).isEqualTo(422);
      assertThat(ann.post(GREETINGS, "{\"text\":").errorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(GreetingsTest.texts(ann.get(GREETINGS).json())).containsExactly("second", "first");

      // the task, run by an admin: its greeting appears
      TaskResult run = kernel.runTask("example.greet");
      assertThat(run.status()).isEqualTo("SUCCEEDED");
      assertThat(run.progress()).isEqualTo(100);
      assertThat(GreetingsTest.texts(ann.get(GREETINGS).json()).get(0)).isEqualTo("Hello from the example plugin");

      // when: an admin stops the plugin
      JsonHttp.Response stopped = admin.post("/api/v1/admin/plugins/example/stop", null);

      // then: its route answers 404 with the JSON error, and its task is gone
      assertThat(stopped.json().path("state").asText()).isEqualTo("STOPPED");
      JsonHttp.Response gone = ann.get(GREETINGS);
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.errorCode()).isEqualTo("NOT_FOUND");
      assertThat(admin.post("/api/v1/admin/tasks/example.greet/run", null).status()).isEqualTo(404);
    }
  }

  @Test
  void packagedJar_unloadedThenLoadedAtRuntime_servesItsRoute() throws Exception {
    // given: a kernel started with the plain jar, which an admin unloads (its file stays)
    Path jar = Path.of(System.getProperty("marquee.plugin.jar", "target/marquee-plugin-example-0.1.0.jar"));
    assertThat(jar).as("run `mvn package` first").isRegularFile();
    try (PluginTestKernel kernel = PluginTestKernel.start(jar)) {
      assertThat(kernel.admin().post("/api/v1/admin/plugins/example/unload", null).status()).isEqualTo(204);
      assertThat(kernel.user("bob").get(GREETINGS).status()).isEqualTo(404);

      // when
      JsonHttp.Response loaded = kernel.admin().post("/api/v1/admin/plugins/load",
          "{\"file\":\"" + jar.getFileName() + "\"}");

      // then
      assertThat(loaded.status()).isEqualTo(201);
      assertThat(loaded.json().path("state").asText()).isEqualTo("STARTED");
      JsonHttp bob = kernel.user("bob");
      assertThat(bob.post(GREETINGS, "{\"text\":\"from a jar\"}").status()).isEqualTo(201);
      assertThat(GreetingsTest.texts(bob.get(GREETINGS).json())).containsExactly("from a jar");
    }
  }
}
