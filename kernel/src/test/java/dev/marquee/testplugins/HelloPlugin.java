package dev.marquee.testplugins;

import dev.marquee.api.PluginContext;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.util.List;
import java.util.Map;
import org.pf4j.Plugin;

/** A plugin with one public route and one task; announces its start and stop on the event bus. */
public class HelloPlugin extends Plugin {
  private final PluginContext context;

  public HelloPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.events().publish("test.lifecycle", context.pluginId() + " started");
  }

  @Override
  public void stop() {
    context.events().publish("test.lifecycle", context.pluginId() + " stopped");
  }

  /** GET /api/v1/hello/{name}: says hello with the configured greeting. */
  public static class Routes implements RouteContributor {
    private final PluginContext context;

    public Routes(PluginContext context) {
      this.context = context;
    }

    @Override
    public List<Route> routes() {
      return List.of(Route.get("/api/v1/hello/{name}", Access.PUBLIC, request -> request.json(Map.of(
          "greeting", context.config().get("greeting", "hello") + " " + request.pathParam("name"),
          "plugin", context.pluginId(),
          "dataDir", context.dataDir().toString()))));
    }
  }

  /** A task that does nothing; built with the no-argument constructor. */
  public static class Tick implements ScheduledTask {
    @Override
    public String id() {
      return "hello.tick";
    }

    @Override
    public String name() {
      return "Tick";
    }

    @Override
    public String description() {
      return "Does nothing, every hour.";
    }

    @Override
    public List<Trigger> defaultTriggers() {
      return List.of(Trigger.every(java.time.Duration.ofHours(1)));
    }

    @Override
    public void run(TaskContext context) {
      context.progress(100, "done");
    }
  }
}
