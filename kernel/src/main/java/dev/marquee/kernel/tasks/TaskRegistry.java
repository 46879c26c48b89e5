package dev.marquee.kernel.tasks;

import dev.marquee.api.event.Event;
import dev.marquee.api.task.ScheduledTask;
import java.util.Collection;
import java.util.Optional;

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

  /**
   * Starts a run of a registered task now, as an admin's "run now" does, handing it {@code
   * parameter} as its {@code TaskContext.triggeringEvent()}: how one task serves requests about
   * different things (the library scan task scans the library the event names). When the task runs
   * already, the request waits and starts a run as soon as the current one ends, in the order asked
   * (a request equal to one already waiting, same topic and data, is not queued twice); requests
   * still waiting when the task is unregistered are dropped.
   *
   * @return the started run's id, or empty when the request waits (or the task is being removed)
   * @throws IllegalArgumentException when no task {@code taskId} is registered
   */
  Optional<String> runSoon(String taskId, Event parameter);
}
