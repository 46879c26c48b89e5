package dev.marquee.kernel.plugins;

import dev.marquee.api.event.Event;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.tasks.TaskRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps registered tasks by owner, refusing duplicate ids as the contract says. */
final class RecordingTaskRegistry implements TaskRegistry {
  private final Map<String, List<ScheduledTask>> byOwner = new LinkedHashMap<>();

  @Override
  public synchronized void register(String owner, Collection<? extends ScheduledTask> tasks) {
    for (ScheduledTask task : tasks) {
      if (ids().contains(task.id())) {
        throw new IllegalArgumentException("task id " + task.id() + " is registered already");
      }
    }
    byOwner.put(owner, List.copyOf(tasks));
  }

  @Override
  public synchronized void unregister(String owner) {
    byOwner.remove(owner);
  }

  @Override
  public Optional<String> runSoon(String taskId, Event parameter) {
    throw new UnsupportedOperationException("plugin host tests do not run tasks");
  }

  synchronized List<String> ids() {
    return byOwner.values().stream().flatMap(List::stream).map(ScheduledTask::id).toList();
  }
}
