package dev.marquee.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.testkit.JsonHttp;
import dev.marquee.testkit.MarqueeTest;
import dev.marquee.testkit.PluginTestKernel;
import dev.marquee.testkit.TaskResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin as compiled (target/classes and its filtered manifest), in a real kernel started by
 * the plugin test kit for each test: what a plugin author's tests look like.
 */
@MarqueeTest(settings = "plugins.example.greeting=Hi from the settings")
class GreetingsTest {
  private static final String GREETINGS = "/api/v1/example/greetings";

  @Test
  void plugin_atStart_isStartedWithItsRoutesAndTask(PluginTestKernel kernel) {
    JsonNode plugin = kernel.plugin("example");

    assertThat(plugin.path("state").asText()).isEqualTo("STARTED");
    assertThat(plugin.path("version").asText()).isEqualTo("0.1.0");
    assertThat(plugin.path("tasks").get(0).asText()).isEqualTo("example.greet");
    assertThat(plugin.path("routes")).hasSize(2);
  }

  @Test
  void list_withoutCredentials_unauthorized(PluginTestKernel kernel) {
    JsonHttp.Response answer = kernel.http().get(GREETINGS);

    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void add_thenList_newestFirstWithTotal(PluginTestKernel kernel) {
    // given
    JsonHttp ann = kernel.user("ann");

    // when
    JsonHttp.Response first = ann.post(GREETINGS, "{\"text\":\"first\"}");
    JsonHttp.Response second = ann.postJson(GREETINGS, new GreetingRoutes.NewGreeting("  second  "));

    // then
    assertThat(first.status()).isEqualTo(201);
    assertThat(second.json().path("text").asText()).isEqualTo("second");
    JsonNode page = ann.get(GREETINGS).json();
    assertThat(page.path("total").asInt()).isEqualTo(2);
    assertThat(texts(page)).containsExactly("second", "first");
  }

  @Test
  void add_badInput_answersTheRightError(PluginTestKernel kernel) {
    JsonHttp ann = kernel.user("ann");

    assertThat(ann.post(GREETINGS, "{\"text\":").errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(ann.post(GREETINGS, "{\"text\":\"   \"}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(ann.post(GREETINGS, "{\"text\":\"" + "x".repeat(281) + "\"}").status()).isEqualTo(422);
    assertThat(ann.get(GREETINGS + "?limit=501").status()).isEqualTo(422);
    assertThat(ann.get(GREETINGS).json().path("total").asInt()).isZero();
  }

  @Test
  void greetTask_run_storesTheConfiguredGreeting(PluginTestKernel kernel) throws Exception {
    // when
    TaskResult run = kernel.runTask("example.greet");

    // then
    assertThat(run.succeeded()).as(run.toString()).isTrue();
    assertThat(run.progress()).isEqualTo(100);
    assertThat(texts(kernel.user("bob").get(GREETINGS).json())).containsExactly("Hi from the settings");
    int rows = kernel.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM example_greetings").mapTo(Integer.class).one());
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void stop_routeAndTaskGo(PluginTestKernel kernel) {
    // when
    JsonHttp.Response stopped = kernel.admin().post("/api/v1/admin/plugins/example/stop", null);

    // then
    assertThat(stopped.json().path("state").asText()).isEqualTo("STOPPED");
    assertThat(kernel.user("ann").get(GREETINGS).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(kernel.admin().post("/api/v1/admin/tasks/example.greet/run", null).status()).isEqualTo(404);
  }

  static List<String> texts(JsonNode page) {
    List<String> texts = new ArrayList<>();
    page.path("items").forEach(item -> texts.add(item.path("text").asText()));
    return texts;
  }
}
