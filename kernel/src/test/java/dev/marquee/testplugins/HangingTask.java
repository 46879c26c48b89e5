package dev.marquee.testplugins;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.util.List;

/**
 * {@code hang.forever}: a task that ignores cancellation and interrupts, as a plugin stuck in a
 * blocking call would; it gives its thread back after 30 s so that tests leave nothing behind for long.
 */
public class HangingTask implements ScheduledTask {
  @Override
  public String id() {
    return "hang.forever";
  }

  @Override
  public String name() {
    return "Hang";
  }

  @Override
  public String description() {
    return "Never answers its cancellation.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of();
  }

  @Override
  public void run(TaskContext context) {
    long end = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < end) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException ignored) {
        // deliberately deaf
      }
    }
  }
}
