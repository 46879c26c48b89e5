package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.http.Access;
import dev.marquee.kernel.http.RouteTable;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every auth, user and admin-user route: its unauthenticated, non-admin and malformed-input answers. */
class AuthRouteAccessTest {
  private static final List<String> PREFIXES = List.of("/api/v1/auth/", "/api/v1/users/", "/api/v1/admin/users", "/api/v1/admin/invites");
  private static final Set<String> WITH_BODY = Set.of("POST", "PATCH", "PUT");

  @TempDir
  static Path dataDir;

  static TestKernel kernel;
  static List<RouteTable.Entry> routes;

  @BeforeAll
  static void start() {
    kernel = TestKernel.start(dataDir, Map.of());
    kernel.user("bob");
    routes = kernel.component().routeTable().entries().stream()
        .filter(e -> PREFIXES.stream().anyMatch(p -> e.route().path().startsWith(p)))
        // other features live under /api/v1/users/me too (watch state): their own tests cover them
        .filter(e -> e.route().handler().getClass().getName().startsWith("dev.marquee.kernel.auth."))
        .toList();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  /** The path with every parameter set to an id that exists: the admin's, 1. */
  private static String concrete(RouteTable.Entry entry) {
    return entry.route().path().replaceAll("\\{[^}]*}", "1");
  }

  @Test
  void routes_coverTheWholeFeature() {
    assertThat(routes).hasSize(18);
  }

  @Test
  void everyNonPublicRoute_withoutCredentials_answers401() {
    for (RouteTable.Entry entry : routes) {
      if (entry.route().access() == Access.PUBLIC) {
        continue;
      }
      var response = kernel.http().send(entry.route().method(), concrete(entry), WITH_BODY.contains(entry.route().method()) ? "{}" : null);
      assertThat(response.status()).as(entry.route().method() + " " + entry.route().path()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
    }
  }

  @Test
  void everyAdminRoute_forAUser_answers403() {
    TestHttp bob = kernel.user("bob");
    for (RouteTable.Entry entry : routes) {
      if (entry.route().access() != Access.ADMIN) {
        continue;
      }
      var response = bob.send(entry.route().method(), concrete(entry), WITH_BODY.contains(entry.route().method()) ? "{}" : null);
      assertThat(response.status()).as(entry.route().method() + " " + entry.route().path()).isEqualTo(403);
    }
  }

  @Test
  void everyRouteWithABody_malformedJson_answers400() {
    for (RouteTable.Entry entry : routes) {
      if (!WITH_BODY.contains(entry.route().method())) {
        continue;
      }
      for (String body : List.of("{\"a\":", "[1,2]", "")) {
        var response = kernel.admin().send(entry.route().method(), concrete(entry), body);
        assertThat(response.status()).as(entry.route().method() + " " + entry.route().path() + " " + body).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("MALFORMED_JSON");
      }
    }
  }
}
