package dev.marquee.kernel.tasks;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.Trigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskRegistry}: runs registered tasks on their triggers and on request, one run per
 * task at a time, on a bounded pool, and keeps their history in {@code task_runs}.
 *
 * <p>Timed triggers re-arm themselves on the timer after each firing (cron: the next matching
 * minute in UTC after the planned time; interval: one period after the planned time), so every
 * delay is computed from the injected {@link Clock}. A trigger that fires while its task runs is
 * skipped.
 *
 * <p>A plugin's run that goes on past {@code tasks.plugin-timeout} is cancelled and ends FAILED. A
 * cancelled run (by an admin, a time-out, its plugin's stop) that still has not ended {@link
 * #CANCEL_WAIT} later is abandoned: recorded as ended, its task free to run again, and the run pool
 * one thread larger until the task gives its thread back, so a task that ignores cancellation
 * cannot take the other tasks' threads.
 */
@Singleton
final class TaskScheduler implements TaskRegistry {
  private static final Logger log = LoggerFactory.getLogger(TaskScheduler.class);
  static final String KERNEL_OWNER = "kernel";
  /** How long {@link #unregister} and {@link #stop} wait for cancelled runs to end. */
  static final Duration CANCEL_WAIT = Duration.ofSeconds(5);
  /** The default {@code tasks.plugin-timeout}: generous, for imports of large libraries. */
  static final Duration DEFAULT_PLUGIN_TIMEOUT = Duration.ofHours(6);
  private static final int MAX_ID_LENGTH = 200;
  private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** A registered task with what makes it run. */
  record TaskView(String id, String name, String description, String owner, List<Trigger> triggers,
      Optional<TaskRun> running, Optional<TaskRun> lastRun) {}

  /** One page of a task's history and the size of the whole. */
  record RunPage(List<TaskRun> items, int total) {}

  private final TaskRunStore store;
  private final EventBus bus;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final ExecutorService runner;
  private final Object lock = new Object();
  // guarded by lock for writes; read freely
  private final Map<String, Registered> tasks = new ConcurrentHashMap<>();
  private final Map<String, TaskRunContext> runs = new ConcurrentHashMap<>();
  /** The time-out and cancellation timers of runs in progress, by run id; cancelled when the run ends. */
  private final Map<String, List<ScheduledFuture<?>>> watchdogs = new ConcurrentHashMap<>();
  private final Duration pluginTimeout;
  /** The run pool's own size, and the threads it lends abandoned runs (guarded by the pool; see {@link #resizePool}). */
  private final int poolSize;
  private int lentThreads;
  private boolean stopped;

  /** @param pluginTimeout how long a plugin's run may take; zero or negative: no limit */
  @Inject
  TaskScheduler(Jdbi jdbi, EventBus bus, Clock clock, @Named("tasks.timer") ScheduledExecutorService timer,
      @Named("tasks.runs") ExecutorService runner, @Named("tasks.plugin-timeout") Duration pluginTimeout) {
    this.store = jdbi.onDemand(TaskRunStore.class);
    this.bus = bus;
    this.clock = clock;
    this.timer = timer;
    this.runner = runner;
    this.pluginTimeout = pluginTimeout;
    this.poolSize = runner instanceof ThreadPoolExecutor pool ? pool.getCorePoolSize() : 0;
  }

  /** Marks runs a previous process left RUNNING as INTERRUPTED, then registers the kernel's tasks. */
  void start(Collection<? extends ScheduledTask> kernelTasks) {
    int leftovers = store.interruptLeftovers(clock.millis());
    if (leftovers > 0) {
      log.warn("{} task run(s) were still running when the server last stopped: marked INTERRUPTED", leftovers);
    }
    register(KERNEL_OWNER, kernelTasks);
  }

  /** Cancels every run, waits briefly for them, and shuts the timer and the run pool down. */
  void stop() throws InterruptedException {
    List<Registered> all;
    synchronized (lock) {
      stopped = true;
      all = List.copyOf(tasks.values());
      tasks.clear();
    }
    all.forEach(Registered::deactivate);
    List<TaskRunContext> running = List.copyOf(runs.values());
    running.forEach(TaskRunContext::cancel);
    awaitEnd(running, "the server stops");
    timer.shutdownNow();
    // queued runs still execute, see their cancellation and record it
    runner.shutdown();
    if (!runner.awaitTermination(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      runner.shutdownNow();
    }
  }

  @Override
  public void register(String owner, Collection<? extends ScheduledTask> newTasks) {
    if (owner == null || owner.isBlank() || owner.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("task owner must be 1-" + MAX_ID_LENGTH + " characters: " + owner);
    }
    Map<String, Registered> prepared = new LinkedHashMap<>();
    synchronized (lock) {
      if (stopped) {
        throw new IllegalStateException("the task scheduler has stopped");
      }
      for (ScheduledTask task : newTasks) {
        String id = task.id();
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
          throw new IllegalArgumentException("task id must be 1-" + MAX_ID_LENGTH + " characters (owner " + owner + "): " + id);
        }
        Registered existing = tasks.get(id);
        if (existing != null || prepared.containsKey(id)) {
          throw new IllegalArgumentException("task id " + id + " of " + owner + " is already registered by "
              + (existing != null ? existing.owner : owner));
        }
        List<Trigger> triggers = task.defaultTriggers();
        if (triggers == null || triggers.stream().anyMatch(t -> t == null)) {
          throw new IllegalArgumentException("task " + id + " of " + owner + " has null triggers");
        }
        prepared.put(id, new Registered(owner, task, List.copyOf(triggers)));
      }
      tasks.putAll(prepared);
      prepared.values().forEach(this::arm);
    }
    if (!prepared.isEmpty()) {
      log.info("{} registered {} task(s): {}", owner, prepared.size(), String.join(", ", prepared.keySet()));
    }
  }

  @Override
  public void unregister(String owner) {
    List<Registered> removed = new ArrayList<>();
    synchronized (lock) {
      tasks.values().removeIf(r -> r.owner.equals(owner) && removed.add(r));
    }
    List<TaskRunContext> cancelled = new ArrayList<>();
    for (Registered reg : removed) {
      reg.deactivate().ifPresent(run -> {
        run.cancel();
        cancelled.add(run);
      });
    }
    try {
      awaitEnd(cancelled, owner + " is unregistered");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!removed.isEmpty()) {
      log.info("{} unregistered {} task(s)", owner, removed.size());
    }
  }

  /** The registered tasks by id, with their current and last finished run. */
  List<TaskView> tasks() {
    return tasks.values().stream()
        .sorted(Comparator.comparing(r -> r.task.id()))
        .map(r -> new TaskView(r.task.id(), r.task.name(), r.task.description(), r.owner, r.triggers,
            r.current().map(TaskRunContext::snapshot), store.lastFinished(r.task.id())))
        .toList();
  }

  /**
   * A page of a task's history, newest first; a run in progress shows its live progress.
   *
   * @throws ApiException 404 when the task is neither registered nor in the history
   */
  RunPage runs(String taskId, int offset, int limit) {
    TaskRunStore.HistoryPage history = store.historyOf(taskId, offset, limit);
    if (history.total() == 0 && !tasks.containsKey(taskId)) {
      throw ApiException.notFound("no task " + taskId);
    }
    List<TaskRun> items = history.items().stream()
        .map(run -> Optional.ofNullable(runs.get(run.runId())).map(TaskRunContext::snapshot).orElse(run))
        .toList();
    return new RunPage(items, history.total());
  }

  /** A run, live when it is in progress. */
  Optional<TaskRun> run(String runId) {
    TaskRunContext live = runs.get(runId);
    return live != null ? Optional.of(live.snapshot()) : store.find(runId);
  }

  /**
   * Starts a run of {@code taskId} now.
   *
   * @throws ApiException 404 for an unknown task, 409 TASK_RUNNING when it runs already
   */
  TaskRun runNow(String taskId) {
    Registered reg = tasks.get(taskId);
    if (reg == null) {
      throw ApiException.notFound("no task " + taskId);
    }
    return tryStart(reg, TriggerKind.MANUAL, null)
        .orElseThrow(() -> ApiException.conflict("TASK_RUNNING", "task " + taskId + " is running already"));
  }

  @Override
  public Optional<String> runSoon(String taskId, Event parameter) {
    Registered reg = tasks.get(taskId);
    if (reg == null) {
      throw new IllegalArgumentException("no task " + taskId);
    }
    TaskRunContext run;
    synchronized (reg) {
      if (!reg.active) {
        return Optional.empty();
      }
      if (reg.running != null) {
        boolean waiting = reg.queued.stream()
            .anyMatch(e -> e.topic().equals(parameter.topic()) && Objects.equals(e.data(), parameter.data()));
        if (!waiting) {
          reg.queued.add(parameter);
        }
        return Optional.empty();
      }
      run = claim(reg, TriggerKind.MANUAL, parameter);
    }
    return Optional.of(launch(run).runId());
  }

  /**
   * Asks a run in progress to stop; it ends as CANCELLED once its task notices, or is abandoned
   * {@link #CANCEL_WAIT} later.
   *
   * @throws ApiException 404 for an unknown run, 409 RUN_FINISHED for one that has ended
   */
  TaskRun cancel(String runId) {
    TaskRunContext live = runs.get(runId);
    if (live != null) {
      live.cancel();
      watch(live, CANCEL_WAIT, () -> abandonIfRunning(live, "did not stop within " + CANCEL_WAIT.toSeconds() + " s of its cancellation"));
      return live.snapshot();
    }
    TaskRun stored = store.find(runId).orElseThrow(() -> ApiException.notFound("no task run " + runId));
    if (stored.status() == RunStatus.RUNNING) {
      // a run this process does not own (another node, or a row being written this instant)
      throw ApiException.conflict("RUN_NOT_HERE", "run " + runId + " is not running in this server");
    }
    throw ApiException.conflict("RUN_FINISHED", "run " + runId + " has ended: " + stored.status());
  }

  /** Deletes finished runs older than {@code cutoff}, keeping each task's {@code keep} newest runs. */
  int pruneHistory(Instant cutoff, int keep) {
    return store.prune(cutoff.toEpochMilli(), keep);
  }

  /**
   * Parses a five-field Unix cron expression.
   *
   * @throws IllegalArgumentException naming the task when the expression is invalid
   */
  static ExecutionTime parseCron(String taskId, String expression) {
    try {
      Cron cron = CRON.parse(expression.trim());
      cron.validate();
      return ExecutionTime.forCron(cron);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("task " + taskId + ": invalid cron expression '" + expression + "': " + e.getMessage(), e);
    }
  }

  private void arm(Registered reg) {
    for (Trigger trigger : reg.triggers) {
      if (trigger instanceof Trigger.Interval interval) {
        reg.timed.add(new TimedTrigger(reg, TriggerKind.INTERVAL,
            planned -> Optional.of(planned.plus(interval.period())), clock.instant()));
      } else if (trigger instanceof Trigger.Cron cron) {
        ExecutionTime schedule = reg.cronSchedules.get(cron.expression());
        reg.timed.add(new TimedTrigger(reg, TriggerKind.CRON,
            planned -> schedule.nextExecution(planned.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toInstant),
            clock.instant()));
      } else if (trigger instanceof Trigger.OnEvent onEvent) {
        reg.subscriptions.add(bus.subscribe(onEvent.topic(), event -> {
          if (event.topic().equals(onEvent.topic()) && !aboutItself(reg, event)) {
            fire(reg, TriggerKind.EVENT, event);
          }
        }));
      } else {
        fire(reg, TriggerKind.START, null);
      }
    }
  }

  /** A task that runs on {@code task.finished} must not trigger itself forever. */
  private static boolean aboutItself(Registered reg, Event event) {
    return event.data() instanceof TaskRunContext.RunEvent run && run.taskId().equals(reg.task.id());
  }

  private void fire(Registered reg, TriggerKind kind, Event event) {
    try {
      if (tryStart(reg, kind, event).isEmpty() && reg.active) {
        log.debug("task {} is still running: its {} trigger is skipped", reg.task.id(), kind.label());
      }
    } catch (RuntimeException e) {
      log.error("cannot start task {} on its {} trigger", reg.task.id(), kind.label(), e);
    }
  }

  /** Starts a run unless the task runs already or is gone; returns the run as it started. */
  private Optional<TaskRun> tryStart(Registered reg, TriggerKind kind, Event event) {
    TaskRunContext run;
    synchronized (reg) {
      if (!reg.active || reg.running != null) {
        return Optional.empty();
      }
      run = claim(reg, kind, event);
    }
    return Optional.of(launch(run));
  }

  /** Makes a new run the task's current one; the caller holds the lock of {@code reg}. */
  private TaskRunContext claim(Registered reg, TriggerKind kind, Event event) {
    TaskRunContext run = new TaskRunContext(UUID.randomUUID().toString(), reg.task, reg.owner, kind, event, store, bus,
        clock, ended -> ended(reg, ended));
    reg.running = run;
    runs.put(run.runId(), run);
    return run;
  }

  private TaskRun launch(TaskRunContext run) {
    try {
      store.insertRunning(run.runId(), run.taskId(), run.owner(), run.trigger().label(),
          run.startedAt().toEpochMilli());
    } catch (RuntimeException e) {
      run.discard();
      throw e;
    }
    bus.publish(TaskRunContext.STARTED, run.eventData());
    TaskRun started = run.snapshot();
    if (!run.owner().equals(KERNEL_OWNER) && pluginTimeout.compareTo(Duration.ZERO) > 0) {
      watch(run, pluginTimeout, () -> timedOut(run));
    }
    try {
      runner.execute(() -> {
        try {
          run.execute();
        } finally {
          if (run.abandoned()) {
            resizePool(-1);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      // the pool is shutting down: record the run as cancelled instead of leaving it RUNNING
      run.cancel();
      run.execute();
    }
    return started;
  }

  /** Runs {@code action} after {@code delay} unless the run has ended by then. */
  private void watch(TaskRunContext run, Duration delay, Runnable action) {
    List<ScheduledFuture<?>> timers = watchdogs.computeIfAbsent(run.runId(), id -> new CopyOnWriteArrayList<>());
    try {
      timers.add(timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      // the timer has stopped: the kernel is stopping, and stop() ends every run
    }
    if (run.ended()) {
      // it ended while the timer was being set: ended() may have missed it
      Optional.ofNullable(watchdogs.remove(run.runId())).ifPresent(all -> all.forEach(f -> f.cancel(false)));
    }
  }

  private void timedOut(TaskRunContext run) {
    if (run.ended()) {
      return;
    }
    String reason = "timed out after " + describe(pluginTimeout) + " (tasks.plugin-timeout)";
    log.warn("task {} ({}) run {} {}: cancelling it", run.taskId(), run.owner(), run.runId(), reason);
    run.fail(reason);
    watch(run, CANCEL_WAIT, () -> abandonIfRunning(run, "did not stop within " + CANCEL_WAIT.toSeconds() + " s of its cancellation"));
  }

  private void abandonIfRunning(TaskRunContext run, String why) {
    if (run.abandon(why)) {
      resizePool(+1);
    }
  }

  /**
   * Lends the run pool a thread for each abandoned run, and takes it back when the run's task
   * returns; the two may come in either order.
   */
  private void resizePool(int by) {
    if (!(runner instanceof ThreadPoolExecutor pool)) {
      return;
    }
    synchronized (pool) {
      lentThreads += by;
      int size = poolSize + Math.max(0, lentThreads);
      if (size > pool.getMaximumPoolSize()) {
        pool.setMaximumPoolSize(size);
        pool.setCorePoolSize(size);
      } else if (size < pool.getMaximumPoolSize()) {
        pool.setCorePoolSize(size);
        pool.setMaximumPoolSize(size);
      }
    }
  }

  private static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return duration.toMillis() + " ms";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** A run ended: the task is free, or its next queued request starts at once. */
  private void ended(Registered reg, TaskRunContext run) {
    runs.remove(run.runId());
    Optional.ofNullable(watchdogs.remove(run.runId())).ifPresent(all -> all.forEach(f -> f.cancel(false)));
    TaskRunContext next = null;
    synchronized (reg) {
      if (reg.running != run) {
        return;
      }
      reg.running = null;
      Event queued = reg.active ? reg.queued.poll() : null;
      if (queued != null) {
        next = claim(reg, TriggerKind.MANUAL, queued);
      }
    }
    if (next != null) {
      try {
        launch(next);
      } catch (RuntimeException e) {
        log.error("cannot start the queued run of task {}", reg.task.id(), e);
      }
    }
  }

  private void awaitEnd(List<TaskRunContext> cancelled, String why) throws InterruptedException {
    long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
    for (TaskRunContext run : cancelled) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!run.awaitEnd(Duration.ofNanos(left))) {
        abandonIfRunning(run, "did not stop within " + CANCEL_WAIT.toSeconds() + " s of its cancellation because " + why);
      }
    }
  }

  /** A task as registered: its triggers, their timers and subscriptions, its current run. */
  private static final class Registered {
    final String owner;
    final ScheduledTask task;
    final List<Trigger> triggers;
    final Map<String, ExecutionTime> cronSchedules = new LinkedHashMap<>();
    final List<TimedTrigger> timed = new ArrayList<>();
    final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    volatile boolean active = true;
    // guarded by this
    TaskRunContext running;
    // guarded by this: runSoon requests that wait for the current run to end
    final Deque<Event> queued = new ArrayDeque<>();

    Registered(String owner, ScheduledTask task, List<Trigger> triggers) {
      this.owner = owner;
      this.task = task;
      this.triggers = triggers;
      for (Trigger trigger : triggers) {
        if (trigger instanceof Trigger.Cron cron) {
          cronSchedules.put(cron.expression(), parseCron(task.id(), cron.expression()));
        }
      }
    }

    synchronized Optional<TaskRunContext> current() {
      return Optional.ofNullable(running);
    }

    /** Stops every trigger; returns the run in progress, which the caller cancels. */
    Optional<TaskRunContext> deactivate() {
      TaskRunContext current;
      synchronized (this) {
        active = false;
        current = running;
        queued.clear();
      }
      timed.forEach(TimedTrigger::cancel);
      subscriptions.forEach(EventBus.Subscription::close);
      return Optional.ofNullable(current);
    }
  }

  /** An interval or cron trigger: one pending timer at a time, re-armed after each firing. */
  private final class TimedTrigger {
    private final Registered reg;
    private final TriggerKind kind;
    private final Function<Instant, Optional<Instant>> next;
    // guarded by this
    private Instant planned;
    private ScheduledFuture<?> pending;
    private boolean cancelled;

    TimedTrigger(Registered reg, TriggerKind kind, Function<Instant, Optional<Instant>> next, Instant from) {
      this.reg = reg;
      this.kind = kind;
      this.next = next;
      this.planned = from;
      arm();
    }

    private synchronized void arm() {
      if (cancelled) {
        return;
      }
      Instant now = clock.instant();
      Optional<Instant> following = next.apply(planned);
      if (following.isPresent() && following.get().isBefore(now)) {
        // fell behind (suspend, clock jump): plan from now rather than firing a burst
        following = next.apply(now);
      }
      if (following.isEmpty()) {
        log.info("task {}: its {} trigger will not fire again", reg.task.id(), kind.label());
        return;
      }
      planned = following.get();
      long delay = Math.max(0, Duration.between(now, planned).toMillis());
      pending = timer.schedule(this::fired, delay, TimeUnit.MILLISECONDS);
    }

    private void fired() {
      fire(reg, kind, null);
      arm();
    }

    synchronized void cancel() {
      cancelled = true;
      if (pending != null) {
        pending.cancel(false);
      }
    }
  }
}
