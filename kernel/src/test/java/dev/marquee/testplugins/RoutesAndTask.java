package dev.marquee.testplugins;

import dev.marquee.api.PluginContext;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import java.util.List;

/** One extension serving two extension points; announces each construction as {@code test.built}. */
public class RoutesAndTask implements RouteContributor, ScheduledTask {
  public RoutesAndTask(PluginContext context) {
    context.events().publish("test.built", context.pluginId());
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/api/v1/both", Access.PUBLIC, request -> request.json("both")));
  }

  @Override
  public String id() {
    return "both.task";
  }

  @Override
  public String name() {
    return "Both";
  }

  @Override
  public String description() {
    return "Shares its instance with the routes.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of();
  }

  @Override
  public void run(TaskContext context) {}
}
