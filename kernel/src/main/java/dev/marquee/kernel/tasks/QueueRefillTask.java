package dev.marquee.kernel.tasks;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A kernel task that tops a bounded background queue up from the database, at start and on an
 * interval: it catches the work a full queue turned away and what a restart dropped. Probing and
 * metadata matching each have one.
 */
public final class QueueRefillTask implements ScheduledTask {
  private final String id;
  private final String name;
  private final String description;
  private final Duration interval;
  private final String lookingFor;
  private final String unit;
  private final IntSupplier refill;
  private final IntSupplier backlog;

  /**
   * @param lookingFor the progress message while the database is searched, e.g. "looking for files to probe"
   * @param unit what is queued, singular, e.g. "file"
   * @param refill queues what waits, as far as the queue has room; returns how many it queued
   * @param backlog how many wait in the queue or are in progress
   */
  public QueueRefillTask(String id, String name, String description, Duration interval, String lookingFor,
      String unit, IntSupplier refill, IntSupplier backlog) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.interval = interval;
    this.lookingFor = lookingFor;
    this.unit = unit;
    this.refill = refill;
    this.backlog = backlog;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.onStart(), Trigger.every(interval));
  }

  @Override
  public void run(TaskContext context) {
    context.progress(0, lookingFor);
    int queued = refill.getAsInt();
    context.progress(100, "queued " + queued + " " + unit + "(s); " + backlog.getAsInt() + " waiting or in progress");
  }
}
