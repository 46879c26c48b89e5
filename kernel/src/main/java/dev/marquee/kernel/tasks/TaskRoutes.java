package dev.marquee.kernel.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.Trigger;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;

/** {@code /api/v1/admin/tasks}: the registered tasks, their history, run now, cancel. */
final class TaskRoutes implements RouteContributor {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  record RunJson(String runId, String taskId, String trigger, String status, int progress, String message,
      String error, Instant startedAt, Instant finishedAt) {
    static RunJson of(TaskRun run) {
      return new RunJson(run.runId(), run.taskId(), run.trigger().label(), run.status().name(), run.progress(),
          run.message(), run.error(), run.startedAt(), run.finishedAt());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TriggerJson(String type, String every, String expression, String topic) {
    static TriggerJson of(Trigger trigger) {
      if (trigger instanceof Trigger.Interval interval) {
        return new TriggerJson("interval", interval.period().toString(), null, null);
      }
      if (trigger instanceof Trigger.Cron cron) {
        return new TriggerJson("cron", null, cron.expression(), null);
      }
      if (trigger instanceof Trigger.OnEvent onEvent) {
        return new TriggerJson("event", null, null, onEvent.topic());
      }
      return new TriggerJson("start", null, null, null);
    }
  }

  record TaskJson(String id, String name, String description, String owner, List<TriggerJson> triggers,
      RunJson running, RunJson lastRun) {}

  record RunPageJson(List<RunJson> items, int total, int offset, int limit) {}

  private final TaskScheduler scheduler;

  @Inject
  TaskRoutes(TaskScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/admin/tasks", Access.ADMIN, this::list).summary("Registered tasks with their triggers, current and last run"),
        Route.get("/api/v1/admin/tasks/{id}/runs", Access.ADMIN, this::runs).summary("A task's run history, newest first (offset, limit)"),
        Route.post("/api/v1/admin/tasks/{id}/run", Access.ADMIN, this::runNow).summary("Start a task now (202; 409 while it runs)"),
        Route.delete("/api/v1/admin/tasks/runs/{runId}", Access.ADMIN, this::cancel).summary("Ask a running task run to stop (202)"));
  }

  private void list(RequestContext request) {
    request.json(scheduler.tasks().stream().map(task -> new TaskJson(task.id(), task.name(), task.description(),
        task.owner(), task.triggers().stream().map(TriggerJson::of).toList(),
        task.running().map(RunJson::of).orElse(null), task.lastRun().map(RunJson::of).orElse(null))).toList());
  }

  private void runs(RequestContext request) {
    int offset = intParam(request, "offset", 0, Integer.MAX_VALUE);
    int limit = intParam(request, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    TaskScheduler.RunPage page = scheduler.runs(request.pathParam("id"), offset, limit);
    request.json(new RunPageJson(page.items().stream().map(RunJson::of).toList(), page.total(), offset, limit));
  }

  private void runNow(RequestContext request) {
    request.status(202).json(RunJson.of(scheduler.runNow(request.pathParam("id"))));
  }

  private void cancel(RequestContext request) {
    request.status(202).json(RunJson.of(scheduler.cancel(request.pathParam("runId"))));
  }

  private static int intParam(RequestContext request, String name, int defaultValue, int max) {
    String text = request.queryParam(name).orElse(null);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("VALIDATION_FAILED", name + " must be an integer from 0 to " + max + ": " + text);
  }
}
