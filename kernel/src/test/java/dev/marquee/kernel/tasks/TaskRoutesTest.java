package dev.marquee.kernel.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.task.Trigger;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskRoutesTest {
  @TempDir
  static Path dataDir;

  static TestKernel kernel;
  static TestHttp admin;
  static EventRecorder events;
  static volatile CountDownLatch gateRunning = new CountDownLatch(1);

  @BeforeAll
  static void start() {
    kernel = TestKernel.start(dataDir, Map.of());
    admin = kernel.admin();
    events = new EventRecorder(kernel.component().eventBus(), "task");
    kernel.component().taskRegistry().register("routes-test", List.of(
        new TestTask("routes-test.gate", ctx -> {
          ctx.progress(10, "waiting at the gate");
          gateRunning.countDown();
          new CountDownLatch(1).await();
        }, Trigger.every(Duration.ofHours(6)), Trigger.onEvent("library.scanned")),
        new TestTask("routes-test.quick", ctx -> ctx.progress(50, "half way"))));
  }

  @AfterAll
  static void stop() {
    events.close();
    kernel.close();
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /api/v1/admin/tasks",
      "GET, /api/v1/admin/tasks/routes-test.quick/runs",
      "POST, /api/v1/admin/tasks/routes-test.quick/run",
      "DELETE, /api/v1/admin/tasks/runs/some-run"})
  void taskRoutes_withoutCredentials401_forNonAdmin403(String method, String path) {
    var anonymous = kernel.http().send(method, path, null);
    var user = kernel.user("viewer").send(method, path, null);

    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(user.status()).as(user.toString()).isEqualTo(403);
    assertThat(user.errorCode()).isEqualTo("FORBIDDEN");
  }

  @Test
  void list_showsKernelAndRegisteredTasksWithTheirTriggers() {
    // when
    var response = admin.get("/api/v1/admin/tasks");

    // then
    assertThat(response.status()).isEqualTo(200);
    JsonNode prune = find(response.json(), "kernel.prune-task-history");
    assertThat(prune.path("owner").asText()).isEqualTo("kernel");
    assertThat(prune.path("name").asText()).isNotBlank();
    assertThat(prune.path("triggers").get(0).path("type").asText()).isEqualTo("cron");
    assertThat(prune.path("triggers").get(0).path("expression").asText()).isEqualTo("17 4 * * *");
    JsonNode gate = find(response.json(), "routes-test.gate");
    assertThat(gate.path("owner").asText()).isEqualTo("routes-test");
    assertThat(gate.path("description").asText()).isEqualTo("A task of a test.");
    assertThat(gate.path("triggers").toString())
        .isEqualTo("[{\"type\":\"interval\",\"every\":\"PT6H\"},{\"type\":\"event\",\"topic\":\"library.scanned\"}]");
    assertThat(find(response.json(), "routes-test.quick").path("triggers").size()).isZero();
  }

  @Test
  void runNowThenHistory_quickTask_succeededRunWithIsoTimes() throws Exception {
    // when
    var started = admin.post("/api/v1/admin/tasks/routes-test.quick/run", null);
    String runId = started.json().path("runId").asText();
    events.awaitFinished(runId);
    var history = admin.get("/api/v1/admin/tasks/routes-test.quick/runs?limit=1");

    // then
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(started.json().path("taskId").asText()).isEqualTo("routes-test.quick");
    assertThat(started.json().path("trigger").asText()).isEqualTo("manual");
    assertThat(started.json().path("status").asText()).isEqualTo("RUNNING");
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.json().path("total").asInt()).isPositive();
    assertThat(history.json().path("offset").asInt()).isZero();
    assertThat(history.json().path("limit").asInt()).isEqualTo(1);
    JsonNode run = history.json().path("items").get(0);
    assertThat(run.path("runId").asText()).isEqualTo(runId);
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("progress").asInt()).isEqualTo(100);
    assertThat(run.path("message").asText()).isEqualTo("half way");
    assertThat(run.path("error").isNull()).isTrue();
    assertThat(run.path("startedAt").asText()).endsWith("Z");
    Instant finishedAt = Instant.parse(run.path("finishedAt").asText());
    assertThat(finishedAt).isAfterOrEqualTo(Instant.parse(run.path("startedAt").asText()));
    JsonNode quick = find(admin.get("/api/v1/admin/tasks").json(), "routes-test.quick");
    assertThat(quick.path("running").isNull()).isTrue();
    assertThat(quick.path("lastRun").path("runId").asText()).isEqualTo(runId);
  }

  @Test
  void runThenCancel_gateTask_409WhileRunningThenCancelledThen409RunFinished() throws Exception {
    // given
    gateRunning = new CountDownLatch(1);
    var started = admin.post("/api/v1/admin/tasks/routes-test.gate/run", null);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String runId = started.json().path("runId").asText();
    assertThat(gateRunning.await(10, TimeUnit.SECONDS)).isTrue();

    // when: a second run while it runs, then a cancellation
    var again = admin.post("/api/v1/admin/tasks/routes-test.gate/run", null);
    JsonNode listed = find(admin.get("/api/v1/admin/tasks").json(), "routes-test.gate");
    var cancel = admin.delete("/api/v1/admin/tasks/runs/" + runId);
    events.awaitFinished(runId);
    var cancelAgain = admin.delete("/api/v1/admin/tasks/runs/" + runId);
    var history = admin.get("/api/v1/admin/tasks/routes-test.gate/runs");

    // then
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("TASK_RUNNING");
    assertThat(listed.path("running").path("runId").asText()).isEqualTo(runId);
    assertThat(listed.path("running").path("progress").asInt()).isEqualTo(10);
    assertThat(listed.path("running").path("message").asText()).isEqualTo("waiting at the gate");
    assertThat(listed.path("running").path("finishedAt").isNull()).isTrue();
    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
    assertThat(cancel.json().path("runId").asText()).isEqualTo(runId);
    assertThat(cancelAgain.status()).isEqualTo(409);
    assertThat(cancelAgain.errorCode()).isEqualTo("RUN_FINISHED");
    JsonNode run = history.json().path("items").get(0);
    assertThat(run.path("runId").asText()).isEqualTo(runId);
    assertThat(run.path("status").asText()).isEqualTo("CANCELLED");
    assertThat(run.path("progress").asInt()).isEqualTo(10);
  }

  @Test
  void unknownTaskOrRun_404() {
    var run = admin.post("/api/v1/admin/tasks/no.such.task/run", null);
    var runs = admin.get("/api/v1/admin/tasks/no.such.task/runs");
    var cancel = admin.delete("/api/v1/admin/tasks/runs/no-such-run");

    assertThat(run.status()).isEqualTo(404);
    assertThat(run.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(runs.status()).isEqualTo(404);
    assertThat(cancel.status()).isEqualTo(404);
    assertThat(cancel.errorCode()).isEqualTo("NOT_FOUND");
  }

  @ParameterizedTest
  @CsvSource({"limit=0", "limit=501", "limit=ten", "offset=-1", "offset=1.5"})
  void runs_badPaging_422ValidationFailed(String query) {
    var response = admin.get("/api/v1/admin/tasks/routes-test.quick/runs?" + query);

    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  private static JsonNode find(JsonNode tasks, String id) {
    for (JsonNode task : tasks) {
      if (task.path("id").asText().equals(id)) {
        return task;
      }
    }
    throw new AssertionError("no task " + id + " in " + tasks);
  }
}
