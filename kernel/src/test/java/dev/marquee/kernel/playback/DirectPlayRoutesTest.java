package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Direct play: whole files, ranges, validators and HEAD, from the catalog only. */
class DirectPlayRoutesTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  static Path dataDir;
  @TempDir
  static Path media;

  static TestKernel kernel;
  static String token;
  static long library;
  static long movie;
  static long series;
  static long fileId;
  static byte[] content;

  @BeforeAll
  static void start() throws Exception {
    kernel = TestKernel.start(dataDir, Map.of());
    Path movies = Files.createDirectories(media.resolve("movies/Heat (1995)"));
    content = new byte[300_000];
    new Random(7).nextBytes(content);
    Files.write(movies.resolve("Heat (1995).mkv"), content);
    Path season = Files.createDirectories(media.resolve("movies/Dark (2017)/Season 01"));
    Files.writeString(season.resolve("Dark - S01E01.mkv"), "episode");
    TestHttp admin = kernel.admin();
    TestLibrary films = TestLibrary.scanned(admin, "mixed", media.resolve("movies"));
    library = films.id();
    movie = films.item("Heat");
    series = films.item("Dark");
    fileId = admin.get("/api/v1/media/" + movie).json().path("files").get(0).path("id").asLong();
    kernel.user("viewer");
    token = kernel.http().post("/api/v1/auth/login",
        "{\"username\":\"viewer\",\"password\":\"" + TestKernel.USER_PASSWORD + "\"}").json().path("accessToken").asText();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(kernel.http().uri(path))
        .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  static String errorCode(HttpResponse<byte[]> response) throws Exception {
    return new ObjectMapper().readTree(response.body()).path("error").path("code").asText();
  }

  @Test
  void stream_withoutToken_is401() throws Exception {
    assertThat(kernel.http().get("/api/v1/media/" + movie + "/stream").status()).isEqualTo(401);
    assertThat(kernel.http().get("/api/v1/media/" + movie + "/files/" + fileId + "/stream").status()).isEqualTo(401);
  }

  @Test
  void stream_malformedOrUnknownIds_are404() throws Exception {
    assertThat(errorCode(send("GET", "/api/v1/media/abc/stream"))).isEqualTo("NOT_FOUND");
    assertThat(send("GET", "/api/v1/media/-1/stream").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v1/media/99999/stream").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v1/media/" + series + "/stream").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v1/media/" + series + "/files/" + fileId + "/stream").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v1/media/" + movie + "/files/x/stream").statusCode()).isEqualTo(404);
  }

  @Test
  void stream_whole_sendsTheFileWithValidators() throws Exception {
    HttpResponse<byte[]> whole = send("GET", "/api/v1/media/" + movie + "/stream");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(content);
    assertThat(header(whole, "Content-Type")).isEqualTo("video/x-matroska");
    assertThat(header(whole, "Content-Length")).isEqualTo(String.valueOf(content.length));
    assertThat(header(whole, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(header(whole, "ETag")).startsWith("\"");
    assertThat(header(whole, "Last-Modified")).endsWith("GMT");
    HttpResponse<byte[]> byFile = send("GET", "/api/v1/media/" + movie + "/files/" + fileId + "/stream");
    assertThat(byFile.body()).isEqualTo(content);
  }

  @Test
  void stream_oneRange_is206WithThatSlice() throws Exception {
    HttpResponse<byte[]> middle = send("GET", "/api/v1/media/" + movie + "/stream", "Range", "bytes=1000-1999");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(header(middle, "Content-Range")).isEqualTo("bytes 1000-1999/" + content.length);
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

    HttpResponse<byte[]> tail = send("GET", "/api/v1/media/" + movie + "/stream", "Range", "bytes=-10");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, content.length - 10, content.length));

    HttpResponse<byte[]> open = send("GET", "/api/v1/media/" + movie + "/stream", "Range", "bytes=299990-");
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 299_990, content.length));
  }

  @Test
  void stream_rangeBeyondTheEnd_is416WithTheSize() throws Exception {
    HttpResponse<byte[]> beyond = send("GET", "/api/v1/media/" + movie + "/stream", "Range", "bytes=300000-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(header(beyond, "Content-Range")).isEqualTo("bytes */" + content.length);
    assertThat(errorCode(beyond)).isEqualTo("RANGE_NOT_SATISFIABLE");
  }

  @Test
  void stream_malformedRange_isIgnored() throws Exception {
    HttpResponse<byte[]> response = send("GET", "/api/v1/media/" + movie + "/stream", "Range", "bytes=abc");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(content);
  }

  @Test
  void stream_conditionals_answer304OrTheWholeFile() throws Exception {
    String etag = header(send("HEAD", "/api/v1/media/" + movie + "/stream"), "ETag");
    String modified = header(send("HEAD", "/api/v1/media/" + movie + "/stream"), "Last-Modified");
    HttpResponse<byte[]> same = send("GET", "/api/v1/media/" + movie + "/stream", "If-None-Match", etag);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(send("GET", "/api/v1/media/" + movie + "/stream", "If-Modified-Since", modified).statusCode())
        .isEqualTo(304);
    assertThat(send("GET", "/api/v1/media/" + movie + "/stream", "If-None-Match", "\"other\"").statusCode())
        .isEqualTo(200);
    // If-Range: a current validator gets the range, a stale one the whole file
    HttpResponse<byte[]> current = send("GET", "/api/v1/media/" + movie + "/stream", "Range", "bytes=0-9", "If-Range", etag);
    assertThat(current.statusCode()).isEqualTo(206);
    HttpResponse<byte[]> stale = send("GET", "/api/v1/media/" + movie + "/stream", "Range", "bytes=0-9",
        "If-Range", "\"stale\"");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(content);
  }

  @Test
  void stream_head_sendsHeadersOnly() throws Exception {
    HttpResponse<byte[]> head = send("HEAD", "/api/v1/media/" + movie + "/stream");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(header(head, "Content-Length")).isEqualTo(String.valueOf(content.length));
    assertThat(header(head, "Content-Type")).isEqualTo("video/x-matroska");
    HttpResponse<byte[]> headRange = send("HEAD", "/api/v1/media/" + movie + "/stream", "Range", "bytes=0-99");
    assertThat(headRange.statusCode()).isEqualTo(206);
    assertThat(header(headRange, "Content-Length")).isEqualTo("100");
  }

  @Test
  void stream_fileOutsideTheLibrarysFolders_isNeverServed() throws Exception {
    // given: the library now points elsewhere, and no rescan has happened yet
    Path elsewhere = Files.createDirectories(media.resolve("elsewhere")).toRealPath();
    TestHttp admin = kernel.admin();
    String original = admin.get("/api/v1/libraries/" + library).json().path("roots").get(0).asText();
    assertThat(admin.put("/api/v1/libraries/" + library, "{\"name\":\"Films\",\"type\":\"mixed\",\"roots\":[\""
        + elsewhere + "\"],\"settings\":{\"watch\":false}}").status()).isEqualTo(200);
    try {
      // when / then
      HttpResponse<byte[]> response = send("GET", "/api/v1/media/" + movie + "/stream");
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(new String(response.body())).doesNotContain("Heat (1995).mkv".substring(0, 4) + "\u0000");
    } finally {
      admin.put("/api/v1/libraries/" + library, "{\"name\":\"Films\",\"type\":\"mixed\",\"roots\":[\""
          + original + "\"],\"settings\":{\"watch\":false}}");
    }
  }
}
