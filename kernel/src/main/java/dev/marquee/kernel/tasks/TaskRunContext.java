package dev.marquee.kernel.tasks;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskCancelledException;
import dev.marquee.api.task.TaskContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run in progress: the {@link TaskContext} its task sees, the thread it runs on, and its
 * throttled reporting. Progress is kept in memory at once, written to the history at most every
 * {@link #PERSIST_EVERY} and at the end, and published as {@value #PROGRESS} at most every
 * {@link #PUBLISH_EVERY} (always when it reaches 0 or 100).
 */
final class TaskRunContext implements TaskContext {
  private static final Logger log = LoggerFactory.getLogger(TaskRunContext.class);
  static final String STARTED = "task.started";
  static final String PROGRESS = "task.progress";
  static final String FINISHED = "task.finished";
  static final Duration PERSIST_EVERY = Duration.ofSeconds(1);
  static final Duration PUBLISH_EVERY = Duration.ofMillis(250);

  /** The data of the {@code task.*} events. */
  record RunEvent(String runId, String taskId, String owner, RunStatus status, int progress, String message) {}

  private final String runId;
  private final ScheduledTask task;
  private final String owner;
  private final TriggerKind trigger;
  private final Event triggeringEvent;
  private final Instant startedAt;
  private final TaskRunStore store;
  private final EventBus bus;
  private final Clock clock;
  private final Consumer<TaskRunContext> onEnd;
  private final CountDownLatch done = new CountDownLatch(1);

  private volatile boolean cancelled;
  /** Why the kernel (not an admin) cancelled the run, which then ends FAILED with it; null otherwise. */
  private volatile String failure;
  // guarded by this
  private int progress;
  private String message;
  private RunStatus status = RunStatus.RUNNING;
  private String error;
  private Instant finishedAt;
  private long persistedAt = Long.MIN_VALUE / 2;
  private long publishedAt = Long.MIN_VALUE / 2;
  private int publishedProgress = -1;
  private Thread thread;
  private boolean ended;
  private boolean abandoned;

  TaskRunContext(String runId, ScheduledTask task, String owner, TriggerKind trigger, Event triggeringEvent,
      TaskRunStore store, EventBus bus, Clock clock, Consumer<TaskRunContext> onEnd) {
    this.runId = runId;
    this.task = task;
    this.owner = owner;
    this.trigger = trigger;
    this.triggeringEvent = triggeringEvent;
    this.startedAt = clock.instant();
    this.store = store;
    this.bus = bus;
    this.clock = clock;
    this.onEnd = onEnd;
  }

  @Override
  public String runId() {
    return runId;
  }

  String taskId() {
    return task.id();
  }

  String owner() {
    return owner;
  }

  TriggerKind trigger() {
    return trigger;
  }

  Instant startedAt() {
    return startedAt;
  }

  @Override
  public Optional<Event> triggeringEvent() {
    return Optional.ofNullable(triggeringEvent);
  }

  @Override
  public void progress(int percent, String text) {
    int clamped = Math.max(0, Math.min(100, percent));
    long now = clock.millis();
    boolean persist;
    boolean publish;
    RunEvent event;
    synchronized (this) {
      if (status != RunStatus.RUNNING) {
        return;
      }
      progress = clamped;
      message = text;
      persist = now - persistedAt >= PERSIST_EVERY.toMillis();
      if (persist) {
        persistedAt = now;
      }
      boolean edge = (clamped == 0 || clamped == 100) && clamped != publishedProgress;
      publish = edge || now - publishedAt >= PUBLISH_EVERY.toMillis();
      if (publish) {
        publishedAt = now;
        publishedProgress = clamped;
      }
      event = eventData();
    }
    if (persist) {
      try {
        store.updateProgress(runId, clamped, text);
      } catch (RuntimeException e) {
        log.warn("cannot store the progress of task run {} ({})", runId, task.id(), e);
      }
    }
    if (publish) {
      bus.publish(PROGRESS, event);
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void checkCancelled() {
    if (cancelled) {
      throw new TaskCancelledException();
    }
  }

  /** Asks the run to stop: sets the flag and interrupts its thread. Idempotent. */
  void cancel() {
    cancelled = true;
    synchronized (this) {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  /**
   * Cancels the run because the kernel gave up on it (it ran past its time limit): it ends FAILED
   * with {@code reason} instead of CANCELLED.
   */
  void fail(String reason) {
    failure = reason;
    cancel();
  }

  /**
   * Ends a cancelled run that has not stopped, without waiting for its task any longer: its history
   * says why, its task is free to run again, and its thread is left to the task; whatever the task
   * does afterwards is not recorded.
   *
   * @return true when this ended the run, false when it had ended already
   */
  boolean abandon(String why) {
    synchronized (this) {
      if (ended) {
        return false;
      }
      ended = true;
      abandoned = true;
    }
    log.warn("task {} ({}) run {} {}: abandoned, its thread is left to it", task.id(), owner, runId, why);
    String reason = failure != null ? failure + "; " + why : why;
    record(failure != null ? RunStatus.FAILED : RunStatus.CANCELLED, reason);
    return true;
  }

  /** Whether {@link #abandon} ended this run while its task still held the thread. */
  synchronized boolean abandoned() {
    return abandoned;
  }

  /** Whether the run has ended (recorded), normally or abandoned. */
  synchronized boolean ended() {
    return ended;
  }

  /** Waits until the run has ended and its history is written. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the task on the calling thread and records how it ended; never throws but for VM errors. */
  void execute() {
    synchronized (this) {
      thread = Thread.currentThread();
    }
    RunStatus outcome;
    String reason = null;
    Throwable fatal = null;
    try {
      if (cancelled) {
        outcome = RunStatus.CANCELLED;
      } else {
        log.debug("task {} ({}) started: run {} on {} trigger", task.id(), owner, runId, trigger.label());
        task.run(this);
        outcome = cancelled ? RunStatus.CANCELLED : RunStatus.SUCCEEDED;
      }
    } catch (TaskCancelledException e) {
      outcome = RunStatus.CANCELLED;
    } catch (InterruptedException e) {
      outcome = cancelled ? RunStatus.CANCELLED : RunStatus.FAILED;
      reason = cancelled ? null : "interrupted";
    } catch (Throwable e) {
      // a plugin's task may throw anything, LinkageErrors included: the run must still be recorded
      outcome = cancelled ? RunStatus.CANCELLED : RunStatus.FAILED;
      reason = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
      log.warn("task {} ({}) failed in run {}", task.id(), owner, runId, e);
      if (e instanceof VirtualMachineError) {
        fatal = e;
      }
    } finally {
      synchronized (this) {
        thread = null;
      }
      // a cancel() that raced with the end must not leak its interrupt into the pool's next job
      Thread.interrupted();
    }
    if (outcome == RunStatus.CANCELLED && failure != null) {
      outcome = RunStatus.FAILED;
      reason = failure;
    }
    end(outcome, reason);
    if (fatal instanceof Error vmError) {
      throw vmError;
    }
  }

  /** Records the end once: a run {@link #abandon abandoned} earlier keeps that end. */
  private void end(RunStatus outcome, String reason) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    record(outcome, reason);
  }

  private void record(RunStatus outcome, String reason) {
    RunEvent event;
    synchronized (this) {
      status = outcome;
      error = reason;
      finishedAt = clock.instant();
      if (outcome == RunStatus.SUCCEEDED) {
        progress = 100;
      }
      event = eventData();
    }
    try {
      store.finish(runId, outcome.name(), event.progress(), event.message(), reason, finishedAt.toEpochMilli());
    } catch (RuntimeException e) {
      log.error("cannot store the end ({}) of task run {} ({})", outcome, runId, task.id(), e);
    }
    if (outcome == RunStatus.SUCCEEDED || outcome == RunStatus.CANCELLED) {
      log.info("task {} ({}) {} after {} ms", task.id(), owner, outcome.name().toLowerCase(java.util.Locale.ROOT),
          Duration.between(startedAt, finishedAt).toMillis());
    }
    onEnd.accept(this);
    bus.publish(FINISHED, event);
    done.countDown();
  }

  /** Ends a run that never got a thread (its history row could not be written). */
  void discard() {
    synchronized (this) {
      ended = true;
    }
    onEnd.accept(this);
    done.countDown();
  }

  synchronized RunEvent eventData() {
    return new RunEvent(runId, task.id(), owner, status, progress, message);
  }

  synchronized TaskRun snapshot() {
    return new TaskRun(runId, task.id(), owner, trigger, status, progress, message, error, startedAt, finishedAt);
  }
}
