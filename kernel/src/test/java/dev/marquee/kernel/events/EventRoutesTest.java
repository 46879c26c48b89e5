package dev.marquee.kernel.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import dev.marquee.kernel.testing.SseClient;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRoutesTest {
  private static final String EVENTS = "/api/v1/events";

  @TempDir
  static Path dataDir;

  static TestKernel kernel;
  static String adminToken;
  static String userToken;

  /** Reports 0, 50 and 100 at once: 50 falls inside the publishing throttle, 0 and 100 never do. */
  static final class ProgressTask implements ScheduledTask {
    @Override
    public String id() {
      return "sse-test.progress";
    }

    @Override
    public String name() {
      return "Progress";
    }

    @Override
    public String description() {
      return "Reports progress for the event stream test.";
    }

    @Override
    public List<Trigger> defaultTriggers() {
      return List.of();
    }

    @Override
    public void run(TaskContext context) {
      context.progress(0, "starting");
      context.progress(50, "half");
      context.progress(100, "done");
    }
  }

  @BeforeAll
  static void start() {
    kernel = TestKernel.start(dataDir, Map.of());
    kernel.admin();
    kernel.user("viewer");
    adminToken = token(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD);
    userToken = token("viewer", TestKernel.USER_PASSWORD);
    kernel.component().taskRegistry().register("sse-test", List.of(new ProgressTask()));
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  @Test
  void events_withoutCredentials_401() {
    var response = kernel.http().get(EVENTS);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void events_malformedTopics_422() {
    var response = kernel.admin().get(EVENTS + "?topics=task,,Plugin");

    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void adminStream_taskRun_startedProgressFinishedWithIncreasingIds() throws Exception {
    try (SseClient admin = SseClient.open(kernel.http().uri(EVENTS), adminToken)) {
      assertThat(admin.response().statusCode()).isEqualTo(200);
      assertThat(admin.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

      // when
      String runId = kernel.admin().post("/api/v1/admin/tasks/sse-test.progress/run", null).json().path("runId").asText();

      // then
      List<SseClient.Received> received = new ArrayList<>();
      SseClient.Received next;
      do {
        next = admin.nextMatching(e -> e.data().path("data").path("runId").asText().equals(runId));
        received.add(next);
      } while (!next.event().equals("task.finished"));
      assertThat(received).extracting(SseClient.Received::event)
          .containsExactly("task.started", "task.progress", "task.progress", "task.finished");
      assertThat(received).extracting(e -> e.data().path("data").path("progress").asInt()).containsExactly(0, 0, 100, 100);
      assertThat(received).extracting(e -> e.data().path("data").path("status").asText())
          .containsExactly("RUNNING", "RUNNING", "RUNNING", "SUCCEEDED");
      SseClient.Received finished = received.get(3);
      assertThat(finished.data().path("topic").asText()).isEqualTo("task.finished");
      assertThat(Instant.parse(finished.data().path("at").asText())).isBefore(Instant.now().plusSeconds(1));
      assertThat(finished.data().path("data").path("taskId").asText()).isEqualTo("sse-test.progress");
      assertThat(finished.data().path("data").path("owner").asText()).isEqualTo("sse-test");
      assertThat(finished.data().path("data").path("message").asText()).isEqualTo("done");
      List<Long> ids = received.stream().map(e -> Long.parseLong(e.id())).toList();
      assertThat(ids).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void userStream_taskRun_receivesNoTaskEventsButOthers() throws Exception {
    try (SseClient user = SseClient.open(kernel.http().uri(EVENTS), userToken);
        SseClient admin = SseClient.open(kernel.http().uri(EVENTS), adminToken)) {
      assertThat(user.response().statusCode()).isEqualTo(200);

      // when: a task runs to its end, then a non-administrative event follows
      String runId = kernel.admin().post("/api/v1/admin/tasks/sse-test.progress/run", null).json().path("runId").asText();
      admin.nextMatching(e -> e.event().equals("task.finished") && e.data().path("data").path("runId").asText().equals(runId));
      kernel.component().eventBus().publish("plugin.state", Map.of("plugin", "example", "state", "STARTED"));
      kernel.component().eventBus().publish("library.updated", Map.of("library", 7));

      // then: the user's first event is the library one, and the admin sees both
      SseClient.Received first = user.next();
      assertThat(first.event()).isEqualTo("library.updated");
      assertThat(first.id()).isEqualTo("1");
      assertThat(first.data().path("data").path("library").asInt()).isEqualTo(7);
      assertThat(admin.nextMatching(e -> !e.event().startsWith("task.")).event()).isEqualTo("plugin.state");
      assertThat(admin.next().event()).isEqualTo("library.updated");
    }
  }

  @Test
  void topicsFilter_keepsOnlyTopicsUnderThePrefixes() throws Exception {
    try (SseClient admin = SseClient.open(kernel.http().uri(EVENTS + "?topics=library,media.scan"), adminToken)) {
      // when
      kernel.component().eventBus().publish("task.fake", "x");
      kernel.component().eventBus().publish("media.scanner", "not under media.scan");
      kernel.component().eventBus().publish("media.scan.done", "under media.scan");
      kernel.component().eventBus().publish("library", "the prefix itself");

      // then
      assertThat(admin.next().data().path("data").asText()).isEqualTo("under media.scan");
      assertThat(admin.next().data().path("data").asText()).isEqualTo("the prefix itself");
    }
  }

  @Test
  void clientHangsUp_idleStream_subscriptionClosedWithoutAnyEvent(@TempDir Path ownDataDir) throws Exception {
    // given: a kernel of its own, so that no other test's streams count, with frequent keep-alives
    try (TestKernel own = TestKernel.start(ownDataDir, Map.of("http.sse-keep-alive", "200ms"))) {
      own.admin();
      String token = ownToken(own);
      InProcessEventBus bus = (InProcessEventBus) own.component().eventBus();
      int before = bus.listenerCount();
      SseClient client = SseClient.open(own.http().uri(EVENTS), token);
      own.component().eventBus().publish("ping.test", 1);
      assertThat(client.next().event()).isEqualTo("ping.test");
      assertThat(bus.listenerCount()).isEqualTo(before + 1);

      // when
      client.close();

      // then: the next keep-alive write fails and drops the subscription, with no event published
      assertThat(eventually(() -> bus.listenerCount() == before)).isTrue();
    }
  }

  @Test
  void clientHangsUp_eventsKeepFlowing_otherStreamsUnaffected() throws Exception {
    try (SseClient staying = SseClient.open(kernel.http().uri(EVENTS), userToken)) {
      SseClient leaving = SseClient.open(kernel.http().uri(EVENTS), userToken);
      kernel.component().eventBus().publish("ping.first", 1);
      assertThat(leaving.next().event()).isEqualTo("ping.first");
      assertThat(staying.next().event()).isEqualTo("ping.first");

      // when
      leaving.close();
      for (int i = 0; i < 20; i++) {
        kernel.component().eventBus().publish("ping.more", i);
      }

      // then
      for (int i = 0; i < 20; i++) {
        assertThat(staying.next().data().path("data").asInt()).isEqualTo(i);
      }
    }
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static String ownToken(TestKernel own) {
    var login = own.http().post("/api/v1/auth/login",
        "{\"username\":\"" + TestKernel.ADMIN_USERNAME + "\",\"password\":\"" + TestKernel.ADMIN_PASSWORD + "\"}");
    return login.json().path("accessToken").asText();
  }

  private static String token(String username, String password) {
    var login = kernel.http().post("/api/v1/auth/login",
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    return login.json().path("accessToken").asText();
  }
}
