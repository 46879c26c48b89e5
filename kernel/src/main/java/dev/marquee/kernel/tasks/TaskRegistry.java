package dev.marquee.kernel.tasks;

import dev.marquee.api.task.ScheduledTask;
import java.util.Collection;

/**
 * Where tasks are added and removed a whole owner ({@code kernel} or a plugin id) at a time: a
 * plugin's tasks are scheduled when it starts and cancelled and removed when it stops.
 */
public interface TaskRegistry {

  /**
   * Schedules {@code tasks} on their triggers.
   *
   * @throws IllegalArgumentException when a task id is already registered or a trigger is invalid
   *     (nothing is registered then)
   */
  void register(String owner, Collection<? extends ScheduledTask> tasks);

  /** Cancels the running runs of {@code owner}'s tasks, waits briefly for them, and forgets the tasks. */
  void unregister(String owner);
}
