package dev.marquee.kernel.media;

import static dev.marquee.kernel.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.catalog.EmbeddedArtwork;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cover art inside probed videos, extracted with the system ffmpeg and stored on every engine. */
class VideoCoversTest {
  @TempDir
  static Path media;

  @TempDir
  Path tempDir;

  static Path red;
  static Path green;
  static Path blue;

  @BeforeAll
  static void images() throws Exception {
    red = TestMedia.image(media.resolve("covers/cover.jpg"), 64, 96, Color.RED);
    green = TestMedia.image(media.resolve("covers/cover_land.jpg"), 96, 54, Color.GREEN);
    blue = TestMedia.image(media.resolve("covers/small_cover.jpg"), 32, 48, Color.BLUE);
  }

  private static List<Map<String, Object>> images(MediaFixture f, long itemId) {
    return f.jdbi.withHandle(h -> h.createQuery("SELECT id, kind, source, location, cached_path, sort_order FROM item_images"
        + " WHERE item_id = :id ORDER BY kind, id").bind("id", itemId).mapToMap().list());
  }

  private static Path cached(Path dataDir, Map<String, Object> row) {
    return dataDir.resolve((String) row.get("cached_path"));
  }

  private static boolean centreIs(BufferedImage image, Color colour) {
    Color centre = new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
    return Math.abs(centre.getRed() - colour.getRed()) <= 24 && Math.abs(centre.getGreen() - colour.getGreen()) <= 24
        && Math.abs(centre.getBlue() - colour.getBlue()) <= 24;
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void probe_mkvWithImageAttachments_storesCoverAsPosterAndLandscapeAsBackdropOnce(TestDatabase.Engine engine)
      throws Exception {
    try (MediaFixture f = new MediaFixture(engine, tempDir, Map.of())) {
      // given: three attachments, the small one first
      Path mkv = TestMedia.mkvWithAttachments(TestMedia.systemToolkit(), Files.createDirectories(tempDir.resolve("m")),
          "movie", List.of(blue, green, red));
      long library = f.insertLibrary("movie", "{}");
      long item = f.insertItem(library, "movie");
      long file = f.insertFile(item, library, mkv);

      // when
      assertThat(f.prober.probe(f.file(file))).isTrue();

      // then
      List<Map<String, Object>> rows = images(f, item);
      assertThat(rows).extracting(r -> r.get("kind") + " " + r.get("source") + " " + r.get("location"))
          .containsExactly("backdrop embedded " + mkv, "poster embedded " + mkv);
      Path dataDir = tempDir.resolve("data");
      assertThat(cached(dataDir, rows.get(1))).hasBinaryContent(Files.readAllBytes(red));
      assertThat(cached(dataDir, rows.get(0))).hasBinaryContent(Files.readAllBytes(green));
      assertThat(cached(dataDir, rows.get(1))).startsWith(dataDir.resolve("cache/images/embedded/" + item));

      // when: probed again, unchanged
      f.prober.probe(f.file(file));

      // then: the same rows
      assertThat(images(f, item)).isEqualTo(rows);

      // when: the file is remuxed with only the small cover (the scanner records its new size and time)
      TestMedia.mkvWithAttachments(TestMedia.systemToolkit(), tempDir.resolve("m"), "movie", List.of(blue));
      f.jdbi.useHandle(h -> h.createUpdate("UPDATE media_files SET size = :size, mtime = mtime + 1000 WHERE id = :id")
          .bind("size", Files.size(mkv)).bind("id", file).execute());
      f.prober.probe(f.file(file));

      // then: its one image is the poster, and the old copies are gone
      List<Map<String, Object>> after = images(f, item);
      assertThat(after).extracting(r -> r.get("kind")).containsExactly("poster");
      assertThat(cached(dataDir, after.get(0))).hasBinaryContent(Files.readAllBytes(blue));
      assertThat(cached(dataDir, rows.get(0))).doesNotExist();
      assertThat(cached(dataDir, rows.get(1))).doesNotExist();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void store_manyFilesAtOnce_keepsEveryFilesCovers(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture f = new MediaFixture(engine, tempDir, Map.of())) {
      // given: files read on several threads at once, as the probe threads do
      long library = f.insertLibrary("movie", "{}");
      List<EmbeddedArtwork.FileState> files = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        long item = f.insertItem(library, "movie");
        Path path = Files.createDirectories(tempDir.resolve("m" + i)).resolve("movie.mkv");
        Files.writeString(path, "not really a movie " + i);
        files.add(f.artwork.file(f.insertFile(item, library, path)).orElseThrow());
      }
      byte[] cover = Files.readAllBytes(red);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> stored = new ArrayList<>();

      // when
      for (EmbeddedArtwork.FileState file : files) {
        stored.add(threads.submit(() -> {
          go.await();
          return f.artwork.store(file, List.of(new EmbeddedArtwork.Cover("poster", cover, "jpg")));
        }));
      }
      go.countDown();
      for (Future<Boolean> one : stored) {
        assertThat(one.get(60, TimeUnit.SECONDS)).isTrue();
      }
      threads.shutdown();

      // then: on MariaDB the deletes' gap locks make such stores deadlock; the victims run again
      int images = f.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM item_images WHERE source = 'embedded'")
          .mapTo(Integer.class).one());
      int reads = f.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM embedded_image_checks")
          .mapTo(Integer.class).one());
      assertThat(images).isEqualTo(16);
      assertThat(reads).isEqualTo(16);
    }
  }

  @Test
  void probe_mkvWithAttachmentStream_dumpsItAsPoster() throws Exception {
    try (MediaFixture f = new MediaFixture(TestDatabase.Engine.SQLITE, tempDir, Map.of())) {
      // given: "image/jpg" is not a type ffmpeg turns into an attached picture
      Path mkv = TestMedia.mkvWithAttachments(TestMedia.systemToolkit(), Files.createDirectories(tempDir.resolve("m")),
          "movie", List.of(red), "image/jpg");
      long library = f.insertLibrary("movie", "{}");
      long item = f.insertItem(library, "movie");
      long file = f.insertFile(item, library, mkv);

      // when
      f.prober.probe(f.file(file));

      // then
      List<Map<String, Object>> rows = images(f, item);
      assertThat(rows).extracting(r -> r.get("kind") + " " + r.get("source")).containsExactly("poster embedded");
      assertThat(cached(tempDir.resolve("data"), rows.get(0))).hasBinaryContent(Files.readAllBytes(red));
    }
  }

  @Test
  void probe_mp4WithAttachedPicture_storesItAsPoster() throws Exception {
    try (MediaFixture f = new MediaFixture(TestDatabase.Engine.SQLITE, tempDir, Map.of())) {
      // given
      Path mp4 = TestMedia.mp4WithCover(TestMedia.systemToolkit(), Files.createDirectories(tempDir.resolve("m")),
          "movie", red);
      long library = f.insertLibrary("movie", "{}");
      long item = f.insertItem(library, "movie");
      long file = f.insertFile(item, library, mp4);

      // when
      f.prober.probe(f.file(file));

      // then
      List<Map<String, Object>> rows = images(f, item);
      assertThat(rows).extracting(r -> r.get("kind") + " " + r.get("source")).containsExactly("poster embedded");
      BufferedImage poster = ImageIO.read(cached(tempDir.resolve("data"), rows.get(0)).toFile());
      assertThat(poster.getWidth()).isEqualTo(64);
      assertThat(poster.getHeight()).isEqualTo(96);
      assertThat(centreIs(poster, Color.RED)).isTrue();
      // the cover is not counted as a video stream of the file
      assertThat(f.streams(file)).extracting(s -> s.get("type")).containsExactly("video");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_mkvAndMp4WithCovers_serveThemUntilALocalPosterComesFirst(TestDatabase.Engine engine) throws Exception {
    Path movies = tempDir.resolve("movies");
    TestMedia.mkvWithAttachments(TestMedia.systemToolkit(), Files.createDirectories(movies.resolve("Alien (1979)")),
        "Alien (1979)", List.of(red));
    TestMedia.mp4WithCover(TestMedia.systemToolkit(), Files.createDirectories(movies.resolve("Heat (1995)")),
        "Heat (1995)", green);
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        TestKernel kernel = TestKernel.start(tempDir.resolve("data"), db.settings())) {
      // given
      TestHttp admin = kernel.admin();
      kernel.user("viewer");
      String token = kernel.http().post("/api/v1/auth/login", "{\"username\":\"viewer\",\"password\":\""
          + TestKernel.USER_PASSWORD + "\"}").json().path("accessToken").asText();
      long library = admin.post("/api/v1/libraries", "{\"name\":\"Movies\",\"type\":\"movie\",\"roots\":[\""
          + movies + "\"],\"settings\":{\"watch\":false}}").json().path("id").asLong();
      Jdbi jdbi = kernel.component().database().jdbi();

      // when: scanned, then probed in the background
      assertThat(admin.post("/api/v1/libraries/" + library + "/scan", "").status()).isEqualTo(202);
      await("the two embedded covers", Duration.ofSeconds(60), () -> jdbi.withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM item_images WHERE source = 'embedded'").mapTo(Integer.class).one()) == 2,
          () -> state(jdbi));
      long alien = id(jdbi, "Alien");
      long heat = id(jdbi, "Heat");

      // then
      BufferedImage mkvCover = decode(kernel, token, "/api/v1/media/" + alien + "/images/poster?width=32");
      assertThat(mkvCover.getWidth()).isEqualTo(32);
      assertThat(mkvCover.getHeight()).isEqualTo(48);
      assertThat(centreIs(mkvCover, Color.RED)).isTrue();
      BufferedImage mp4Image = decode(kernel, token, "/api/v1/media/" + heat + "/images/poster");
      assertThat(mp4Image.getWidth()).isEqualTo(96);
      assertThat(centreIs(mp4Image, Color.GREEN)).isTrue();

      // when: a poster is put beside Alien and the library rescanned
      TestMedia.image(movies.resolve("Alien (1979)/poster.jpg"), 40, 60, Color.BLUE);
      assertThat(admin.post("/api/v1/libraries/" + library + "/scan", "").status()).isEqualTo(202);
      await("the local poster", Duration.ofSeconds(60), () -> jdbi.withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM item_images WHERE source = 'local'").mapTo(Integer.class).one()) == 1,
          () -> state(jdbi));

      // then: the file beside the movie comes before the one inside it
      BufferedImage local = decode(kernel, token, "/api/v1/media/" + alien + "/images/poster");
      assertThat(local.getWidth()).isEqualTo(40);
      assertThat(centreIs(local, Color.BLUE)).isTrue();
    }
  }

  private static long id(Jdbi jdbi, String title) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM media_items WHERE title = :title").bind("title", title)
        .mapTo(Long.class).one());
  }

  private static BufferedImage decode(TestKernel kernel, String token, String path) throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(kernel.http().uri(path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return ImageIO.read(new ByteArrayInputStream(response.body()));
  }

  /** The files' probe outcome, the image rows and reads, and the task runs: what a timed-out wait saw. */
  private static String state(Jdbi jdbi) {
    return jdbi.withHandle(h -> "files " + h.createQuery("SELECT id, path, size, mtime, probed_at, probe_error"
        + " FROM media_files").mapToMap().list()
        + ", images " + h.createQuery("SELECT item_id, kind, source, location FROM item_images").mapToMap().list()
        + ", reads " + h.createQuery("SELECT * FROM embedded_image_checks").mapToMap().list()
        + ", runs " + h.createQuery("SELECT task_id, status, error FROM task_runs ORDER BY id").mapToMap().list());
  }

  @Test
  void posterScore_prefersCoverOverSmallAndLandscapeVariants() {
    assertThat(VideoCovers.posterScore("cover.jpg")).isGreaterThan(VideoCovers.posterScore("small_cover.jpg"));
    assertThat(VideoCovers.posterScore("small_cover.jpg")).isGreaterThan(VideoCovers.posterScore("still.jpg"));
    assertThat(VideoCovers.posterScore("cover.jpg")).isGreaterThan(VideoCovers.posterScore("cover_land.jpg"));
    assertThat(VideoCovers.backdropScore("fanart.jpg")).isGreaterThan(VideoCovers.backdropScore("small_cover_land.jpg"));
    assertThat(VideoCovers.backdropScore("cover.jpg")).isLessThan(2);
  }
}
