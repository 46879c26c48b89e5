package dev.marquee.kernel.catalog;

import static dev.marquee.kernel.catalog.CatalogQueriesTest.titles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase.Engine;
import dev.marquee.kernel.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Progress reports, played marks, continue watching and next up, per user, on every engine. */
class WatchStateTest {
  @TempDir
  static Path tempDir;

  private static final Map<Engine, CatalogSeed> SEEDS = new EnumMap<>(Engine.class);

  static synchronized CatalogSeed seed(Engine engine) throws Exception {
    CatalogSeed seed = SEEDS.get(engine);
    if (seed == null) {
      seed = new CatalogSeed(engine, Files.createDirectories(tempDir.resolve(engine.name())));
      SEEDS.put(engine, seed);
    }
    return seed;
  }

  @AfterAll
  static void close() {
    SEEDS.values().forEach(CatalogSeed::close);
    SEEDS.clear();
  }

  private static String progress(long ticks, String event) {
    return "{\"position_ticks\":" + ticks + ",\"event\":\"" + event + "\"}";
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void progress_resumeBelowThreshold_playedAtNinetyPercentCountedOnce(Engine engine) throws Exception {
    // given: The Matrix runs 8,160,000 ms; 90 % is 7,344,000 ms
    CatalogSeed s = seed(engine);
    TestHttp user = s.kernel.user("pat");
    String report = "/api/v1/playback/" + s.matrix + "/progress";

    // when / then
    var started = user.post(report, progress(0, "start"));
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    var paused = user.post(report, progress(600_000_000L, "pause"));
    assertThat(paused.json().path("positionMs").asLong()).isEqualTo(60_000);
    assertThat(paused.json().path("positionTicks").asLong()).isEqualTo(600_000_000L);
    assertThat(paused.json().path("played").asBoolean()).isFalse();
    assertThat(user.get("/api/v1/media/" + s.matrix).json().path("userState").path("positionMs").asLong()).isEqualTo(60_000);
    assertThat(titles(user.get("/api/v1/users/me/continue-watching").json())).containsExactly("The Matrix");

    var nearEnd = user.post(report, "{\"positionMs\":7344000,\"event\":\"progress\"}");
    var again = user.post(report, "{\"positionMs\":7400000}");
    var completed = user.post(report, progress(0, "complete"));

    JsonNode state = user.get("/api/v1/media/" + s.matrix).json().path("userState");
    assertThat(nearEnd.json().path("played").asBoolean()).isTrue();
    assertThat(nearEnd.json().path("positionMs").asLong()).isZero();
    assertThat(again.json().path("playCount").asInt()).isEqualTo(1);
    assertThat(completed.json().path("playCount").asInt()).isEqualTo(1);
    assertThat(state.path("played").asBoolean()).isTrue();
    assertThat(state.path("playCount").asInt()).isEqualTo(1);
    assertThat(state.path("lastPlayedAt").asText()).endsWith("Z");
    assertThat(titles(user.get("/api/v1/users/me/continue-watching").json())).isEmpty();

    // a second viewing counts a second play
    user.post(report, "{\"positionMs\":1000,\"event\":\"start\"}");
    var secondViewing = user.post(report, progress(0, "complete"));
    assertThat(secondViewing.json().path("playCount").asInt()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void continueWatching_newestFirst_otherUsersUntouched(Engine engine) throws Exception {
    // given
    CatalogSeed s = seed(engine);
    TestHttp quinn = s.kernel.user("quinn");
    TestHttp rita = s.kernel.user("rita");
    quinn.post("/api/v1/playback/" + s.alien + "/progress", "{\"positionMs\":5000}");
    Thread.sleep(5);
    quinn.post("/api/v1/playback/" + s.amelie + "/progress", "{\"positionMs\":6000}");

    // when
    var quinnList = quinn.get("/api/v1/users/me/continue-watching");
    var ritaList = rita.get("/api/v1/users/me/continue-watching");

    // then
    assertThat(titles(quinnList.json())).containsExactly("Amélie", "Alien");
    assertThat(quinnList.json().path("items").get(0).path("userState").path("positionMs").asLong()).isEqualTo(6000);
    assertThat(quinnList.json().path("total").asLong()).isEqualTo(2);
    assertThat(titles(ritaList.json())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void markPlayed_series_cascadesToEveryEpisodeAndUnmarkClearsThem(Engine engine) throws Exception {
    // given
    CatalogSeed s = seed(engine);
    TestHttp sam = s.kernel.user("sam");
    TestHttp tess = s.kernel.user("tess");
    String shows = "/api/v1/libraries/" + s.shows + "/items";

    // when
    var marked = sam.post("/api/v1/media/" + s.breakingBad + "/played", null);

    // then
    assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
    assertThat(marked.json().path("updatedItems").asInt()).isEqualTo(8);
    assertThat(sam.get("/api/v1/media/" + s.bbS2[1]).json().path("userState").path("played").asBoolean()).isTrue();
    assertThat(sam.get("/api/v1/media/" + s.bbS1[0]).json().path("userState").path("playCount").asInt()).isEqualTo(1);
    assertThat(titles(sam.get(shows + "?watched=true").json())).containsExactly("Breaking Bad");
    assertThat(titles(tess.get(shows + "?watched=true").json())).isEmpty();
    assertThat(tess.get("/api/v1/media/" + s.bbS2[1]).json().path("userState").path("played").asBoolean()).isFalse();

    // when: a season is marked unplayed
    var unmarked = sam.delete("/api/v1/media/" + s.bbSeason2 + "/played");

    // then
    assertThat(unmarked.json().path("updatedItems").asInt()).isEqualTo(3);
    assertThat(sam.get("/api/v1/media/" + s.bbS2[0]).json().path("userState").path("played").asBoolean()).isFalse();
    assertThat(sam.get("/api/v1/media/" + s.bbS1[2]).json().path("userState").path("played").asBoolean()).isTrue();
    assertThat(titles(sam.get(shows + "?watched=false").json())).containsExactly("Breaking Bad", "Dark");
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void nextUp_nextUnplayedAfterFurthestPlayed_newestActivityFirst(Engine engine) throws Exception {
    // given: uma watched Pilot and S1E2 of Breaking Bad, then all of Dark (finished: no next episode)
    CatalogSeed s = seed(engine);
    TestHttp uma = s.kernel.user("uma");
    uma.post("/api/v1/media/" + s.bbS1[0] + "/played", null);
    uma.post("/api/v1/playback/" + s.bbS1[1] + "/progress", "{\"positionMs\":0,\"event\":\"complete\"}");
    uma.post("/api/v1/media/" + s.dark + "/played", null);

    // when / then
    var first = uma.get("/api/v1/users/me/next-up");
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(titles(first.json())).containsExactly("...And the Bag's in the River");
    assertThat(first.json().path("total").asLong()).isEqualTo(1);

    // when: she finishes season 1, the next episode is the first of season 2
    uma.post("/api/v1/media/" + s.bbSeason1 + "/played", null);
    assertThat(titles(uma.get("/api/v1/users/me/next-up").json())).containsExactly("Seven Thirty-Seven");

    // when: Dark gets a second episode and she rewatches its first: Dark has the newest activity
    long secondDark = s.fixture.item(s.shows, "episode", "Lies").parent(s.darkSeason1).parentIndex(1).index(2).insert();
    Thread.sleep(5);
    uma.post("/api/v1/playback/" + s.darkS1E1 + "/progress", "{\"positionMs\":1000}");
    assertThat(titles(uma.get("/api/v1/users/me/next-up").json())).containsExactly("Lies", "Seven Thirty-Seven");
    assertThat(titles(s.kernel.user("vera").get("/api/v1/users/me/next-up").json())).isEmpty();
    s.kernel.component().database().jdbi().useHandle(h -> h.execute("DELETE FROM media_items WHERE id = ?", secondDark));
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void clearHistory_forgetsOnlyTheCallersState(Engine engine) throws Exception {
    // given
    CatalogSeed s = seed(engine);
    TestHttp will = s.kernel.user("will");
    TestHttp xena = s.kernel.user("xena");
    will.post("/api/v1/media/" + s.alien + "/played", null);
    xena.post("/api/v1/media/" + s.alien + "/played", null);

    // when
    var cleared = will.delete("/api/v1/users/me/history");

    // then
    assertThat(cleared.status()).isEqualTo(204);
    assertThat(will.get("/api/v1/media/" + s.alien).json().path("userState").path("played").asBoolean()).isFalse();
    assertThat(xena.get("/api/v1/media/" + s.alien).json().path("userState").path("played").asBoolean()).isTrue();
  }
}
