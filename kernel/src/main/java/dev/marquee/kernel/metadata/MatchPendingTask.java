package dev.marquee.kernel.metadata;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;

/**
 * The kernel task {@value #ID}: on start and every {@code metadata.match-pending-interval} (default
 * 15 minutes), queues unmatched items for automatic matching as far as the queue has room: those a
 * full queue turned away, those a restart dropped, and, after {@code metadata.retry-after}, those no
 * provider could match (a provider may know them now).
 */
final class MatchPendingTask implements ScheduledTask {
  static final String ID = "metadata.match-pending";

  private final AutoMatcher matcher;
  private final Duration interval;

  @Inject
  MatchPendingTask(AutoMatcher matcher, MetadataSettings settings) {
    this.matcher = matcher;
    this.interval = settings.pendingInterval();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "Match pending media items";
  }

  @Override
  public String description() {
    return "Queues unmatched media items for automatic metadata matching.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.onStart(), Trigger.every(interval));
  }

  @Override
  public void run(TaskContext context) {
    context.progress(0, "looking for unmatched items");
    int queued = matcher.refill();
    context.progress(100, "queued " + queued + " item(s); " + matcher.backlog() + " waiting or in progress");
  }
}
