package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryRoutesTest {
  @TempDir
  Path tempDir;
  private TestKernel kernel;
  private Path media;

  @BeforeEach
  void start() throws Exception {
    media = Files.createDirectories(tempDir.resolve("media")).toRealPath();
    kernel = TestKernel.start(tempDir.resolve("data"), Map.of());
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  private String body(String name, String type, Path root) {
    return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"roots\":[\"" + root + "\"],\"settings\":{\"watch\":false}}";
  }

  private long create(String name, String type, Path root) {
    TestHttp.Response created = kernel.admin().post("/api/v1/libraries", body(name, type, root));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asLong();
  }

  @Test
  void libraries_withoutToken_are401() {
    assertThat(kernel.http().get("/api/v1/libraries").status()).isEqualTo(401);
    assertThat(kernel.http().post("/api/v1/libraries", body("x", "movie", media)).status()).isEqualTo(401);
    assertThat(kernel.http().post("/api/v1/libraries/1/scan", "").status()).isEqualTo(401);
    assertThat(kernel.http().get("/api/v1/admin/filesystem/browse").status()).isEqualTo(401);
  }

  @Test
  void create_byUser_is403() {
    assertThat(kernel.user("bob").post("/api/v1/libraries", body("x", "movie", media)).status()).isEqualTo(403);
    assertThat(kernel.user("bob").get("/api/v1/admin/filesystem/browse").status()).isEqualTo(403);
  }

  @Test
  void create_malformedOrInvalid_isRefusedWithoutWriting() {
    TestHttp admin = kernel.admin();
    assertThat(admin.post("/api/v1/libraries", "{not json").errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(admin.post("/api/v1/libraries", "[]").status()).isEqualTo(400);
    TestHttp.Response noName = admin.post("/api/v1/libraries", body("", "movie", media));
    assertThat(noName.status()).isEqualTo(422);
    assertThat(noName.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(admin.post("/api/v1/libraries", body("x", "music", media)).errorCode()).isEqualTo("VALIDATION_FAILED");
    TestHttp.Response missing = admin.post("/api/v1/libraries", body("x", "movie", media.resolve("nope")));
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.errorCode()).isEqualTo("INVALID_PATH");
    assertThat(missing.json().path("error").path("message").asText()).contains(media.resolve("nope").toString());
    assertThat(admin.post("/api/v1/libraries", "{\"name\":\"x\",\"type\":\"movie\",\"roots\":[\"relative/dir\"]}")
        .errorCode()).isEqualTo("INVALID_PATH");
    assertThat(admin.post("/api/v1/libraries", "{\"name\":\"x\",\"type\":\"movie\",\"roots\":[\"" + media + "\",\""
        + media + "\"]}").errorCode()).isEqualTo("INVALID_PATH");
    assertThat(admin.post("/api/v1/libraries", "{\"name\":\"x\",\"type\":\"movie\",\"roots\":[\"" + media
        + "\"],\"settings\":{\"missingGracePeriod\":\"soon\"}}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(admin.get("/api/v1/libraries").json().path("total").asInt()).isZero();
  }

  @Test
  void crud_createReadUpdateDelete() throws Exception {
    TestHttp admin = kernel.admin();
    long id = create("Movies", "movie", media);
    JsonNode read = kernel.user("bob").get("/api/v1/libraries/" + id).json();
    assertThat(read.path("name").asText()).isEqualTo("Movies");
    assertThat(read.path("type").asText()).isEqualTo("movie");
    assertThat(read.path("roots").get(0).asText()).isEqualTo(media.toString());
    assertThat(read.path("settings").path("watch").asBoolean()).isFalse();
    assertThat(read.path("itemCount").asInt()).isZero();

    Path other = Files.createDirectories(tempDir.resolve("other")).toRealPath();
    TestHttp.Response updated = admin.put("/api/v1/libraries/" + id, body("Films", "mixed", other));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().path("name").asText()).isEqualTo("Films");
    assertThat(updated.json().path("roots").get(0).asText()).isEqualTo(other.toString());
    assertThat(admin.put("/api/v1/libraries/999", body("Films", "mixed", other)).status()).isEqualTo(404);
    assertThat(admin.put("/api/v1/libraries/" + id, "{bad").status()).isEqualTo(400);

    JsonNode list = kernel.user("bob").get("/api/v1/libraries?limit=10").json();
    assertThat(list.path("total").asInt()).isEqualTo(1);
    assertThat(list.path("items").get(0).path("name").asText()).isEqualTo("Films");
    assertThat(kernel.user("bob").get("/api/v1/libraries?limit=0").status()).isEqualTo(422);

    assertThat(admin.delete("/api/v1/libraries/" + id).status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/libraries/" + id).status()).isEqualTo(404);
    assertThat(admin.delete("/api/v1/libraries/" + id).status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/libraries/abc").status()).isEqualTo(404);
  }

  @Test
  void scan_createsItemsAndReportsCounts() throws Exception {
    TestHttp admin = kernel.admin();
    Files.createDirectories(media.resolve("Heat (1995)"));
    Files.writeString(media.resolve("Heat (1995)/Heat (1995).mkv"), "");
    Files.createDirectories(media.resolve("Alien (1979)"));
    Files.writeString(media.resolve("Alien (1979)/Alien (1979).mkv"), "");
    long id = create("Movies", "movie", media);
    // when
    TestHttp.Response started = admin.post("/api/v1/libraries/" + id + "/scan", "");
    // then
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    JsonNode status = awaitIdle(admin, id);
    assertThat(status.path("added").asInt()).isEqualTo(2);
    assertThat(status.path("lastScanAt").asText()).isNotEmpty();
    assertThat(admin.get("/api/v1/libraries/" + id).json().path("itemCount").asInt()).isEqualTo(2);
    assertThat(admin.post("/api/v1/libraries/999/scan", "").status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/libraries/999/scan").status()).isEqualTo(404);
    assertThat(kernel.user("bob").get("/api/v1/libraries/" + id + "/scan").status()).isEqualTo(403);
    // deleting the library deletes its items
    assertThat(admin.delete("/api/v1/libraries/" + id).status()).isEqualTo(204);
    int left = kernel.component().database().jdbi().withHandle(h ->
        h.createQuery("SELECT COUNT(*) FROM media_items").mapTo(Integer.class).one());
    assertThat(left).isZero();
  }

  @Test
  void scanStatus_afterRestart_keepsTheLastScan() throws Exception {
    // given a finished scan
    Files.createDirectories(media.resolve("Heat (1995)"));
    Files.writeString(media.resolve("Heat (1995)/Heat (1995).mkv"), "");
    long id = create("Movies", "movie", media);
    assertThat(kernel.admin().post("/api/v1/libraries/" + id + "/scan", "").status()).isEqualTo(202);
    JsonNode before = awaitIdle(kernel.admin(), id);
    // when the server restarts on the same data
    kernel.close();
    kernel = TestKernel.start(tempDir.resolve("data"), Map.of());
    // then
    JsonNode after = kernel.login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD)
        .get("/api/v1/libraries/" + id + "/scan").json();
    assertThat(after.path("state").asText()).isEqualTo("idle");
    assertThat(after.path("lastScanAt").asText()).isEqualTo(before.path("lastScanAt").asText());
    assertThat(after.path("added").asInt()).isEqualTo(1);
    assertThat(after.path("lastError").isNull()).isTrue();
  }

  private static JsonNode awaitIdle(TestHttp admin, long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = admin.get("/api/v1/libraries/" + id + "/scan").json();
      if (status.path("state").asText().equals("idle") && status.hasNonNull("lastScanAt")) {
        return status;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the scan did not finish");
  }

  @Test
  void browse_listsFoldersOnly() throws Exception {
    TestHttp admin = kernel.admin();
    Files.createDirectories(media.resolve("b"));
    Files.createDirectories(media.resolve("A"));
    Files.createDirectories(media.resolve(".hidden"));
    Files.writeString(media.resolve("file.mkv"), "");
    JsonNode listing = admin.get("/api/v1/admin/filesystem/browse?path=" + media.resolve("b/..")).json();
    assertThat(listing.path("path").asText()).isEqualTo(media.toString());
    assertThat(listing.path("directories").findValuesAsText("name")).containsExactly("A", "b");
    assertThat(admin.get("/api/v1/admin/filesystem/browse").json().path("directories").get(0).path("path").asText())
        .isEqualTo("/");
    assertThat(admin.get("/api/v1/admin/filesystem/browse?path=" + media.resolve("nope")).status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/admin/filesystem/browse?path=" + media.resolve("file.mkv")).status()).isEqualTo(422);
    assertThat(admin.get("/api/v1/admin/filesystem/browse?path=relative").status()).isEqualTo(422);
  }

  @Test
  void scan_runsAsTheLibraryScanTask_andPublishesItsEvents() throws Exception {
    // given
    Files.createDirectories(media.resolve("Lost/Season 01"));
    Files.writeString(media.resolve("Lost/Season 01/Lost - S01E01.mkv"), "");
    long id = create("Shows", "series", media);
    List<Event> events = new CopyOnWriteArrayList<>();
    EventBus bus = kernel.component().eventBus();
    try (EventBus.Subscription library = bus.subscribe("library", events::add);
        EventBus.Subscription task = bus.subscribe("task", events::add)) {
      // when
      assertThat(kernel.admin().post("/api/v1/libraries/" + id + "/scan", "").status()).isEqualTo(202);
      // then
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (events.stream().noneMatch(e -> e.topic().equals("library.scanned")) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    Event scanned = events.stream().filter(e -> e.topic().equals("library.scanned")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) scanned.data();
    assertThat(counts).containsEntry("libraryId", id).containsEntry("added", 1).containsEntry("missing", 0)
        .containsEntry("moved", 0);
    assertThat(events.stream().filter(e -> e.topic().equals("library.item.added")).count()).isEqualTo(3);
    Map<?, ?> added = (Map<?, ?>) events.stream().filter(e -> e.topic().equals("library.item.added")).findFirst()
        .orElseThrow().data();
    assertThat(added.get("libraryId")).isEqualTo(id);
    assertThat(added.get("kind")).isEqualTo("series");
    assertThat(events).extracting(Event::topic).contains("task.started");
  }

  @Test
  void browse_resolvesLinks() throws Exception {
    Path real = Files.createDirectories(media.resolve("real/inside"));
    Path link = Files.createSymbolicLink(tempDir.resolve("link"), media.resolve("real"));
    JsonNode listing = kernel.admin().get("/api/v1/admin/filesystem/browse?path=" + link).json();
    assertThat(listing.path("path").asText()).isEqualTo(media.resolve("real").toString());
    assertThat(listing.path("directories").get(0).path("path").asText()).isEqualTo(real.toString());
  }

  @Test
  void scan_whileAScanRuns_is409() throws Exception {
    // given: enough files that the first scan is still running when the second request comes
    for (int i = 0; i < 3000; i++) {
      Path dir = Files.createDirectories(media.resolve("Movie " + i + " (2000)"));
      Files.writeString(dir.resolve("Movie " + i + " (2000).mkv"), "");
    }
    long id = create("Movies", "movie", media);
    TestHttp admin = kernel.admin();
    assertThat(admin.post("/api/v1/libraries/" + id + "/scan", "").status()).isEqualTo(202);
    // when
    TestHttp.Response second = admin.post("/api/v1/libraries/" + id + "/scan", "");
    // then
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("SCAN_RUNNING");
    assertThat(awaitIdle(admin, id).path("added").asInt()).isEqualTo(3000);
  }

  @Test
  void scan_ofAnotherLibraryWhileAScanRuns_waitsItsTurn() throws Exception {
    // given: a long scan of one library
    Path movies = Files.createDirectories(media.resolve("movies"));
    for (int i = 0; i < 3000; i++) {
      Path dir = Files.createDirectories(movies.resolve("Movie " + i + " (2000)"));
      Files.writeString(dir.resolve("Movie " + i + " (2000).mkv"), "");
    }
    Path shows = Files.createDirectories(media.resolve("shows/Dark (2017)/Season 01"));
    Files.writeString(shows.resolve("Dark - S01E01.mkv"), "");
    long first = create("Movies", "movie", movies);
    long second = create("Shows", "series", media.resolve("shows"));
    TestHttp admin = kernel.admin();
    assertThat(admin.post("/api/v1/libraries/" + first + "/scan", "").status()).isEqualTo(202);
    // when
    TestHttp.Response waiting = admin.post("/api/v1/libraries/" + second + "/scan", "");
    // then: accepted, waiting, and scanned after the first
    assertThat(waiting.status()).as(waiting.toString()).isEqualTo(202);
    assertThat(waiting.json().path("state").asText()).isIn("queued", "running", "idle");
    assertThat(admin.post("/api/v1/libraries/" + second + "/scan", "").status()).isIn(202, 409);
    assertThat(awaitIdle(admin, first).path("added").asInt()).isEqualTo(3000);
    assertThat(awaitIdle(admin, second).path("added").asInt()).isEqualTo(1);
  }
}
