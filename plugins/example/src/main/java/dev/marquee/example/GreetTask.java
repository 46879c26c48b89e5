package dev.marquee.example;

import dev.marquee.api.PluginContext;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code example.greet}: every hour, stores a greeting and announces it as {@code example.greeted}
 * {@code {id, text}}. Admins can also run it now ({@code POST /api/v1/admin/tasks/example.greet/run}).
 */
@Extension
public class GreetTask implements ScheduledTask {
  /** The topic published after each greeting; prefixed with the plugin id like every topic. */
  public static final String GREETED = "example.greeted";

  private final PluginContext context;
  private final GreetingStore store;

  public GreetTask(PluginContext context) {
    this.context = context;
    this.store = new GreetingStore(context.jdbi(), context.clock());
  }

  @Override
  public String id() {
    return "example.greet";
  }

  @Override
  public String name() {
    return "Greet";
  }

  @Override
  public String description() {
    return "Stores a greeting and announces it.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.every(Duration.ofHours(1)));
  }

  @Override
  public void run(TaskContext run) {
    run.progress(0, "greeting");
    run.checkCancelled(); // before writing, never halfway through
    String text = context.config().get("greeting", "Hello from the example plugin");
    Greeting greeting = store.add(text);
    context.events().publish(GREETED, Map.of("id", greeting.id(), "text", greeting.text()));
    run.progress(100, "greeted");
  }
}
