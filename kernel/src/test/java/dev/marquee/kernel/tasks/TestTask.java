package dev.marquee.kernel.tasks;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.util.List;

/** A task whose body and triggers a test gives. */
final class TestTask implements ScheduledTask {
  /** What the task does. */
  @FunctionalInterface
  interface Body {
    void run(TaskContext context) throws Exception;
  }

  private final String id;
  private final List<Trigger> triggers;
  private final Body body;

  TestTask(String id, Body body, Trigger... triggers) {
    this.id = id;
    this.body = body;
    this.triggers = List.of(triggers);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return "Test task " + id;
  }

  @Override
  public String description() {
    return "A task of a test.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return triggers;
  }

  @Override
  public void run(TaskContext context) throws Exception {
    body.run(context);
  }
}
