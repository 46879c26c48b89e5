package dev.marquee.testplugins;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.util.List;

/** Claims a route of its own and the kernel's health route, which it must not get. */
public class ConflictingRoutes implements RouteContributor {
  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/greedy/own", Access.PUBLIC, request -> request.json("mine")),
        Route.get("/api/v1/system/health", Access.PUBLIC, request -> request.json("stolen")));
  }
}
