package dev.marquee.kernel.tasks;

import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.events.InProcessEventBus;
import dev.marquee.kernel.testing.MutableClock;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scheduler over a real, migrated database of one engine, a real event bus, a {@link
 * MutableClock} and a {@link ManualTimer}; runs go to a real pool of two threads.
 */
final class TaskFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-01T02:59:30Z");

  final TestDatabase testDatabase;
  final Database database;
  final MutableClock clock = new MutableClock(START);
  final ManualTimer timer = new ManualTimer();
  final ExecutorService runner = Executors.newFixedThreadPool(2);
  /**
   * One event thread: listeners then run in the order they subscribed, so a test listener that
   * subscribed after a task's event trigger sees an event only after the trigger has handled it.
   */
  final ExecutorService eventThreads = Executors.newSingleThreadExecutor();
  final InProcessEventBus bus = new InProcessEventBus(eventThreads, clock);
  final TaskScheduler scheduler;
  /** Reads the stored history directly, past the scheduler's live view. */
  final TaskRunStore store;
  final EventRecorder events;

  TaskFixture(TestDatabase.Engine engine, Path tempDir) {
    testDatabase = TestDatabase.create(engine, tempDir);
    database = Database.open(new Config(testDatabase.settings()));
    database.migrateKernel();
    store = database.jdbi().onDemand(TaskRunStore.class);
    scheduler = new TaskScheduler(database.jdbi(), bus, clock, timer, runner, TaskScheduler.DEFAULT_PLUGIN_TIMEOUT);
    events = new EventRecorder(bus, "task");
  }

  /** A finished run written straight into the history. */
  void storedRun(String runId, String taskId, RunStatus status, Instant startedAt) {
    store.insertRunning(runId, taskId, "test", TriggerKind.MANUAL.label(), startedAt.toEpochMilli());
    if (status != RunStatus.RUNNING) {
      store.finish(runId, status.name(), 100, null, null, startedAt.plusSeconds(1).toEpochMilli());
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      scheduler.stop();
      events.close();
      eventThreads.shutdownNow();
      database.close();
    } finally {
      testDatabase.close();
    }
  }
}
