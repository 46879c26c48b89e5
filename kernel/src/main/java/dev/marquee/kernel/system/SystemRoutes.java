package dev.marquee.kernel.system;

import dev.marquee.api.ApiVersion;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.http.NonBlockingHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.inject.Inject;

/** {@code /api/v1/system/*} and {@code /api/v1/openapi.json}. */
final class SystemRoutes implements RouteContributor {
  /**
   * Health answers at once from the latest database check, and starts a new check in the background
   * when that one is older than this: probes can neither load the database nor wait on it (a
   * database that hangs would otherwise hold every probe for the connection timeout).
   */
  private static final Duration HEALTH_CHECK_EVERY = Duration.ofSeconds(1);

  record Health(String status, String database) {}

  record Version(String version, String apiVersion, String java, String database) {}

  private final Database database;
  private final OpenApi openApi;
  private final Clock clock;
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile Instant checkedAt = Instant.MIN;
  // The kernel migrated the database before it started serving, so it was up a moment ago.
  private volatile boolean databaseUp = true;

  @Inject
  SystemRoutes(Database database, OpenApi openApi, Clock clock) {
    this.database = database;
    this.openApi = openApi;
    this.clock = clock;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/system/health", Access.PUBLIC, (NonBlockingHandler) this::health).summary("Liveness and database reachability"),
        Route.get("/api/v1/system/version", Access.USER, this::version).summary("Server, API and runtime versions"),
        Route.get("/api/v1/openapi.json", Access.PUBLIC, this::openApi).summary("This API as OpenAPI 3.0, generated from the route table"));
  }

  private void health(RequestContext request) {
    if (clock.instant().isAfter(checkedAt.plus(HEALTH_CHECK_EVERY)) && checking.compareAndSet(false, true)) {
      ForkJoinPool.commonPool().execute(this::checkDatabase);
    }
    request.status(databaseUp ? 200 : 503).json(new Health(databaseUp ? "UP" : "DOWN", databaseUp ? "UP" : "DOWN"));
  }

  private void checkDatabase() {
    try {
      databaseUp = database.isReachable();
      checkedAt = clock.instant();
    } finally {
      checking.set(false);
    }
  }

  private void version(RequestContext request) {
    request.json(new Version(KernelVersion.current(), ApiVersion.current(), Runtime.version().toString(), database.dialect().name()));
  }

  private void openApi(RequestContext request) {
    request.json(openApi.document());
  }
}
