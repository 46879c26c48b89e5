package dev.marquee.kernel.library;

import static dev.marquee.kernel.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Artwork beside and inside library files, scanned through the API and served by the image route. */
class ArtworkKernelTest {
  @TempDir
  Path tempDir;

  private TestKernel kernel;
  private String token;

  private void start(TestDatabase db) {
    kernel = TestKernel.start(tempDir.resolve("data"), db.settings());
    kernel.user("viewer");
    token = kernel.http().post("/api/v1/auth/login",
        "{\"username\":\"viewer\",\"password\":\"" + TestKernel.USER_PASSWORD + "\"}").json().path("accessToken").asText();
  }

  private long library(String name, String type, Path root) {
    TestHttp.Response created = kernel.admin().post("/api/v1/libraries", "{\"name\":\"" + name + "\",\"type\":\"" + type
        + "\",\"roots\":[\"" + root + "\"],\"settings\":{\"watch\":false,\"probe\":false}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asLong();
  }

  private void scan(long libraryId) throws InterruptedException {
    String before = kernel.admin().get("/api/v1/libraries/" + libraryId + "/scan").json().path("lastScanAt").asText("");
    assertThat(kernel.admin().post("/api/v1/libraries/" + libraryId + "/scan", "").status()).isEqualTo(202);
    await("the scan of library " + libraryId, () -> {
      JsonNode status = kernel.admin().get("/api/v1/libraries/" + libraryId + "/scan").json();
      return status.path("state").asText().equals("idle") && !status.path("lastScanAt").asText("").equals(before)
          && status.hasNonNull("lastScanAt");
    });
  }

  private long item(String kind, String title) {
    return jdbi().withHandle(h -> h.createQuery("SELECT id FROM media_items WHERE kind = :kind AND title = :title")
        .bind("kind", kind).bind("title", title).mapTo(Long.class).one());
  }

  private Jdbi jdbi() {
    return kernel.component().database().jdbi();
  }

  private List<Long> imageIds() {
    return jdbi().withHandle(h -> h.createQuery("SELECT id FROM item_images ORDER BY id").mapTo(Long.class).list());
  }

  private HttpResponse<byte[]> image(long itemId, String kind, String query) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(kernel.http().uri("/api/v1/media/" + itemId + "/images/" + kind + query))
        .header("Authorization", "Bearer " + token).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static BufferedImage decode(HttpResponse<byte[]> response) throws IOException {
    assertThat(response.statusCode()).isEqualTo(200);
    return ImageIO.read(new ByteArrayInputStream(response.body()));
  }

  private static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_localArtworkBesideMoviesAndShows_isServedAndFollowsTheDisk(TestDatabase.Engine engine) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, tempDir)) {
      start(db);
      // given
      Path movies = tempDir.resolve("movies");
      write(movies.resolve("Heat (1995)/Heat (1995).mkv"), "heat".getBytes());
      Path poster = write(movies.resolve("Heat (1995)/poster.jpg"), Books.image(400, 600, Color.ORANGE, "jpg"));
      Path fanart = write(movies.resolve("Heat (1995)/fanart.jpg"), Books.image(800, 450, Color.BLUE, "jpg"));
      Path shows = tempDir.resolve("shows");
      Path showPoster = write(shows.resolve("Dark (2017)/poster.jpg"), Books.image(300, 450, Color.RED, "jpg"));
      Path seasonPoster = write(shows.resolve("Dark (2017)/season01-poster.png"), Books.image(200, 300, Color.GREEN, "png"));
      write(shows.resolve("Dark (2017)/Season 1/Dark - S01E01.mkv"), "e1".getBytes());
      long movieLibrary = library("Movies", "movie", movies);
      long showLibrary = library("Shows", "series", shows);

      // when
      scan(movieLibrary);
      scan(showLibrary);

      // then: the files as they are, and resized
      long heat = item("movie", "Heat");
      assertThat(image(heat, "poster", "").body()).isEqualTo(Files.readAllBytes(poster));
      assertThat(image(heat, "backdrop", "").body()).isEqualTo(Files.readAllBytes(fanart));
      BufferedImage resized = decode(image(heat, "poster", "?width=100"));
      assertThat(resized.getWidth()).isEqualTo(100);
      assertThat(resized.getHeight()).isEqualTo(150);
      assertThat(Books.centreIs(resized, Color.ORANGE)).isTrue();
      assertThat(kernel.user("viewer").get("/api/v1/media/" + heat).json().path("images").path("poster").asText())
          .isEqualTo("/api/v1/media/" + heat + "/images/poster");
      assertThat(image(item("series", "Dark"), "poster", "").body()).isEqualTo(Files.readAllBytes(showPoster));
      assertThat(image(item("season", "Season 1"), "poster", "").body()).isEqualTo(Files.readAllBytes(seasonPoster));
      assertThat(image(item("season", "Season 1"), "poster", "").headers().firstValue("Content-Type")).hasValue("image/png");

      // when: rescanned with nothing changed
      List<Long> ids = imageIds();
      scan(movieLibrary);
      scan(showLibrary);

      // then: nothing rewritten
      assertThat(imageIds()).isEqualTo(ids);

      // when: the poster is deleted
      Files.delete(poster);
      scan(movieLibrary);

      // then: it is gone, from the item's detail too; the backdrop stays
      assertThat(image(heat, "poster", "").statusCode()).isEqualTo(404);
      assertThat(image(heat, "backdrop", "").statusCode()).isEqualTo(200);
      assertThat(kernel.user("viewer").get("/api/v1/media/" + heat).json().path("images").has("poster")).isFalse();
    } finally {
      if (kernel != null) {
        kernel.close();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_booksWithEmbeddedCovers_serveTheirCoversReadOnce(TestDatabase.Engine engine) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, tempDir)) {
      start(db);
      // given
      Path books = tempDir.resolve("books");
      byte[] epubCover = Books.image(120, 180, Color.RED, "jpg");
      Books.epubWithCover(books.resolve("Ann Author/Covered.epub"), epubCover, Books.image(10, 10, Color.BLUE, "jpg"),
          Books.CoverStyle.EPUB3_PROPERTY);
      Map<String, byte[]> pages = new LinkedHashMap<>();
      pages.put("10.jpg", Books.image(50, 50, Color.BLUE, "jpg"));
      pages.put("01.png", Books.image(80, 120, Color.GREEN, "png"));
      Books.cbz(books.resolve("Comics/Issue.cbz"), pages);
      Books.filledPdf(books.resolve("Papers/Paper.pdf"), Color.BLUE);
      long library = library("Books", "book", books);

      // when
      scan(library);
      long epub = item("book", "Covered");
      // asked before its cover may be there: the cached answer must not outlive the cover's arrival
      kernel.user("viewer").get("/api/v1/media/" + epub);
      long cbz = item("book", "Issue");
      long pdf = item("book", "Paper");
      await("the three covers", () -> jdbi().withHandle(h -> h.createQuery(
          "SELECT COUNT(*) FROM item_images WHERE source = 'embedded'").mapTo(Integer.class).one()) == 3);

      // then
      assertThat(image(epub, "poster", "").body()).isEqualTo(epubCover);
      assertThat(kernel.user("viewer").get("/api/v1/media/" + epub).json().path("images").path("poster").asText())
          .isEqualTo("/api/v1/media/" + epub + "/images/poster");
      BufferedImage page = decode(image(cbz, "poster", ""));
      assertThat(page.getWidth()).isEqualTo(80);
      assertThat(Books.centreIs(page, Color.GREEN)).isTrue();
      BufferedImage rendered = decode(image(pdf, "poster", "?width=300"));
      assertThat(rendered.getWidth()).isEqualTo(300);
      assertThat(Books.centreIs(rendered, Color.BLUE)).isTrue();

      // when: rescanned with the books unchanged
      List<Map<String, Object>> checks = jdbi().withHandle(h -> h.createQuery(
          "SELECT file_id, checked_at FROM embedded_image_checks ORDER BY file_id").mapToMap().list());
      List<Long> ids = imageIds();
      scan(library);
      Thread.sleep(300);

      // then: not read again
      List<Map<String, Object>> after = jdbi().withHandle(h -> h.createQuery(
          "SELECT file_id, checked_at FROM embedded_image_checks ORDER BY file_id").mapToMap().list());
      assertThat(after).isEqualTo(checks);
      assertThat(imageIds()).isEqualTo(ids);
    } finally {
      if (kernel != null) {
        kernel.close();
      }
    }
  }
}
