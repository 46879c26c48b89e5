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
    kernel.component().routeTable().register("test", List.of(
        Route.post("/api/v1/test/echo", Access.PUBLIC, request -> request.json(request.body(Map.class))),
        Route.get("/api/v1/test/boom", Access.PUBLIC, request -> {
          throw new IllegalStateException("internal detail that must not leak");
        }),
        Route.get("/api/v1/test/user-only", Access.USER, request -> request.json(Map.of("ok", true))),
        Route.get("/api/v1/test/admin-only", Access.ADMIN, request -> request.json(Map.of("ok", true)))));
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
  void jsonBody_isEchoed() {
    var response = kernel.http().post("/api/v1/test/echo", "{\"a\":1}");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("a").asInt()).isEqualTo(1);
  }

  @Test
  void malformedJson_answers400() {
    var response = kernel.http().post("/api/v1/test/echo", "{\"a\":");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void missingBody_answers400() {
    var response = kernel.http().send("POST", "/api/v1/test/echo", null);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("MALFORMED_JSON");
  }

  @Test
  void oversizedBody_answers413() {
    String big = "{\"a\":\"" + "x".repeat(2000) + "\"}";
    var response = kernel.http().post("/api/v1/test/echo", big);
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void oversizedChunkedBody_answers413() throws Exception {
    // no Content-Length: the limit must hold while reading
    byte[] big = ("{\"a\":\"" + "x".repeat(5000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var request = java.net.http.HttpRequest.newBuilder(kernel.http().uri("/api/v1/test/echo"))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
        .header("Content-Type", "application/json").build();
    var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
  }

  @Test
  void handlerFailure_answers500WithoutDetails() {
    var response = kernel.http().get("/api/v1/test/boom");
    assertThat(response.status()).isEqualTo(500);
    assertThat(response.errorCode()).isEqualTo("INTERNAL_ERROR");
    assertThat(response.body()).doesNotContain("internal detail");
  }

  @Test
  void protectedRoutes_withoutCredentials_answer401() {
    assertThat(kernel.http().get("/api/v1/test/user-only").status()).isEqualTo(401);
    assertThat(kernel.http().get("/api/v1/test/admin-only").status()).isEqualTo(401);
    assertThat(kernel.http().get("/api/v1/test/admin-only").errorCode()).isEqualTo("UNAUTHORIZED");
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
