package dev.marquee.kernel.system;

import dev.marquee.api.ApiVersion;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;

/** {@code /api/v1/system/*} and {@code /api/v1/openapi.json}. */
final class SystemRoutes implements RouteContributor {
  /** Health answers from a recent database check so that probes cannot load the database. */
  private static final Duration HEALTH_CHECK_EVERY = Duration.ofSeconds(1);

  record Health(String status, String database) {}

  record Version(String version, String apiVersion, String java, String database) {}

  private final Database database;
  private final OpenApi openApi;
  private final Clock clock;
  private volatile Instant checkedAt = Instant.MIN;
  private volatile boolean databaseUp;

  @Inject
  SystemRoutes(Database database, OpenApi openApi, Clock clock) {
    this.database = database;
    this.openApi = openApi;
    this.clock = clock;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/system/health", Access.PUBLIC, this::health).summary("Liveness and database reachability"),
        Route.get("/api/v1/system/version", Access.USER, this::version).summary("Server, API and runtime versions"),
        Route.get("/api/v1/openapi.json", Access.PUBLIC, this::openApi).summary("This API as OpenAPI 3.0, generated from the route table"));
  }

  private void health(RequestContext request) {
    Instant now = clock.instant();
    if (now.isAfter(checkedAt.plus(HEALTH_CHECK_EVERY))) {
      databaseUp = database.isReachable();
      checkedAt = now;
    }
    request.status(databaseUp ? 200 : 503).json(new Health(databaseUp ? "UP" : "DOWN", databaseUp ? "UP" : "DOWN"));
  }

  private void version(RequestContext request) {
    request.json(new Version(KernelVersion.current(), ApiVersion.current(), Runtime.version().toString(), database.dialect().name()));
  }

  private void openApi(RequestContext request) {
    request.json(openApi.document());
  }
}
