package dev.marquee.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpBasicsTest {
  @TempDir
  static Path dataDir;

  static TestKernel kernel;

  @BeforeAll
  static void start() {
    kernel = TestKernel.start(dataDir, Map.of("http.max-body-bytes", "1024"));
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  @Test
  void health_isPublicAndReportsDatabase() {
    var response = kernel.http().get("/api/v1/system/health");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("status").asText()).isEqualTo("UP");
    assertThat(response.json().path("database").asText()).isEqualTo("UP");
    assertThat(response.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void unknownRoute_answers404JsonError() {
    var response = kernel.http().get("/api/v1/no/such/thing");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(response.json().path("error").path("message").asText()).contains("/api/v1/no/such/thing");
  }

  @Test
  void wrongMethod_answers405WithAllow() {
    var response = kernel.http().delete("/api/v1/system/health");
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(response.header("Allow")).isEqualTo("GET");
  }

  @Test
  void openApi_listsKernelRoutesWithAccess() {
    var doc = kernel.http().get("/api/v1/openapi.json").json();
    assertThat(doc.path("openapi").asText()).isEqualTo("3.0.3");
    assertThat(doc.path("paths").path("/api/v1/system/health").path("get").path("x-marquee-access").asText()).isEqualTo("PUBLIC");
    assertThat(doc.path("paths").path("/api/v1/system/version").path("get").path("x-marquee-access").asText()).isEqualTo("USER");
  }

  @Test
  void nonBlockingPublicHandler_runsOnTheIoThread_otherHandlersOnWorkers() {
    // given
    RouteTable table = kernel.component().routeTable();
    table.register("threads-test", List.of(
        Route.get("/test/threads/non-blocking", Access.PUBLIC, (NonBlockingHandler) r -> r.json(Map.of("thread", Thread.currentThread().getName()))),
        Route.get("/test/threads/plain", Access.PUBLIC, r -> r.json(Map.of("thread", Thread.currentThread().getName())))));
    try {
      // when
      var nonBlocking = kernel.http().get("/test/threads/non-blocking");
      var plain = kernel.http().get("/test/threads/plain");
      // then
      assertThat(nonBlocking.json().path("thread").asText()).contains("I/O");
      assertThat(plain.json().path("thread").asText()).doesNotContain("I/O");
    } finally {
      table.unregister("threads-test");
    }
  }
}
