package dev.marquee.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.http.Access;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the whole live route table: every route that is not PUBLIC answers 401 without
 * credentials (and with a bogus token), and every ADMIN route answers 403 to a plain user. New
 * routes are covered the moment they are registered.
 */
class RouteAccessTest {
  @TempDir
  static Path dataDir;

  static TestKernel kernel;
  static TestHttp user;

  @BeforeAll
  static void start() {
    kernel = TestKernel.start(dataDir, Map.of());
    kernel.admin();
    user = kernel.user("walker");
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  @TestFactory
  Stream<DynamicTest> everyProtectedRoute_refusesAnonymousAndNonAdminCallers() {
    List<RouteTable.Entry> entries = kernel.component().routeTable().entries();
    assertThat(entries).as("route table").hasSizeGreaterThan(10);
    return entries.stream()
        .filter(e -> e.route().access() != Access.PUBLIC)
        .map(e -> DynamicTest.dynamicTest(e.route().method() + " " + e.route().path() + " (" + e.route().access() + ")", () -> {
          String path = e.route().path().replaceAll("\\{[^}]*}", "1");
          String body = e.route().method().equals("GET") || e.route().method().equals("DELETE") ? null : "{}";

          var anonymous = kernel.http().send(e.route().method(), path, body);
          assertThat(anonymous.status()).as("anonymous %s", anonymous).isEqualTo(401);
          assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");

          var forged = kernel.http().withToken("not-a-token").send(e.route().method(), path, body);
          assertThat(forged.status()).as("bogus token %s", forged).isEqualTo(401);

          if (e.route().access() == Access.ADMIN) {
            var plainUser = user.send(e.route().method(), path, body);
            assertThat(plainUser.status()).as("non-admin %s", plainUser).isEqualTo(403);
            assertThat(plainUser.errorCode()).isEqualTo("FORBIDDEN");
          }
        }));
  }
}
