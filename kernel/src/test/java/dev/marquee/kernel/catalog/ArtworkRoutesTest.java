package dev.marquee.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestKernel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Artwork served resized, cached on disk, with ETags and 304s. */
class ArtworkRoutesTest {
  @TempDir
  static Path dataDir;
  @TempDir
  static Path media;

  static TestKernel kernel;
  static String token;
  static long movie;
  static long bare;
  static Path poster;

  @BeforeAll
  static void start() throws IOException {
    kernel = TestKernel.start(dataDir, Map.of());
    kernel.user("viewer");
    token = kernel.http().post("/api/v1/auth/login",
        "{\"username\":\"viewer\",\"password\":\"" + TestKernel.USER_PASSWORD + "\"}").json().path("accessToken").asText();
    CatalogFixture fixture = new CatalogFixture(kernel.component().database().jdbi());
    long library = fixture.library("Movies", "movie");
    movie = fixture.item(library, "movie", "Heat").insert();
    bare = fixture.item(library, "movie", "No Art").insert();
    poster = write(media.resolve("poster.png"), 400, 600, "png");
    Path backdrop = write(media.resolve("fanart.jpg"), 800, 450, "jpg");
    Path cached = write(dataDir.resolve("metadata").resolve("thumb-original.jpg"), 640, 360, "jpg");
    fixture.image(movie, "poster", "local", poster.toString(), null);
    fixture.image(movie, "backdrop", "local", backdrop.toString(), null);
    fixture.image(movie, "thumb", "remote", "https://image.example/t.jpg", "metadata/thumb-original.jpg");
    fixture.image(bare, "poster", "remote", "https://image.example/p.jpg", null);
    assertThat(cached).exists();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  static Path write(Path file, int width, int height, String format) throws IOException {
    BufferedImage image = new BufferedImage(width, height,
        format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, width / 2, height);
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(image, format, file.toFile());
    return file;
  }

  static HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(kernel.http().uri(path)).header("Authorization", "Bearer " + token);
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static BufferedImage image(HttpResponse<byte[]> response) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(response.body()));
  }

  @Test
  void poster_width100_resizedJpegKeepsAspectCachedWithEtagThen304() throws Exception {
    // when
    var response = get("/api/v1/media/" + movie + "/images/poster?width=100", null);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    BufferedImage resized = image(response);
    assertThat(resized.getWidth()).isEqualTo(100);
    assertThat(resized.getHeight()).isEqualTo(150);
    assertThat(dataDir.resolve("cache/images/" + movie + "/poster-100.jpg")).isRegularFile();
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{32}\"");

    // when: the client asks again with its ETag
    var again = get("/api/v1/media/" + movie + "/images/poster?width=100", etag);

    // then
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    assertThat(get("/api/v1/media/" + movie + "/images/poster?width=200", etag).statusCode()).isEqualTo(200);
  }

  @Test
  void poster_sourceChanged_newEtagAndNewRendering() throws Exception {
    var before = get("/api/v1/media/" + movie + "/images/poster?width=120", null);
    write(poster, 200, 100, "png");
    Files.setLastModifiedTime(poster, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

    var after = get("/api/v1/media/" + movie + "/images/poster?width=120", before.headers().firstValue("ETag").orElseThrow());

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
    assertThat(image(after).getHeight()).isEqualTo(60);
    write(poster, 400, 600, "png");
  }

  @Test
  void widths_clampedAndNeverEnlarged_originalWithoutWidth() throws Exception {
    assertThat(image(get("/api/v1/media/" + movie + "/images/backdrop?width=10", null)).getWidth()).isEqualTo(32);
    assertThat(image(get("/api/v1/media/" + movie + "/images/backdrop?width=99999", null)).getWidth()).isEqualTo(800);
    var original = get("/api/v1/media/" + movie + "/images/backdrop", null);
    assertThat(original.statusCode()).isEqualTo(200);
    assertThat(original.body()).isEqualTo(Files.readAllBytes(media.resolve("fanart.jpg")));
    var cachedRemote = get("/api/v1/media/" + movie + "/images/thumb?width=64", null);
    assertThat(cachedRemote.statusCode()).isEqualTo(200);
    assertThat(image(cachedRemote).getWidth()).isEqualTo(64);
  }

  @Test
  void detail_listsImageUrlsOfItsKinds() {
    var detail = kernel.user("viewer").get("/api/v1/media/" + movie).json();

    assertThat(detail.path("images").path("poster").asText()).isEqualTo("/api/v1/media/" + movie + "/images/poster");
    assertThat(detail.path("images").path("backdrop").asText()).isEqualTo("/api/v1/media/" + movie + "/images/backdrop");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/images/thumb", "/images/logo", "/images/poster?width=100"})
  void image_noneOfThatKindOrNotDownloaded_404(String suffix) throws Exception {
    var response = get("/api/v1/media/" + bare + suffix, null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body())).contains("NOT_FOUND");
  }

  @Test
  void image_unknownItemBadWidthOrNoCredentials() throws Exception {
    assertThat(get("/api/v1/media/999/images/poster", null).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/media/abc/images/poster", null).statusCode()).isEqualTo(404);
    var badWidth = get("/api/v1/media/" + movie + "/images/poster?width=wide", null);
    assertThat(badWidth.statusCode()).isEqualTo(422);
    assertThat(new String(badWidth.body())).contains("VALIDATION_FAILED");
    var anonymous = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(kernel.http().uri("/api/v1/media/" + movie + "/images/poster").toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }
}
