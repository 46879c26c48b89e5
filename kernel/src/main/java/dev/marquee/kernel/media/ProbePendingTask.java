package dev.marquee.kernel.media;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The kernel task {@value #ID}: on start and every {@code media.probe-pending-interval} (default
 * 5 minutes), queues library files that were never probed or changed since, as far as the probe
 * queue has room. Catches what a full queue turned away and what a restart dropped.
 */
final class ProbePendingTask implements ScheduledTask {
  static final String ID = "media.probe-pending";

  private final ProbeQueue queue;
  private final Duration interval;

  @Inject
  ProbePendingTask(ProbeQueue queue, MediaSettings settings) {
    this.queue = queue;
    this.interval = settings.pendingInterval();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "Probe pending media files";
  }

  @Override
  public String description() {
    return "Queues library files that were never probed, or changed since, for ffprobe.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.onStart(), Trigger.every(interval));
  }

  @Override
  public void run(TaskContext context) {
    context.progress(0, "looking for files to probe");
    int queued = queue.refill(Optional.empty());
    context.progress(100, "queued " + queued + " file(s); " + queue.backlog() + " waiting or in progress");
  }
}
