package dev.marquee.testplugins;

import dev.marquee.api.PluginContext;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.util.List;

/** Reads the table its plugin's migration made. */
public class NotesRoutes implements RouteContributor {
  private final PluginContext context;

  public NotesRoutes(PluginContext context) {
    this.context = context;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/api/v1/notes/count", Access.PUBLIC, request -> request.json(
        context.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM notes_items").mapTo(Long.class).one()))));
  }
}
