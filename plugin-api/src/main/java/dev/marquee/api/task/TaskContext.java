package dev.marquee.api.task;

import dev.marquee.api.event.Event;
import java.util.Optional;

/** One run of a {@link ScheduledTask}. Thread-safe. */
public interface TaskContext {

  /** The run's id, as shown in the run history. */
  String runId();

  /** The event that triggered this run, when an {@link Trigger.OnEvent} trigger did. */
  Optional<Event> triggeringEvent();

  /**
   * Reports progress; values are clamped to 0–100. Cheap: the kernel throttles what it stores and
   * publishes.
   *
   * @param percent how much is done
   * @param message what is being done now, or null
   */
  void progress(int percent, String message);

  /** Whether an admin or the kernel has asked this run to stop. */
  boolean isCancelled();

  /**
   * Throws when the run is cancelled; call it between units of work.
   *
   * @throws TaskCancelledException when {@link #isCancelled()}
   */
  void checkCancelled();
}
