package dev.marquee.kernel.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.SseClient;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin admin routes and a plugin's routes and tasks, through a whole kernel over HTTP. */
class PluginAdminRoutesTest {
  private static final String PLUGINS = "/api/v1/admin/plugins";

  @TempDir
  Path dataDir;

  TestKernel kernel;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(dataDir.resolve("plugins"));
    PluginHostTest.hello().writeJar(dataDir.resolve("plugins/hello.jar"));
    kernel = TestKernel.start(dataDir, Map.of("plugins.hello.greeting", "good morning"));
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  @Test
  void pluginRoute_atBoot_answersWithItsContext() {
    var response = kernel.http().get("/api/v1/hello/ada");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("greeting").asText()).isEqualTo("good morning ada");
    assertThat(response.json().path("plugin").asText()).isEqualTo("hello");
    assertThat(response.json().path("dataDir").asText()).isEqualTo(dataDir.resolve("plugin-data/hello").toString());
  }

  @Test
  void stop_isStreamedToAdminsAsPluginState() throws Exception {
    // given: an admin listening to plugin events
    kernel.admin();
    String token = kernel.http().post("/api/v1/auth/login",
        "{\"username\":\"" + TestKernel.ADMIN_USERNAME + "\",\"password\":\"" + TestKernel.ADMIN_PASSWORD + "\"}")
        .json().path("accessToken").asText();
    try (SseClient events = SseClient.open(kernel.http().uri("/api/v1/events?topics=plugin"), token)) {
      assertThat(events.response().statusCode()).isEqualTo(200);

      // when
      kernel.admin().post(PLUGINS + "/hello/stop", null);

      // then
      SseClient.Received state = events.nextMatching(e -> "plugin.state".equals(e.event()));
      assertThat(state.data().path("data").path("pluginId").asText()).isEqualTo("hello");
      assertThat(state.data().path("data").path("state").asText()).isEqualTo("STOPPED");
    }
  }

  @Test
  void list_asAdmin_showsThePluginWithRoutesAndTasks() {
    var response = kernel.admin().get(PLUGINS);

    assertThat(response.status()).isEqualTo(200);
    JsonNode hello = response.json().get(0);
    assertThat(hello.path("id").asText()).isEqualTo("hello");
    assertThat(hello.path("version").asText()).isEqualTo("1.0.0");
    assertThat(hello.path("provider").asText()).isEqualTo("Marquee tests");
    assertThat(hello.path("requires").asText()).isEqualTo(">=0.1.0");
    assertThat(hello.path("state").asText()).isEqualTo("STARTED");
    assertThat(hello.path("error").isNull()).isTrue();
    assertThat(hello.path("routes").get(0).path("path").asText()).isEqualTo("/api/v1/hello/{name}");
    assertThat(hello.path("tasks").get(0).asText()).isEqualTo("hello.tick");
    assertThat(taskIds()).contains("hello.tick");
  }

  @Test
  void stopThenStart_routeAndTaskDisappearAndComeBack() {
    // when
    var stopped = kernel.admin().post(PLUGINS + "/hello/stop", null);

    // then
    assertThat(stopped.status()).isEqualTo(200);
    assertThat(stopped.json().path("state").asText()).isEqualTo("STOPPED");
    var gone = kernel.http().get("/api/v1/hello/ada");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(taskIds()).doesNotContain("hello.tick");
    assertThat(kernel.http().get("/api/v1/openapi.json").json().path("paths").has("/api/v1/hello/{name}")).isFalse();

    // when
    var started = kernel.admin().post(PLUGINS + "/hello/start", null);

    // then
    assertThat(started.json().path("state").asText()).isEqualTo("STARTED");
    assertThat(kernel.http().get("/api/v1/hello/ada").status()).isEqualTo(200);
    assertThat(taskIds()).contains("hello.tick");
  }

  @Test
  void unloadThenLoad_pluginGoesAndComesBack() {
    assertThat(kernel.admin().post(PLUGINS + "/hello/unload", null).status()).isEqualTo(204);
    assertThat(kernel.admin().get(PLUGINS).json()).isEmpty();
    assertThat(kernel.http().get("/api/v1/hello/ada").status()).isEqualTo(404);

    var loaded = kernel.admin().post(PLUGINS + "/load", "{\"file\":\"hello.jar\"}");

    assertThat(loaded.status()).isEqualTo(201);
    assertThat(loaded.json().path("state").asText()).isEqualTo("STARTED");
    assertThat(kernel.http().get("/api/v1/hello/ada").status()).isEqualTo(200);
  }

  @Test
  void load_badRequests_answerTheRightError() {
    TestHttp admin = kernel.admin();
    assertThat(admin.post(PLUGINS + "/load", "{\"file\":").errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(admin.post(PLUGINS + "/load", "{\"file\":").status()).isEqualTo(400);
    assertThat(admin.post(PLUGINS + "/load", "{\"file\":\"../hello.jar\"}").status()).isEqualTo(422);
    assertThat(admin.post(PLUGINS + "/load", "{\"file\":\"" + dataDir.resolve("plugins/hello.jar") + "\"}").status()).isEqualTo(422);
    assertThat(admin.post(PLUGINS + "/load", "{}").status()).isEqualTo(422);
    assertThat(admin.post(PLUGINS + "/load", "{\"file\":\"missing.zip\"}").status()).isEqualTo(404);
    var again = admin.post(PLUGINS + "/load", "{\"file\":\"hello.jar\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("PLUGIN_LOADED");
  }

  @Test
  void unknownPlugin_notFound() {
    assertThat(kernel.admin().post(PLUGINS + "/nope/start", null).status()).isEqualTo(404);
    assertThat(kernel.admin().post(PLUGINS + "/nope/stop", null).status()).isEqualTo(404);
    assertThat(kernel.admin().post(PLUGINS + "/nope/unload", null).status()).isEqualTo(404);
    assertThat(kernel.admin().delete(PLUGINS + "/nope").status()).isEqualTo(404);
  }

  @Test
  void adminRoutes_withoutCredentials401_forUsers403() {
    TestHttp user = kernel.user("bob");
    List<String[]> routes = List.of(
        new String[] {"GET", PLUGINS},
        new String[] {"POST", PLUGINS + "/load"},
        new String[] {"POST", PLUGINS + "/hello/start"},
        new String[] {"POST", PLUGINS + "/hello/stop"},
        new String[] {"POST", PLUGINS + "/hello/unload"},
        new String[] {"DELETE", PLUGINS + "/hello"});
    for (String[] route : routes) {
      String body = route[0].equals("POST") ? "{\"file\":\"hello.jar\"}" : null;
      assertThat(kernel.http().send(route[0], route[1], body).status()).as("anonymous " + route[1]).isEqualTo(401);
      assertThat(user.send(route[0], route[1], body).status()).as("user " + route[1]).isEqualTo(403);
    }
    assertThat(kernel.http().get("/api/v1/hello/ada").status()).isEqualTo(200);
  }

  private List<String> taskIds() {
    List<String> ids = new ArrayList<>();
    kernel.admin().get("/api/v1/admin/tasks").json().forEach(task -> ids.add(task.path("id").asText()));
    return ids;
  }
}
