package dev.marquee.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Access and input checks of the watch state routes. */
class WatchRoutesTest {
  @TempDir
  static Path dataDir;

  static TestKernel kernel;
  static TestHttp user;
  static long movie;

  @BeforeAll
  static void start() {
    kernel = TestKernel.start(dataDir, Map.of("playback.played-threshold", "0.5"));
    user = kernel.user("watcher");
    CatalogFixture fixture = new CatalogFixture(kernel.component().database().jdbi());
    movie = fixture.item(fixture.library("Movies", "movie"), "movie", "Heat").runtimeMs(10_000).insert();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  @ParameterizedTest
  @CsvSource({
      "POST, /api/v1/playback/1/progress", "POST, /api/v1/media/1/played", "DELETE, /api/v1/media/1/played",
      "GET, /api/v1/users/me/continue-watching", "GET, /api/v1/users/me/next-up", "DELETE, /api/v1/users/me/history"})
  void watchRoutes_withoutCredentials_401(String method, String path) {
    var response = kernel.http().send(method, path, "{\"positionMs\":1}");

    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[1]", "{\"positionMs\":\"ten\"}", "null"})
  void progress_malformedBody_400(String body) {
    var response = user.send("POST", "/api/v1/playback/" + movie + "/progress", body.isEmpty() ? null : body);

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("MALFORMED_JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"event\":\"start\"}", "{\"positionMs\":-1}", "{\"position_ticks\":-10000}",
      "{\"positionMs\":5,\"event\":\"rewind\"}"})
  void progress_absentOrNegativePositionOrUnknownEvent_422AndNothingWritten(String body) {
    var response = user.post("/api/v1/playback/" + movie + "/progress", body);

    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(user.get("/api/v1/media/" + movie).json().path("userState").path("lastPlayedAt").isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"POST, /api/v1/playback/999/progress", "POST, /api/v1/playback/abc/progress",
      "POST, /api/v1/media/999/played", "DELETE, /api/v1/media/nope/played"})
  void watchRoutes_unknownItem_404(String method, String path) {
    var response = user.send(method, path, "{\"positionMs\":1}");

    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/users/me/continue-watching?limit=0", "/api/v1/users/me/next-up?offset=x"})
  void lists_badPaging_422(String path) {
    assertThat(user.get(path).status()).isEqualTo(422);
  }

  @Test
  void progress_configuredThreshold_marksPlayedAtHalfTheRuntime() {
    TestHttp other = kernel.user("half");

    var below = other.post("/api/v1/playback/" + movie + "/progress", "{\"positionMs\":4999}");
    var at = other.post("/api/v1/playback/" + movie + "/progress", "{\"positionMs\":5000}");

    assertThat(below.json().path("played").asBoolean()).isFalse();
    assertThat(at.json().path("played").asBoolean()).isTrue();
    assertThat(at.json().path("playCount").asInt()).isEqualTo(1);
  }
}
