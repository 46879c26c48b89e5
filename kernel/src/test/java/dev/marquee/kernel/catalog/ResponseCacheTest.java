package dev.marquee.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.http.Json;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's cached answers change with every write that changes them, and only then. */
class ResponseCacheTest {
  @TempDir
  static Path dataDir;

  @TempDir
  static Path media;

  static TestKernel kernel;
  static TestHttp admin;
  static TestHttp alice;
  static TestHttp bob;
  static long library;

  @BeforeAll
  static void start() throws Exception {
    kernel = TestKernel.start(dataDir, Map.of());
    admin = kernel.admin();
    alice = kernel.user("alice");
    bob = kernel.user("bob");
    movie("Heat (1995)");
    TestHttp.Response created = admin.post("/api/v1/libraries", "{\"name\":\"Movies\",\"type\":\"movie\",\"roots\":[\""
        + media + "\"],\"settings\":{\"watch\":false,\"probe\":false}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    library = created.json().path("id").asLong();
    scan();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  private static void movie(String name) throws Exception {
    Files.createDirectories(media.resolve(name));
    Files.writeString(media.resolve(name + "/" + name + ".mkv"), "");
  }

  private static void scan() throws InterruptedException {
    String before = admin.get("/api/v1/libraries/" + library + "/scan").json().path("lastScanAt").asText();
    assertThat(admin.post("/api/v1/libraries/" + library + "/scan", "").status()).isEqualTo(202);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = admin.get("/api/v1/libraries/" + library + "/scan").json();
      if (status.path("state").asText().equals("idle") && !status.path("lastScanAt").asText().equals(before)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the scan did not finish");
  }

  private static JsonNode items(TestHttp as) {
    TestHttp.Response response = as.get("/api/v1/libraries/" + library + "/items?limit=50");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** The listing once it satisfies {@code until}; catalog events reach the cache on the bus's thread. */
  private static JsonNode awaitItems(TestHttp as, Predicate<JsonNode> until) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode page = items(as);
    while (!until.test(page) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      page = items(as);
    }
    return page;
  }

  private static JsonNode byTitle(JsonNode page, String title) {
    for (JsonNode item : page.path("items")) {
      if (item.path("title").asText().equals(title)) {
        return item;
      }
    }
    throw new AssertionError("no " + title + " in " + page);
  }

  @Test
  void libraryItems_scanAddsAnItem_cachedPageChanges() throws Exception {
    // given
    assertThat(items(alice).path("total").asInt()).isEqualTo(items(alice).path("total").asInt());
    int before = items(alice).path("total").asInt();
    String byYear = "/api/v1/libraries/" + library + "/items?sort=year&limit=1";
    assertThat(bob.get(byYear).json().path("total").asInt()).isEqualTo(before); // the total is remembered now
    movie("Alien (1979)");
    // when
    scan();
    // then
    JsonNode after = awaitItems(alice, page -> page.path("total").asInt() == before + 1);
    assertThat(bob.get(byYear).json().path("total").asInt()).isEqualTo(before + 1);
    assertThat(after.path("total").asInt()).isEqualTo(before + 1);
    assertThat(after.path("items").findValuesAsText("title")).contains("Alien");
  }

  @Test
  void libraryItems_metadataEdit_cachedPageChanges() throws Exception {
    // given
    long heat = byTitle(items(alice), "Heat").path("id").asLong();
    items(alice); // cached now
    // when
    TestHttp.Response edited = admin.put("/api/v1/media/" + heat + "/metadata", "{\"title\":\"Heat (Director's Cut)\"}");
    // then
    assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
    JsonNode after = awaitItems(alice, page -> page.path("items").findValuesAsText("title").contains("Heat (Director's Cut)"));
    assertThat(after.path("items").findValuesAsText("title")).contains("Heat (Director's Cut)").doesNotContain("Heat");
    assertThat(alice.get("/api/v1/media/" + heat).json().path("title").asText()).isEqualTo("Heat (Director's Cut)");
  }

  @Test
  void libraryItems_userMarksPlayed_ownPageChangesAtOnceOthersDoNot() {
    // given
    JsonNode first = items(alice).path("items").get(0);
    long id = first.path("id").asLong();
    assertThat(first.path("userState").path("played").asBoolean()).isFalse();
    assertThat(items(bob).path("items").get(0).path("userState").path("played").asBoolean()).isFalse();
    // when
    assertThat(alice.post("/api/v1/media/" + id + "/played", "").status()).isIn(200, 204);
    // then: a watch-state write moves its user's version before it answers
    assertThat(items(alice).path("items").get(0).path("userState").path("played").asBoolean()).isTrue();
    assertThat(alice.get("/api/v1/media/" + id).json().path("userState").path("played").asBoolean()).isTrue();
    assertThat(items(bob).path("items").get(0).path("userState").path("played").asBoolean()).isFalse();
    assertThat(alice.delete("/api/v1/media/" + id + "/played").status()).isIn(200, 204);
    assertThat(items(alice).path("items").get(0).path("userState").path("played").asBoolean()).isFalse();
  }

  @Test
  void libraryItems_sameAnswer_isNotModifiedForItsETag_aChangedOneIsSentInFull() {
    // given
    TestHttp carol = kernel.user("carol");
    String path = "/api/v1/libraries/" + library + "/items?limit=50";
    TestHttp.Response first = carol.get(path);
    String etag = first.header("ETag");
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
    // when / then: the same answer, from the cache and computed again, is not sent again
    TestHttp.Response again = carol.withHeader("If-None-Match", etag).get(path);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.header("ETag")).isEqualTo(etag);
    assertThat(carol.withHeader("If-None-Match", "\"other\", W/" + etag).get(path).status()).isEqualTo(304);
    assertThat(kernel.user("dave").withHeader("If-None-Match", etag).get(path).status()).isEqualTo(304);
    // when the page changes for carol
    long id = first.json().path("items").get(0).path("id").asLong();
    assertThat(carol.post("/api/v1/media/" + id + "/played", "").status()).isIn(200, 204);
    // then
    TestHttp.Response changed = carol.withHeader("If-None-Match", etag).get(path);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(etag);
    assertThat(changed.json().path("items").get(0).path("userState").path("played").asBoolean()).isTrue();
    assertThat(carol.withHeader("If-None-Match", changed.header("ETag")).get(path).status()).isEqualTo(304);
  }

  @Test
  void json_anotherUsersWatchStateChanges_ownEntryStaysCached() {
    // given
    ResponseCache cache = new ResponseCache(Json.newMapper(), new Config(Map.of()));
    AtomicInteger computed = new AtomicInteger();
    Viewer me = new Viewer(1, false);
    Viewer other = new Viewer(2, false);
    cache.json("items", 7L, me, () -> Map.of("n", computed.incrementAndGet()));
    cache.json("items", 7L, other, () -> Map.of("n", computed.incrementAndGet()));
    // when
    cache.userChanged(other.userId());
    byte[] mine = cache.json("items", 7L, me, () -> Map.of("n", computed.incrementAndGet())).body();
    byte[] theirs = cache.json("items", 7L, other, () -> Map.of("n", computed.incrementAndGet())).body();
    // then
    assertThat(new String(mine)).isEqualTo("{\"n\":1}");
    assertThat(new String(theirs)).isEqualTo("{\"n\":3}");
    cache.catalogChanged();
    assertThat(new String(cache.json("items", 7L, me, () -> Map.of("n", computed.incrementAndGet())).body())).isEqualTo("{\"n\":4}");
    assertThat(new String(cache.json("items", 8L, me, () -> Map.of("n", computed.incrementAndGet())).body())).isEqualTo("{\"n\":5}");
  }
}
