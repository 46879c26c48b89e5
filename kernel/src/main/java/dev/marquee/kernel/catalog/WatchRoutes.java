package dev.marquee.kernel.catalog;

import static dev.marquee.api.http.Access.USER;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.Paging;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.catalog.CatalogJson.StateJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/** Watch state routes: progress reports, played marks, continue watching, next up, clearing history. */
final class WatchRoutes implements RouteContributor {

  /** A progress report: a position in ticks (100 ns, as Phlix sends it) or in milliseconds, and what happened. */
  record ProgressBody(@JsonProperty("position_ticks") @JsonAlias("positionTicks") Long positionTicks,
      Long positionMs, String event) {}

  /** The answer to a played mark. */
  record MarkJson(long id, boolean played, int updatedItems) {}

  private final WatchState watch;
  private final EventBus bus;

  @Inject
  WatchRoutes(WatchState watch, EventBus bus) {
    this.watch = watch;
    this.bus = bus;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/playback/{id}/progress", USER, this::progress)
            .summary("Report playback: {position_ticks or positionMs, event start|progress|pause|complete}"),
        Route.post("/api/v1/media/{id}/played", USER, this::markPlayed).summary("Mark played, with a series' or season's episodes"),
        Route.delete("/api/v1/media/{id}/played", USER, this::markUnplayed).summary("Mark unplayed, with a series' or season's episodes"),
        Route.get("/api/v1/users/me/continue-watching", USER, this::continueWatching).summary("Started, unfinished items, last played first"),
        Route.get("/api/v1/users/me/next-up", USER, this::nextUp).summary("The next episode of each series in progress"),
        Route.delete("/api/v1/users/me/history", USER, this::clearHistory).summary("Forget the signed-in user's watch state"));
  }

  private void progress(RequestContext request) {
    long id = Viewer.id(request, "id", "item");
    Viewer viewer = Viewer.of(request);
    ProgressBody body = request.body(ProgressBody.class);
    Long position = body.positionTicks() != null ? Long.valueOf(body.positionTicks() / CatalogJson.TICKS_PER_MS)
        : body.positionMs();
    if (position == null || position < 0 || (body.positionTicks() != null && body.positionTicks() < 0)) {
      throw Params.invalid("position_ticks (or positionMs) is required and must not be negative");
    }
    WatchState.Event event;
    try {
      event = body.event() == null ? WatchState.Event.PROGRESS
          : WatchState.Event.valueOf(body.event().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Params.invalid("event must be one of start, progress, pause, complete");
    }
    request.json(StateJson.of(watch.progress(id, viewer, position, event)));
    Map<String, Object> reported = new LinkedHashMap<>();
    reported.put("userId", viewer.userId());
    reported.put("itemId", id);
    reported.put("positionMs", position);
    reported.put("event", event.name().toLowerCase(Locale.ROOT));
    bus.publish(WatchEvents.PROGRESS_REPORTED, reported);
  }

  private void markPlayed(RequestContext request) {
    long id = Viewer.id(request, "id", "item");
    request.json(new MarkJson(id, true, watch.mark(id, Viewer.of(request), true)));
  }

  private void markUnplayed(RequestContext request) {
    long id = Viewer.id(request, "id", "item");
    request.json(new MarkJson(id, false, watch.mark(id, Viewer.of(request), false)));
  }

  private void continueWatching(RequestContext request) {
    request.json(watch.continueWatching(Viewer.of(request), Paging.of(request)));
  }

  private void nextUp(RequestContext request) {
    request.json(watch.nextUp(Viewer.of(request), Paging.of(request)));
  }

  private void clearHistory(RequestContext request) {
    watch.clearHistory(request.requirePrincipal().userId());
    request.noContent();
  }
}
