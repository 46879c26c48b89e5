package dev.marquee.kernel.plugins;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.util.List;
import javax.inject.Inject;

/** {@code /api/v1/admin/plugins}: see, load, start, stop and unload plugins at runtime. */
final class PluginAdminRoutes implements RouteContributor {
  private static final String BASE = "/api/v1/admin/plugins";

  /** Body of {@code POST /api/v1/admin/plugins/load}. */
  record LoadRequest(String file) {}

  private final PluginHost host;

  @Inject
  PluginAdminRoutes(PluginHost host) {
    this.host = host;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(BASE, Access.ADMIN, this::list)
            .summary("Every plugin: version, state, error, routes and tasks"),
        Route.post(BASE + "/load", Access.ADMIN, this::load)
            .summary("Load and start a .zip or .jar from the plugins directory: {\"file\":\"name.zip\"}"),
        Route.post(BASE + "/{id}/start", Access.ADMIN, request -> request.json(host.start(request.pathParam("id"))))
            .summary("Start a plugin: migrations, then its routes and tasks"),
        Route.post(BASE + "/{id}/stop", Access.ADMIN, request -> request.json(host.stop(request.pathParam("id"))))
            .summary("Stop a plugin: its routes and tasks disappear"),
        Route.post(BASE + "/{id}/unload", Access.ADMIN, this::unload)
            .summary("Stop and unload a plugin (its file stays; DELETE uninstalls)"));
  }

  private void list(RequestContext request) {
    request.json(host.list());
  }

  private void load(RequestContext request) {
    LoadRequest body = request.body(LoadRequest.class);
    request.status(201).json(host.load(body.file()));
  }

  private void unload(RequestContext request) {
    host.unload(request.pathParam("id"));
    request.noContent();
  }
}
