package dev.marquee.kernel.tasks;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import dev.marquee.kernel.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Provider;

/**
 * The kernel task {@value #ID}: daily, deletes task runs older than {@code tasks.history-retention}
 * (default 30 days) while keeping the last {@value #KEEP_PER_TASK} runs of every task.
 */
final class PruneTaskHistory implements ScheduledTask {
  static final String ID = "kernel.prune-task-history";
  static final int KEEP_PER_TASK = 20;
  static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  // a Provider: the scheduler registers this task, so it cannot be a plain constructor argument
  private final Provider<TaskScheduler> scheduler;
  private final Duration retention;
  private final Clock clock;

  @Inject
  PruneTaskHistory(Provider<TaskScheduler> scheduler, Config config, Clock clock) {
    this.scheduler = scheduler;
    this.retention = config.getDuration("tasks.history-retention", DEFAULT_RETENTION);
    this.clock = clock;
    if (retention.isNegative()) {
      throw new IllegalArgumentException("config tasks.history-retention must not be negative: " + retention);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "Prune task history";
  }

  @Override
  public String description() {
    return "Deletes task runs older than " + retention.toDays() + " days, keeping the last " + KEEP_PER_TASK + " runs of each task.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.cron("17 4 * * *"));
  }

  @Override
  public void run(TaskContext context) {
    context.progress(0, "deleting runs older than " + retention);
    Instant cutoff = clock.instant().minus(retention);
    int deleted = scheduler.get().pruneHistory(cutoff, KEEP_PER_TASK);
    context.progress(100, "deleted " + deleted + " run(s)");
  }
}
