package dev.marquee.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.kernel.testing.MutableClock;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link FastPathHandler} answers on the I/O thread only for a caller known from memory and
 * allowed on the route; everything else, and every credential that stopped being valid (expired,
 * revoked, disabled user), goes the full way on a worker with the usual answers.
 */
class FastPathTest {
  @TempDir
  Path dataDir;

  final MutableClock clock = MutableClock.now();
  TestKernel kernel;
  final AtomicBoolean fromMemory = new AtomicBoolean(true);
  final AtomicInteger fastPathCalls = new AtomicInteger();
  final AtomicInteger handleCalls = new AtomicInteger();

  /** Answers with the thread and the path it took; from memory only while {@link #fromMemory} is set. */
  private final class Probe implements FastPathHandler {
    @Override
    public void handle(RequestContext request) {
      handleCalls.incrementAndGet();
      answer(request, "worker");
    }

    @Override
    public boolean answerFromMemory(RequestContext request) {
      fastPathCalls.incrementAndGet();
      if (request.queryParam("bad").isPresent()) {
        throw ApiException.badRequest("VALIDATION_FAILED", "bad is bad");
      }
      if (!fromMemory.get()) {
        return false;
      }
      answer(request, "memory");
      return true;
    }

    private void answer(RequestContext request, String path) {
      request.json(Map.of("thread", Thread.currentThread().getName(), "path", path,
          "user", request.requirePrincipal().username()));
    }
  }

  @BeforeEach
  void start() {
    kernel = TestKernel.start(dataDir, Map.of("auth.access-token-ttl", "5m"), clock);
    kernel.component().routeTable().register("fast-path-test", List.of(
        Route.get("/api/v1/test/fast", Access.USER, new Probe()),
        Route.get("/api/v1/test/fast-admin", Access.ADMIN, new Probe())));
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  /** The answer once the caller's user is in memory (the first request of a user may load it). */
  private static TestHttp.Response warm(TestHttp client, String path) {
    client.get(path);
    return client.get(path);
  }

  @Test
  void knownCaller_isAnsweredFromMemoryOnTheIoThread() {
    // given
    TestHttp alice = kernel.user("alice");
    warm(alice, "/api/v1/test/fast");
    handleCalls.set(0);
    fastPathCalls.set(0);
    // when
    TestHttp.Response response = alice.get("/api/v1/test/fast");
    // then: answered once, on the I/O thread, and the connection lives on
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("path").asText()).isEqualTo("memory");
    assertThat(response.json().path("thread").asText()).contains("I/O");
    assertThat(response.json().path("user").asText()).isEqualTo("alice");
    assertThat(fastPathCalls.get()).isEqualTo(1);
    assertThat(handleCalls.get()).isZero();
    assertThat(alice.get("/api/v1/test/fast").status()).isEqualTo(200);
    assertThat(handleCalls.get()).isZero();
  }

  @Test
  void handlerDeclining_runsOnAWorker() {
    // given
    TestHttp alice = kernel.user("alice");
    fromMemory.set(false);
    // when
    TestHttp.Response response = warm(alice, "/api/v1/test/fast");
    // then
    assertThat(response.json().path("path").asText()).isEqualTo("worker");
    assertThat(response.json().path("thread").asText()).doesNotContain("I/O");
  }

  @Test
  void refusalFromTheFastPath_isTheJsonErrorOfAnyRoute() {
    TestHttp.Response response = warm(kernel.user("alice"), "/api/v1/test/fast?bad=1");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void missingBadOrForbiddenCredentials_neverReachTheFastPath_andAnswerAsAlways() {
    // given
    TestHttp alice = kernel.user("alice");
    warm(alice, "/api/v1/test/fast");
    fastPathCalls.set(0);
    // when / then
    assertThat(kernel.http().get("/api/v1/test/fast").status()).isEqualTo(401);
    assertThat(kernel.http().withToken("not.a.jwt").get("/api/v1/test/fast").errorCode()).isEqualTo("INVALID_TOKEN");
    assertThat(warm(alice, "/api/v1/test/fast-admin").status()).isEqualTo(403);
    assertThat(fastPathCalls.get()).isZero();
    assertThat(warm(kernel.admin(), "/api/v1/test/fast-admin").json().path("path").asText()).isEqualTo("memory");
  }

  @Test
  void expiredToken_isRefusedThoughItWasVerifiedBefore() {
    // given: the token was verified (and remembered) a moment ago
    TestHttp alice = kernel.user("alice");
    assertThat(warm(alice, "/api/v1/test/fast").json().path("path").asText()).isEqualTo("memory");
    assertThat(alice.get("/api/v1/users/me").status()).isEqualTo(200);
    // when
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    // then
    assertThat(alice.get("/api/v1/test/fast").errorCode()).isEqualTo("INVALID_TOKEN");
    assertThat(alice.get("/api/v1/users/me").errorCode()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void disabledUser_isRefusedAtOnceThoughTheTokenWasVerifiedBefore() {
    // given
    TestHttp alice = kernel.user("alice");
    long id = alice.get("/api/v1/users/me").json().path("id").asLong();
    assertThat(warm(alice, "/api/v1/test/fast").json().path("path").asText()).isEqualTo("memory");
    // when
    assertThat(kernel.admin().patch("/api/v1/admin/users/" + id, "{\"disabled\":true}").status()).isEqualTo(200);
    // then
    assertThat(alice.get("/api/v1/test/fast").errorCode()).isEqualTo("INVALID_TOKEN");
    assertThat(alice.get("/api/v1/users/me").errorCode()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void passwordChange_revokesTheOldTokenAtOnce_theNewOneWorks() {
    // given
    TestHttp alice = kernel.user("alice");
    assertThat(warm(alice, "/api/v1/test/fast").json().path("path").asText()).isEqualTo("memory");
    // when
    TestHttp.Response changed = alice.post("/api/v1/users/me/password",
        "{\"currentPassword\":\"" + TestKernel.USER_PASSWORD + "\",\"newPassword\":\"another-password-2\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    // then
    assertThat(alice.get("/api/v1/test/fast").errorCode()).isEqualTo("INVALID_TOKEN");
    assertThat(alice.get("/api/v1/users/me").errorCode()).isEqualTo("INVALID_TOKEN");
    TestHttp renewed = kernel.http().withToken(changed.json().path("accessToken").asText());
    assertThat(warm(renewed, "/api/v1/test/fast").json().path("path").asText()).isEqualTo("memory");
  }
}
