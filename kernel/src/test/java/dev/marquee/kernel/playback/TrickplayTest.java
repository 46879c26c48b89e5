package dev.marquee.kernel.playback;

import static dev.marquee.kernel.playback.TrickplayFixture.await;
import static dev.marquee.kernel.playback.TrickplayFixture.fetch;
import static dev.marquee.kernel.playback.TrickplayFixture.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.event.Event;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trickplay end to end over real media on both engines: sheets made after a scan, served with a
 * manifest and a WebVTT track to clients without credentials, made once per file version, made
 * again when the file changes, deleted when the file goes or its library turns trickplay off.
 */
class TrickplayTest {
  @TempDir
  static Path sources;
  static Path minute;
  static Path halfMinute;
  static Path short5s;

  @TempDir
  Path tempDir;

  @BeforeAll
  static void makeMedia() throws Exception {
    minute = TrickplayFixture.clip(sources.resolve("minute.mp4"), 60);
    halfMinute = TrickplayFixture.clip(sources.resolve("half.mp4"), 30);
    short5s = TrickplayFixture.clip(sources.resolve("short.mp4"), 5);
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void sheets_ofAMinuteLongClip_areMadeOnceAndServedWithAVttTrack(TestDatabase.Engine engine) throws Exception {
    Path media = tempDir.resolve("media");
    Path dataDir = tempDir.resolve("data");
    copy(minute, media.resolve("Clock (2001)/Clock (2001).mp4"));
    try (TestDatabase db = TestDatabase.create(engine, tempDir)) {
      long itemId;
      long fileId;
      long madeAt;
      try (TestKernel kernel = TestKernel.start(dataDir, db.settings())) {
        // given a scanned library with a 60 s clip
        TestHttp admin = kernel.admin();
        TestHttp viewer = kernel.user("viewer");
        List<Event> scanned = new CopyOnWriteArrayList<>();
        kernel.component().eventBus().subscribe("library.scanned", scanned::add);
        long library = TrickplayFixture.library(admin, "Films", media, "");
        itemId = TrickplayFixture.item(admin, library, "Clock");

        // when its thumbnails are made in the background
        JsonNode manifest = TrickplayFixture.manifest(viewer, itemId, m -> true);

        // then one sheet of six thumbnails, one every 10 s, 320×180
        fileId = manifest.path("fileId").asLong();
        assertThat(manifest.path("itemId").asLong()).isEqualTo(itemId);
        assertThat(manifest.path("intervalMs").asLong()).isEqualTo(10_000);
        assertThat(manifest.path("width").asInt()).isEqualTo(320);
        assertThat(manifest.path("height").asInt()).isEqualTo(180);
        assertThat(manifest.path("tileColumns").asInt()).isEqualTo(6);
        assertThat(manifest.path("tileRows").asInt()).isEqualTo(1);
        assertThat(manifest.path("thumbnailCount").asInt()).isEqualTo(6);
        assertThat(manifest.path("sheetCount").asInt()).isEqualTo(1);
        assertThat(manifest.path("durationMs").asLong()).isEqualTo(60_000);
        assertThat(manifest.path("sheets")).hasSize(1);
        String sheetUrl = manifest.path("sheets").get(0).asText();
        assertThat(sheetUrl).startsWith("/api/v1/playback/" + itemId + "/trickplay/320/0.jpg?fileId=" + fileId + "&token=");

        // and the sheet opens without credentials (as an <img> does), 6 × 320 by 180, its tiles different frames
        HttpResponse<byte[]> sheet = fetch(kernel, sheetUrl);
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage image = image(sheet.body());
        assertThat(image.getWidth()).isEqualTo(6 * 320);
        assertThat(image.getHeight()).isEqualTo(180);
        for (int tile = 0; tile < 6; tile++) {
          assertThat(TrickplayFixture.brightness(image, tile * 320, 0, 320, 180)).as("tile %d is a frame", tile)
              .isGreaterThan(40);
        }
        assertThat(TrickplayFixture.differingPixels(image, 0, 320, 0, 320, 180)).isGreaterThan(500);
        assertThat(TrickplayFixture.differingPixels(image, 320, 5 * 320, 0, 320, 180)).isGreaterThan(500);

        // and the WebVTT track covers 0–60 s, one cue per tile
        HttpResponse<byte[]> track = fetch(kernel, manifest.path("vttUrl").asText());
        assertThat(track.statusCode()).isEqualTo(200);
        assertThat(track.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/vtt"));
        List<String> lines = new String(track.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("WEBVTT");
        List<String> cues = lines.stream().filter(line -> line.contains(" --> ")).toList();
        List<String> urls = lines.stream().filter(line -> line.contains("#xywh=")).toList();
        assertThat(cues).containsExactly("00:00:00.000 --> 00:00:10.000", "00:00:10.000 --> 00:00:20.000",
            "00:00:20.000 --> 00:00:30.000", "00:00:30.000 --> 00:00:40.000", "00:00:40.000 --> 00:00:50.000",
            "00:00:50.000 --> 00:01:00.000");
        for (int i = 0; i < 6; i++) {
          assertThat(urls.get(i)).isEqualTo(sheetUrl + "#xywh=" + i * 320 + ",0,320,180");
        }
        assertThat(fetch(kernel, urls.get(3).substring(0, urls.get(3).indexOf('#'))).statusCode()).isEqualTo(200);
        madeAt = madeAt(kernel, fileId).orElseThrow();

        // when the library is scanned again and the task runs
        assertThat(admin.post("/api/v1/libraries/" + library + "/scan", "").status()).isEqualTo(202);
        await("the rescan", () -> scanned.size() >= 2);
        Thread.sleep(300);
        JsonNode run = TrickplayFixture.runTask(admin);

        // then nothing was made again
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("message").asText()).isEqualTo("queued 0 file(s); 0 waiting or in progress");
        assertThat(madeAt(kernel, fileId)).hasValue(madeAt);
      }

      // when the server starts again over the same data
      try (TestKernel kernel = TestKernel.start(dataDir, db.settings())) {
        TestHttp admin = kernel.login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD);
        JsonNode run = TrickplayFixture.runTask(admin);

        // then the file is not made again, and its thumbnails are still served
        assertThat(run.path("message").asText()).isEqualTo("queued 0 file(s); 0 waiting or in progress");
        assertThat(madeAt(kernel, fileId)).hasValue(madeAt);
        TestHttp viewer = kernel.login("viewer", TestKernel.USER_PASSWORD);
        assertThat(viewer.get("/api/v1/playback/" + itemId + "/trickplay").json().path("thumbnailCount").asInt())
            .isEqualTo(6);
        // and every run so far is in the task's history
        JsonNode history = admin.get("/api/v1/admin/tasks/" + TrickplayQueue.TASK + "/runs?limit=50").json();
        assertThat(history.path("total").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(history.path("items").findValuesAsText("status")).containsOnly("SUCCEEDED");
        assertThat(history.path("items").findValuesAsText("message"))
            .allMatch(message -> message.matches("queued [01] file\\(s\\); [01] waiting or in progress"));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void sheets_ofChangedFilesAreRemade_andOfGoneFilesAndDisabledLibrariesDeleted(TestDatabase.Engine engine)
      throws Exception {
    Path films = tempDir.resolve("films");
    Path shorts = tempDir.resolve("shorts");
    Path dataDir = tempDir.resolve("data");
    Path movie = copy(minute, films.resolve("Clock (2001)/Clock (2001).mp4"));
    Path quiet = films.resolve("Quiet (2003)/Quiet (2003).mkv");
    Files.createDirectories(quiet.getParent());
    TestMediaFiles.ffmpeg(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2",
        "-c:a", "aac", quiet.toString()));
    copy(short5s, shorts.resolve("Short (2004)/Short (2004).mp4"));
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        TestKernel kernel = TestKernel.start(dataDir, db.settings())) {
      // given two libraries with thumbnails made
      TestHttp admin = kernel.admin();
      TestHttp viewer = kernel.user("viewer");
      long filmsId = TrickplayFixture.library(admin, "Films", films, "");
      long shortsId = TrickplayFixture.library(admin, "Shorts", shorts, "");
      long clock = TrickplayFixture.item(admin, filmsId, "Clock");
      long quietItem = TrickplayFixture.item(admin, filmsId, "Quiet");
      long shortItem = TrickplayFixture.item(admin, shortsId, "Short");
      JsonNode first = TrickplayFixture.manifest(viewer, clock, m -> true);
      long clockFile = first.path("fileId").asLong();
      JsonNode shortManifest = TrickplayFixture.manifest(viewer, shortItem, m -> true);
      assertThat(shortManifest.path("thumbnailCount").asInt()).isEqualTo(1);
      long shortFile = shortManifest.path("fileId").asLong();
      Path cache = dataDir.resolve("cache/trickplay");
      assertThat(cache.resolve(shortFile + "/320/0.jpg")).isRegularFile();
      // and a file without video, which gets none
      await("the audio-only file's attempt", () -> "TRICKPLAY_UNAVAILABLE".equals(
          viewer.get("/api/v1/playback/" + quietItem + "/trickplay").errorCode()));
      assertThat(viewer.get("/api/v1/playback/" + quietItem + "/trickplay").json().path("error").path("message")
          .asText()).contains("no video stream");

      // when the clip is replaced by a 30 s one and the library rescanned
      Path replacement = copy(halfMinute, films.resolve("replacement.tmp"));
      Files.move(replacement, movie, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(movie, FileTime.from(Instant.now().plusSeconds(60)));
      assertThat(admin.post("/api/v1/libraries/" + filmsId + "/scan", "").status()).isIn(202, 409);

      // then it is made again: three thumbnails in a sheet of 3 × 320 by 180, replacing the earlier sheet
      JsonNode remade = TrickplayFixture.manifest(viewer, clock, m -> m.path("thumbnailCount").asInt() == 3);
      assertThat(remade.path("fileId").asLong()).isEqualTo(clockFile);
      assertThat(Instant.parse(remade.path("madeAt").asText())).isAfter(Instant.parse(first.path("madeAt").asText()));
      assertThat(remade.path("durationMs").asLong()).isEqualTo(30_000);
      BufferedImage sheet = image(fetch(kernel, remade.path("sheets").get(0).asText()).body());
      assertThat(sheet.getWidth()).isEqualTo(3 * 320);
      assertThat(sheet.getHeight()).isEqualTo(180);
      try (var children = Files.list(cache.resolve(Long.toString(clockFile)))) {
        assertThat(children.map(p -> p.getFileName().toString()).toList()).containsExactly("320");
      }
      try (var sheets = Files.list(cache.resolve(clockFile + "/320"))) {
        assertThat(sheets.map(p -> p.getFileName().toString()).toList()).containsExactly("0.jpg");
      }

      // when the shorts library turns trickplay off and the task runs
      TestHttp.Response updated = admin.put("/api/v1/libraries/" + shortsId, "{\"name\":\"Shorts\",\"type\":\"movie\","
          + "\"roots\":[\"" + shorts.toRealPath() + "\"],\"settings\":{\"watch\":false,\"trickplay\":false}}");
      assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
      TrickplayFixture.runTask(admin);

      // then its sheets and rows are gone
      assertThat(cache.resolve(Long.toString(shortFile))).doesNotExist();
      assertThat(madeAt(kernel, shortFile)).isEmpty();
      assertThat(viewer.get("/api/v1/playback/" + shortItem + "/trickplay").errorCode()).isEqualTo("TRICKPLAY_NOT_READY");

      // when the films library is deleted and the task runs
      assertThat(admin.delete("/api/v1/libraries/" + filmsId).status()).isEqualTo(204);
      TrickplayFixture.runTask(admin);

      // then the clip's sheets are gone with it
      assertThat(cache.resolve(Long.toString(clockFile))).doesNotExist();
      assertThat(madeAt(kernel, clockFile)).isEmpty();
    }
  }

  private static Path copy(Path source, Path target) throws Exception {
    Files.createDirectories(target.getParent());
    return Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Optional<Long> madeAt(TestKernel kernel, long fileId) {
    Jdbi jdbi = kernel.component().database().jdbi();
    return jdbi.withHandle(h -> h.createQuery("SELECT made_at FROM trickplay WHERE file_id = :id AND error IS NULL")
        .bind("id", fileId).mapTo(Long.class).findOne());
  }
}
