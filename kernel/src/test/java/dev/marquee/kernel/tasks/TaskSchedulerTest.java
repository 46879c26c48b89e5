package dev.marquee.kernel.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.event.Event;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.task.Trigger;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.testing.Eventually;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaskSchedulerTest {
  private static final String ENGINES = "dev.marquee.kernel.testing.TestDatabase#engines";

  @TempDir
  Path tempDir;

  @ParameterizedTest
  @MethodSource(ENGINES)
  void runNow_taskSucceeds_historyKeepsTheRun(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      f.scheduler.register("kernel", List.of(new TestTask("kernel.hello", ctx -> ctx.progress(40, "greeting"))));

      // when
      TaskRun started = f.scheduler.runNow("kernel.hello");
      TaskRunContext.RunEvent finished = f.events.awaitFinished(started.runId());

      // then
      assertThat(started.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
      TaskRun stored = f.store.find(started.runId()).orElseThrow();
      assertThat(stored.taskId()).isEqualTo("kernel.hello");
      assertThat(stored.owner()).isEqualTo("kernel");
      assertThat(stored.trigger()).isEqualTo(TriggerKind.MANUAL);
      assertThat(stored.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(stored.progress()).isEqualTo(100);
      assertThat(stored.message()).isEqualTo("greeting");
      assertThat(stored.error()).isNull();
      assertThat(stored.startedAt()).isEqualTo(TaskFixture.START);
      assertThat(stored.finishedAt()).isEqualTo(TaskFixture.START);
      assertThat(f.scheduler.runs("kernel.hello", 0, 10).items()).containsExactly(stored);
      assertThat(f.scheduler.tasks()).singleElement().satisfies(task -> {
        assertThat(task.running()).isEmpty();
        assertThat(task.lastRun()).contains(stored);
      });
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void progress_isClampedKeptLiveAndThrottledInStorageAndEvents(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: a task that moves the clock itself and notes what is stored and live at each step
      AtomicReference<List<Integer>> stored = new AtomicReference<>();
      AtomicReference<Integer> live = new AtomicReference<>();
      f.scheduler.register("kernel", List.of(new TestTask("kernel.steps", ctx -> {
        ctx.progress(-5, "start");          // t=0: clamped to 0, stored, published
        ctx.progress(10, "ten");            // t=0: neither stored nor published
        ctx.progress(20, "twenty");         // t=0: neither
        int storedAfterTwenty = f.store.find(ctx.runId()).orElseThrow().progress();
        live.set(f.scheduler.run(ctx.runId()).orElseThrow().progress());
        f.clock.advance(Duration.ofMillis(300));
        ctx.progress(30, "thirty");         // t=300: published, not stored
        int storedAfterThirty = f.store.find(ctx.runId()).orElseThrow().progress();
        f.clock.advance(Duration.ofMillis(700));
        ctx.progress(40, "forty");          // t=1000: stored and published
        int storedAfterForty = f.store.find(ctx.runId()).orElseThrow().progress();
        ctx.progress(150, "done");          // t=1000: clamped to 100, published (edge), not stored
        stored.set(List.of(storedAfterTwenty, storedAfterThirty, storedAfterForty));
      })));

      // when
      String runId = f.scheduler.runNow("kernel.steps").runId();
      f.events.awaitFinished(runId);

      // then
      assertThat(live.get()).isEqualTo(20);
      assertThat(stored.get()).containsExactly(0, 0, 40);
      List<Integer> published = f.events.events().stream()
          .filter(e -> e.topic().equals(TaskRunContext.PROGRESS))
          .map(e -> ((TaskRunContext.RunEvent) e.data()).progress())
          .toList();
      assertThat(published).containsExactly(0, 30, 40, 100);
      assertThat(f.store.find(runId).orElseThrow().progress()).isEqualTo(100);
      assertThat(f.store.find(runId).orElseThrow().message()).isEqualTo("done");
      List<String> topics = f.events.events().stream().map(Event::topic).toList();
      assertThat(topics).startsWith("task.started").endsWith("task.finished");
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void cancel_blockedTask_isInterruptedAndEndsCancelled(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      CountDownLatch running = new CountDownLatch(1);
      f.scheduler.register("kernel", List.of(new TestTask("kernel.block", ctx -> {
        running.countDown();
        new CountDownLatch(1).await();
      })));
      String runId = f.scheduler.runNow("kernel.block").runId();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      // when
      TaskRun answer = f.scheduler.cancel(runId);
      TaskRunContext.RunEvent finished = f.events.awaitFinished(runId);

      // then
      assertThat(answer.runId()).isEqualTo(runId);
      assertThat(finished.status()).isEqualTo(RunStatus.CANCELLED);
      TaskRun stored = f.store.find(runId).orElseThrow();
      assertThat(stored.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(stored.error()).isNull();
      assertThat(stored.finishedAt()).isNotNull();
      assertThatThrownBy(() -> f.scheduler.cancel(runId))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("RUN_FINISHED"));
    }
  }

  /** A task body that ignores cancellation and interrupts until {@code release} opens. */
  private static TestTask.Body stubborn(CountDownLatch started, CountDownLatch release) {
    return ctx -> {
      started.countDown();
      while (true) {
        try {
          release.await();
          return;
        } catch (InterruptedException ignored) {
          // a task that does not cooperate
        }
      }
    };
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void cancel_taskIgnoringCancellation_abandonedAsCancelledAndFreeToRunAgain(TestDatabase.Engine engine) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      CountDownLatch started = new CountDownLatch(1);
      f.scheduler.register("kernel", List.of(new TestTask("kernel.stuck", stubborn(started, release))));
      String runId = f.scheduler.runNow("kernel.stuck").runId();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      // when: an admin cancels it, and the cancellation's grace period passes
      f.scheduler.cancel(runId);
      assertThat(f.timer.pendingDelays()).containsExactly(TaskScheduler.CANCEL_WAIT.toMillis());
      f.timer.fireAll();

      // then
      TaskRunContext.RunEvent finished = f.events.awaitFinished(runId);
      assertThat(finished.status()).isEqualTo(RunStatus.CANCELLED);
      TaskRun stored = f.store.find(runId).orElseThrow();
      assertThat(stored.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(stored.error()).isEqualTo("did not stop within 5 s of its cancellation");
      assertThat(f.scheduler.runNow("kernel.stuck").status()).isEqualTo(RunStatus.RUNNING);
      release.countDown();
    } finally {
      release.countDown();
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void pluginTimeout_hungTasks_failedAndAbandoned_otherTasksStillRun(TestDatabase.Engine engine) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: both run threads held by a plugin's tasks that ignore cancellation
      CountDownLatch started = new CountDownLatch(2);
      f.scheduler.register("plugin-h", List.of(
          new TestTask("plugin-h.one", stubborn(started, release)), new TestTask("plugin-h.two", stubborn(started, release))));
      f.scheduler.register("kernel", List.of(new TestTask("kernel.quick", ctx -> ctx.progress(100, "quick"))));
      String one = f.scheduler.runNow("plugin-h.one").runId();
      String two = f.scheduler.runNow("plugin-h.two").runId();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      long limit = TaskScheduler.DEFAULT_PLUGIN_TIMEOUT.toMillis();
      assertThat(f.timer.pendingDelays()).containsExactly(limit, limit);

      // when: their time runs out, then the grace period after the cancellation
      f.timer.fireAll();
      assertThat(f.timer.pendingDelays()).containsExactly(TaskScheduler.CANCEL_WAIT.toMillis(), TaskScheduler.CANCEL_WAIT.toMillis());
      f.timer.fireAll();

      // then: both are failed with the reason, and a kernel task still gets a thread
      for (String runId : List.of(one, two)) {
        assertThat(f.events.awaitFinished(runId).status()).isEqualTo(RunStatus.FAILED);
        assertThat(f.store.find(runId).orElseThrow().error())
            .isEqualTo("timed out after 6 h (tasks.plugin-timeout); did not stop within 5 s of its cancellation");
      }
      String quick = f.scheduler.runNow("kernel.quick").runId();
      assertThat(f.events.awaitFinished(quick).status()).isEqualTo(RunStatus.SUCCEEDED);

      // when the stubborn tasks finally return, the pool gives back the threads it lent
      release.countDown();
      java.util.concurrent.ThreadPoolExecutor pool = (java.util.concurrent.ThreadPoolExecutor) f.runner;
      dev.marquee.kernel.testing.Eventually.await("the pool back at 2 threads", () -> pool.getCorePoolSize() == 2);
      assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
      assertThat(f.store.find(one).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    } finally {
      release.countDown();
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void pluginTimeout_cooperativeTask_endsFailedWithTheReason(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      CountDownLatch started = new CountDownLatch(1);
      f.scheduler.register("plugin-s", List.of(new TestTask("plugin-s.slow", ctx -> {
        started.countDown();
        new CountDownLatch(1).await();
      })));
      String runId = f.scheduler.runNow("plugin-s.slow").runId();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      // when
      f.timer.fireAll();

      // then: interrupted, it ends at once, FAILED rather than CANCELLED, and nothing is left armed
      assertThat(f.events.awaitFinished(runId).status()).isEqualTo(RunStatus.FAILED);
      assertThat(f.store.find(runId).orElseThrow().error()).isEqualTo("timed out after 6 h (tasks.plugin-timeout)");
      assertThat(f.timer.pendingDelays()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void cancel_taskThatChecksAndReturns_endsCancelled(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: one task stops by checkCancelled(), one by returning once it sees the flag
      CountDownLatch running = new CountDownLatch(2);
      f.scheduler.register("kernel", List.of(
          new TestTask("kernel.checks", ctx -> {
            running.countDown();
            while (true) {
              ctx.checkCancelled();
              Thread.onSpinWait();
            }
          }),
          new TestTask("kernel.returns", ctx -> {
            running.countDown();
            while (!ctx.isCancelled()) {
              Thread.onSpinWait();
            }
          })));
      String checks = f.scheduler.runNow("kernel.checks").runId();
      String returns = f.scheduler.runNow("kernel.returns").runId();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      // when
      f.scheduler.cancel(checks);
      f.scheduler.cancel(returns);

      // then
      assertThat(f.events.awaitFinished(checks).status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(f.events.awaitFinished(returns).status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(f.store.find(checks).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(f.store.find(returns).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void run_taskThrows_failedWithItsMessage(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      f.scheduler.register("kernel", List.of(new TestTask("kernel.broken", ctx -> {
        ctx.progress(30, "copying");
        throw new IllegalStateException("disk full");
      })));

      // when
      String runId = f.scheduler.runNow("kernel.broken").runId();
      TaskRunContext.RunEvent finished = f.events.awaitFinished(runId);

      // then
      assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
      TaskRun stored = f.store.find(runId).orElseThrow();
      assertThat(stored.status()).isEqualTo(RunStatus.FAILED);
      assertThat(stored.error()).isEqualTo("disk full");
      assertThat(stored.progress()).isEqualTo(30);
      assertThat(stored.message()).isEqualTo("copying");
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void trigger_whileTaskRuns_isSkipped(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: a running task with interval and event triggers
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger runs = new AtomicInteger();
      f.scheduler.register("kernel", List.of(new TestTask("kernel.slow", ctx -> {
        runs.incrementAndGet();
        running.countDown();
        release.await();
      }, Trigger.every(Duration.ofMinutes(5)), Trigger.onEvent("library.changed"))));
      String runId = f.scheduler.runNow("kernel.slow").runId();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      // when: every trigger fires while it runs
      f.clock.advance(Duration.ofMinutes(5));
      assertThat(f.timer.fireAll()).isEqualTo(1);
      try (EventRecorder library = new EventRecorder(f.bus, "library")) {
        f.bus.publish("library.changed", null);
        // subscribed after the trigger: seeing the event means the trigger has handled it
        library.await(e -> e.topic().equals("library.changed"));
      }
      assertThatThrownBy(() -> f.scheduler.runNow("kernel.slow"))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("TASK_RUNNING");
          });
      release.countDown();
      f.events.awaitFinished(runId);

      // then
      assertThat(runs.get()).isEqualTo(1);
      assertThat(f.scheduler.runs("kernel.slow", 0, 10).total()).isEqualTo(1);
      assertThat(f.timer.pendingDelays()).containsExactly(Duration.ofMinutes(5).toMillis());
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void runSoon_whileTaskRuns_runsEachWaitingRequestOnceAfterIt(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: a running task that records what it was asked
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      List<Object> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
      f.scheduler.register("kernel", List.of(new TestTask("kernel.scan", ctx -> {
        asked.add(ctx.triggeringEvent().map(Event::data).orElseThrow());
        running.countDown();
        release.await();
      })));
      String first = f.scheduler.runSoon("kernel.scan", new Event("scan", Map.of("id", 1), Instant.EPOCH)).orElseThrow();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      // when: two more requests come while it runs, one of them twice
      assertThat(f.scheduler.runSoon("kernel.scan", new Event("scan", Map.of("id", 2), Instant.EPOCH))).isEmpty();
      assertThat(f.scheduler.runSoon("kernel.scan", new Event("scan", Map.of("id", 3), Instant.EPOCH))).isEmpty();
      assertThat(f.scheduler.runSoon("kernel.scan", new Event("scan", Map.of("id", 2), Instant.EPOCH))).isEmpty();
      release.countDown();
      f.events.awaitFinished(first);

      // then: each waiting request ran once, in order, one run after the other (the last run is
      // stored as ended a moment before its task is marked idle)
      Eventually.await("three runs, then an idle task", () -> f.scheduler.runs("kernel.scan", 0, 10).items().stream()
          .filter(r -> r.status() == RunStatus.SUCCEEDED).count() == 3
          && f.scheduler.tasks().get(0).running().isEmpty());
      assertThat(asked).containsExactly(Map.of("id", 1), Map.of("id", 2), Map.of("id", 3));
      assertThat(f.scheduler.runs("kernel.scan", 0, 10).items()).hasSize(3)
          .allSatisfy(run -> assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED));
      assertThat(f.scheduler.tasks()).singleElement().satisfies(task -> assertThat(task.running()).isEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void runSoon_waitingWhenUnregistered_isDropped(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given a running task with a waiting request
      CountDownLatch running = new CountDownLatch(1);
      AtomicInteger runs = new AtomicInteger();
      f.scheduler.register("plugin-q", List.of(new TestTask("plugin-q.work", ctx -> {
        runs.incrementAndGet();
        running.countDown();
        while (!ctx.isCancelled()) {
          Thread.sleep(5);
        }
      })));
      String first = f.scheduler.runSoon("plugin-q.work", new Event("go", 1, Instant.EPOCH)).orElseThrow();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(f.scheduler.runSoon("plugin-q.work", new Event("go", 2, Instant.EPOCH))).isEmpty();

      // when
      f.scheduler.unregister("plugin-q");

      // then
      assertThat(f.events.awaitFinished(first).status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(runs.get()).isEqualTo(1);
      assertThat(f.store.find(first).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void intervalTrigger_firesAfterEachPeriod(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      f.scheduler.register("plugin-a", List.of(new TestTask("plugin-a.tick", ctx -> {}, Trigger.every(Duration.ofHours(1)))));
      assertThat(f.timer.pendingDelays()).containsExactly(3_600_000L);
      assertThat(f.scheduler.runs("plugin-a.tick", 0, 10).total()).isZero();

      // when
      f.clock.advance(Duration.ofHours(1));
      f.timer.fireAll();

      // then
      TaskRunContext.RunEvent finished = f.events.awaitFinishedTask("plugin-a.tick");
      TaskRun stored = f.store.find(finished.runId()).orElseThrow();
      assertThat(stored.trigger()).isEqualTo(TriggerKind.INTERVAL);
      assertThat(stored.owner()).isEqualTo("plugin-a");
      assertThat(f.timer.pendingDelays()).containsExactly(3_600_000L);
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void onStartTrigger_runsOnceAtRegistration(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // when
      f.scheduler.register("kernel", List.of(new TestTask("kernel.boot", ctx -> {}, Trigger.onStart())));

      // then
      TaskRunContext.RunEvent finished = f.events.awaitFinishedTask("kernel.boot");
      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(f.store.find(finished.runId()).orElseThrow().trigger()).isEqualTo(TriggerKind.START);
      assertThat(f.scheduler.runs("kernel.boot", 0, 10).total()).isEqualTo(1);
      assertThat(f.timer.pendingDelays()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void onEventTrigger_runsOnTheExactTopicWithTheEvent(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      AtomicReference<Event> seen = new AtomicReference<>();
      f.scheduler.register("plugin-b", List.of(new TestTask("plugin-b.react",
          ctx -> seen.set(ctx.triggeringEvent().orElseThrow()), Trigger.onEvent("library.scanned"))));

      // when: a sub-topic first, which must not trigger it, then the topic itself
      f.bus.publish("library.scanned.partially", "no");
      f.bus.publish("library.scanned", "movies");

      // then
      TaskRunContext.RunEvent finished = f.events.awaitFinishedTask("plugin-b.react");
      assertThat(seen.get().topic()).isEqualTo("library.scanned");
      assertThat(seen.get().data()).isEqualTo("movies");
      assertThat(f.store.find(finished.runId()).orElseThrow().trigger()).isEqualTo(TriggerKind.EVENT);
      assertThat(f.scheduler.runs("plugin-b.react", 0, 10).total()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void onEventTrigger_onTaskFinished_ignoresItsOwnRuns(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: a task that runs after every finished task run
      f.scheduler.register("kernel", List.of(
          new TestTask("kernel.after", ctx -> {}, Trigger.onEvent("task.finished")),
          new TestTask("kernel.before", ctx -> {})));

      // when: it runs once by hand, then another task finishes
      f.events.awaitFinished(f.scheduler.runNow("kernel.after").runId());
      f.events.awaitFinished(f.scheduler.runNow("kernel.before").runId());
      TaskRunContext.RunEvent afterBefore = (TaskRunContext.RunEvent) f.events.await(e -> e.topic().equals("task.finished")
          && ((TaskRunContext.RunEvent) e.data()).taskId().equals("kernel.after")
          && f.store.find(((TaskRunContext.RunEvent) e.data()).runId()).orElseThrow().trigger() == TriggerKind.EVENT).data();

      // then: its own endings did not trigger it again
      assertThat(afterBefore.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(f.scheduler.runs("kernel.after", 0, 10).items()).extracting(TaskRun::trigger)
          .containsExactly(TriggerKind.EVENT, TriggerKind.MANUAL);
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void cronTrigger_armsForTheNextMatchInUtc(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: the clock stands at 02:59:30 UTC
      f.scheduler.register("kernel", List.of(new TestTask("kernel.nightly", ctx -> {}, Trigger.cron("0 3 * * *"))));

      // then: the first firing is 30 s away
      assertThat(f.timer.pendingDelays()).containsExactly(30_000L);

      // when: it fires on time
      f.clock.set(Instant.parse("2026-03-01T03:00:00Z"));
      f.timer.fireAll();

      // then: it ran, and the next firing is tomorrow at 03:00
      TaskRunContext.RunEvent finished = f.events.awaitFinishedTask("kernel.nightly");
      assertThat(f.store.find(finished.runId()).orElseThrow().trigger()).isEqualTo(TriggerKind.CRON);
      assertThat(f.timer.pendingDelays()).containsExactly(Duration.ofDays(1).toMillis());
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void register_invalidCron_refusedNamingTheTaskAndNothingRegistered(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // when / then
      assertThatThrownBy(() -> f.scheduler.register("plugin-c", List.of(
          new TestTask("plugin-c.fine", ctx -> {}, Trigger.onStart()),
          new TestTask("plugin-c.bad", ctx -> {}, Trigger.cron("61 * * * *")))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("plugin-c.bad")
          .hasMessageContaining("61 * * * *");
      assertThat(f.scheduler.tasks()).isEmpty();
      assertThat(f.timer.pendingDelays()).isEmpty();
      assertThatThrownBy(() -> f.scheduler.runs("plugin-c.fine", 0, 10))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void register_idTakenByAnotherOwner_refusedAndNothingRegistered(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      f.scheduler.register("plugin-a", List.of(new TestTask("shared.id", ctx -> {})));

      // when / then
      assertThatThrownBy(() -> f.scheduler.register("plugin-b", List.of(
          new TestTask("plugin-b.own", ctx -> {}, Trigger.every(Duration.ofMinutes(1))),
          new TestTask("shared.id", ctx -> {}))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("shared.id")
          .hasMessageContaining("plugin-a");
      assertThat(f.scheduler.tasks()).extracting(TaskScheduler.TaskView::id).containsExactly("shared.id");
      assertThat(f.scheduler.tasks()).extracting(TaskScheduler.TaskView::owner).containsExactly("plugin-a");
      assertThat(f.timer.pendingDelays()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void unregister_cancelsRunningRunsAndStopsTheirTriggers(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: a plugin task running, with timers and an event subscription, and a kernel task
      CountDownLatch running = new CountDownLatch(1);
      AtomicInteger runs = new AtomicInteger();
      f.scheduler.register("plugin-x", List.of(new TestTask("plugin-x.work", ctx -> {
        runs.incrementAndGet();
        running.countDown();
        new CountDownLatch(1).await();
      }, Trigger.every(Duration.ofMinutes(1)), Trigger.cron("*/5 * * * *"), Trigger.onEvent("plugin-x.poke"))));
      f.scheduler.register("kernel", List.of(new TestTask("kernel.stays", ctx -> {}, Trigger.every(Duration.ofHours(2)))));
      String runId = f.scheduler.runNow("plugin-x.work").runId();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      // when
      f.scheduler.unregister("plugin-x");

      // then: the run ended cancelled before unregister returned, and nothing of the task is left
      assertThat(f.store.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(f.timer.pendingDelays()).containsExactly(Duration.ofHours(2).toMillis());
      assertThat(f.scheduler.tasks()).extracting(TaskScheduler.TaskView::id).containsExactly("kernel.stays");
      try (EventRecorder poke = new EventRecorder(f.bus, "plugin-x")) {
        f.bus.publish("plugin-x.poke", null);
        poke.await(e -> true);
      }
      assertThatThrownBy(() -> f.scheduler.runNow("plugin-x.work"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThat(runs.get()).isEqualTo(1);
      // the history outlives the task, and the id is free again
      assertThat(f.scheduler.runs("plugin-x.work", 0, 10).total()).isEqualTo(1);
      f.scheduler.register("plugin-y", List.of(new TestTask("plugin-x.work", ctx -> {})));
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void start_marksLeftoverRunningRunsInterrupted(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: a run a crashed process left RUNNING, and a finished one
      f.storedRun("stale", "kernel.old", RunStatus.RUNNING, TaskFixture.START.minusSeconds(600));
      f.storedRun("done", "kernel.old", RunStatus.SUCCEEDED, TaskFixture.START.minusSeconds(900));

      // when
      f.scheduler.start(Set.of(new TestTask("kernel.fresh", ctx -> {})));

      // then
      TaskRun stale = f.store.find("stale").orElseThrow();
      assertThat(stale.status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(stale.finishedAt()).isEqualTo(TaskFixture.START);
      assertThat(stale.error()).isNotBlank();
      assertThat(f.store.find("done").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(f.scheduler.tasks()).singleElement().satisfies(task -> {
        assertThat(task.id()).isEqualTo("kernel.fresh");
        assertThat(task.owner()).isEqualTo("kernel");
      });
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void runs_pagesNewestFirstWithTotal(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      for (int i = 0; i < 5; i++) {
        f.storedRun("run-" + i, "kernel.paged", RunStatus.SUCCEEDED, TaskFixture.START.minusSeconds(100 - i));
      }

      // when
      TaskScheduler.RunPage page = f.scheduler.runs("kernel.paged", 1, 2);

      // then
      assertThat(page.total()).isEqualTo(5);
      assertThat(page.items()).extracting(TaskRun::runId).containsExactly("run-3", "run-2");
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void pruneTaskHistory_deletesOldRunsButKeepsTheLast20OfEachTask(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given: retention 30 days; "a" has 22 old and 3 recent runs, "b" 3 old ones, "c" 30 recent ones
      Instant old = TaskFixture.START.minus(Duration.ofDays(40));
      for (int i = 0; i < 22; i++) {
        f.storedRun("a-old-" + i, "a", RunStatus.SUCCEEDED, old.plusSeconds(i));
      }
      for (int i = 0; i < 3; i++) {
        f.storedRun("a-new-" + i, "a", RunStatus.FAILED, TaskFixture.START.minus(Duration.ofDays(1)).plusSeconds(i));
        f.storedRun("b-old-" + i, "b", RunStatus.SUCCEEDED, old.plusSeconds(i));
      }
      for (int i = 0; i < 30; i++) {
        f.storedRun("c-new-" + i, "c", RunStatus.SUCCEEDED, TaskFixture.START.minus(Duration.ofHours(1)).plusSeconds(i));
      }
      PruneTaskHistory prune = new PruneTaskHistory(() -> f.scheduler, new Config(Map.of("tasks.history-retention", "30d")), f.clock);
      f.scheduler.register("kernel", List.of(prune));

      // when
      String runId = f.scheduler.runNow(PruneTaskHistory.ID).runId();
      TaskRunContext.RunEvent finished = f.events.awaitFinished(runId);

      // then
      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(finished.message()).isEqualTo("deleted 5 run(s)");
      TaskScheduler.RunPage a = f.scheduler.runs("a", 0, 500);
      assertThat(a.total()).isEqualTo(20);
      assertThat(a.items()).extracting(TaskRun::runId)
          .contains("a-new-0", "a-new-2", "a-old-5", "a-old-21")
          .doesNotContain("a-old-0", "a-old-4");
      assertThat(f.scheduler.runs("b", 0, 500).total()).isEqualTo(3);
      assertThat(f.scheduler.runs("c", 0, 500).total()).isEqualTo(30);
      assertThat(f.scheduler.runs(PruneTaskHistory.ID, 0, 10).total()).isEqualTo(1);
      assertThat(prune.defaultTriggers()).singleElement().isInstanceOf(Trigger.Cron.class);
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void stop_cancelsRunsAndRefusesNewRegistrations(TestDatabase.Engine engine) throws Exception {
    try (TaskFixture f = new TaskFixture(engine, tempDir)) {
      // given
      CountDownLatch running = new CountDownLatch(1);
      f.scheduler.register("kernel", List.of(new TestTask("kernel.long", ctx -> {
        running.countDown();
        new CountDownLatch(1).await();
      }, Trigger.every(Duration.ofMinutes(10)))));
      String runId = f.scheduler.runNow("kernel.long").runId();
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

      // when
      f.scheduler.stop();

      // then
      assertThat(f.store.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(f.timer.pendingDelays()).isEmpty();
      assertThatThrownBy(() -> f.scheduler.register("late", List.of(new TestTask("late.task", ctx -> {}))))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
