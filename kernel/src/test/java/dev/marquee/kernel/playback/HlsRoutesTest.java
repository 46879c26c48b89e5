package dev.marquee.kernel.playback;

import static dev.marquee.kernel.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HLS sessions end to end: playlists, segments made by ffmpeg, tokens, limits, and the end of ffmpeg. */
class HlsRoutesTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  static Path dataDir;
  @TempDir
  static Path media;
  @TempDir
  static Path scratch;

  static TestKernel kernel;
  static TestHttp viewer;
  static long movie;

  @BeforeAll
  static void start() throws Exception {
    TestMediaFiles.h264Aac(media.resolve("Clip (2020)/Clip (2020).mp4"), 20);
    kernel = TestKernel.start(dataDir, Map.of("playback.max-sessions-per-user", "2"));
    TestHttp admin = kernel.admin();
    movie = TestLibrary.scanned(admin, "movie", media).item("Clip");
    viewer = kernel.user("viewer");
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  static HttpResponse<byte[]> fetch(String pathAndQuery) throws Exception {
    return fetch(pathAndQuery, kernel);
  }

  static HttpResponse<byte[]> fetch(String pathAndQuery, TestKernel on) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(on.http().uri(pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(String pathAndQuery) throws Exception {
    return text(pathAndQuery, kernel);
  }

  static String text(String pathAndQuery, TestKernel on) throws Exception {
    HttpResponse<byte[]> response = fetch(pathAndQuery, on);
    assertThat(response.statusCode()).as(pathAndQuery + ": " + new String(response.body())).isEqualTo(200);
    return new String(response.body());
  }

  static JsonNode open(String query) {
    TestHttp.Response opened = viewer.get("/api/v1/playback/" + movie + "/stream" + query);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    return opened.json();
  }

  static String base(String masterUrl) {
    return masterUrl.substring(0, masterUrl.indexOf("master.m3u8"));
  }

  static List<String> uris(String playlist) {
    return playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
  }

  static List<Long> ffmpegPidsOf(String sessionId) {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(sessionId)).map(ProcessHandle::pid).toList();
  }

  @Test
  void stream_withoutTokenOrWithBadInput_isRefused() throws Exception {
    assertThat(kernel.http().get("/api/v1/playback/" + movie + "/stream").status()).isEqualTo(401);
    assertThat(kernel.http().get("/api/v1/sessions").status()).isEqualTo(401);
    assertThat(viewer.get("/api/v1/playback/" + movie + "/stream?maxBitrate=fast").errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.get("/api/v1/playback/" + movie + "/stream?audioStreamIndex=9").status()).isEqualTo(422);
    assertThat(viewer.get("/api/v1/playback/999999/stream").status()).isEqualTo(404);
    assertThat(viewer.delete("/api/v1/sessions/nope").status()).isEqualTo(404);
    assertThat(fetch("/api/v1/playback/sessions/nope/master.m3u8?token=1.x").statusCode()).isEqualTo(404);
  }

  @Test
  void session_playlistsAndSegments_areServedWithTheTokenOnly_andEndWithTheSession() throws Exception {
    // given
    JsonNode opened = open("");
    String master = opened.path("stream_url").asText();
    String session = opened.path("session_id").asText();
    assertThat(opened.path("expires_in").asLong()).isBetween(14_000L, 14_400L);

    // when / then: the master lists a copied source variant, a transcode, and the audio rendition
    String masterText = text(master);
    assertThat(masterText).startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF:", "RESOLUTION=320x240",
        "CODECS=\"avc1.", "mp4a.40.2", "#EXT-X-MEDIA:TYPE=AUDIO", "DEFAULT=YES");
    assertThat(uris(masterText)).hasSize(2);
    assertThat(fetch(master).headers().firstValue("Access-Control-Allow-Origin")).as("web players elsewhere")
        .contains("*");
    assertThat(fetch(master.replaceAll("token=[^&]+", "token=1.forged")).statusCode()).isEqualTo(401);
    assertThat(fetch(master.substring(0, master.indexOf('?'))).statusCode()).isEqualTo(401);

    String variant = uris(masterText).get(0);
    String mediaPlaylist = text(base(master) + variant);
    assertThat(mediaPlaylist).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST");
    double total = 0;
    Matcher extinf = Pattern.compile("#EXTINF:([0-9.]+),").matcher(mediaPlaylist);
    while (extinf.find()) {
      total += Double.parseDouble(extinf.group(1));
    }
    assertThat(total).isBetween(19.9, 20.1);

    // the last segment first (a seek), then the first: both real MPEG-TS
    List<String> segments = uris(mediaPlaylist);
    String variantBase = base(master) + variant.substring(0, variant.indexOf("index.m3u8"));
    for (String segment : List.of(segments.get(segments.size() - 1), segments.get(0))) {
      HttpResponse<byte[]> ts = fetch(variantBase + segment);
      assertThat(ts.statusCode()).as(new String(ts.body())).isEqualTo(200);
      assertThat(ts.headers().firstValue("Content-Type")).contains("video/mp2t");
      assertThat(ts.body()[0]).as("MPEG-TS sync byte").isEqualTo((byte) 0x47);
    }
    assertThat(fetch(variantBase + "99.ts?" + master.substring(master.indexOf("token="))).statusCode()).isEqualTo(404);

    JsonNode listed = viewer.get("/api/v1/sessions").json();
    assertThat(listed.path("items").findValuesAsText("id")).contains(session);
    assertThat(kernel.user("other").get("/api/v1/sessions").json().path("items")).isEmpty();
    assertThat(kernel.user("other").delete("/api/v1/sessions/" + session).status()).isEqualTo(404);
    assertThat(viewer.post("/api/v1/sessions/" + session + "/heartbeat", "").status()).isEqualTo(200);

    // ending the session stops its ffmpeg and drops its URLs
    assertThat(viewer.delete("/api/v1/sessions/" + session).status()).isEqualTo(204);
    assertThat(ffmpegPidsOf(session)).isEmpty();
    assertThat(fetch(master).statusCode()).isEqualTo(404);
    assertThat(dataDir.resolve("cache/transcode/" + session)).doesNotExist();
  }

  @Test
  void master_isDecodedByFfmpeg_everyVariantAndRendition() throws Exception {
    JsonNode opened = open("");
    URI master = kernel.http().uri(opened.path("stream_url").asText());
    try {
      // ffmpeg follows the playlists itself, like any HLS client, and decodes every stream it finds
      TestMediaFiles.ffmpeg(List.of("-i", master.toString(), "-map", "0", "-f", "null", "-"));
      Path out = scratch.resolve("remux.ts");
      TestMediaFiles.ffmpeg(List.of("-i", master.toString(), "-map", "0:v:0", "-map", "0:a:0", "-c", "copy",
          out.toString()));
      assertThat(Files.size(out)).isGreaterThan(10_000);
    } finally {
      viewer.delete("/api/v1/sessions/" + opened.path("session_id").asText());
    }
  }

  @Test
  void open_copiedSource_startsItsFirstSegmentsBeforeTheyAreAskedFor() throws Exception {
    // when: a session opens and nothing is fetched yet
    String session = open("").path("session_id").asText();
    try {
      // then: ffmpeg made (or makes) the copied video's and the default audio's first segments
      Path dir = dataDir.resolve("cache/transcode/" + session);
      await("the warmed-up first segments", () -> Files.exists(dir.resolve("v-source/0/0.ts"))
          && Files.exists(dir.resolve("a-1/0/0.ts")));
    } finally {
      viewer.delete("/api/v1/sessions/" + session);
    }
    assertThat(ffmpegPidsOf(session)).isEmpty();
  }

  @Test
  void progressReport_keepsTheUsersSessionOfThatItemAlive() throws Exception {
    JsonNode opened = open("?directStream=false");
    String session = opened.path("session_id").asText();
    try {
      Instant before = lastSeen();
      Thread.sleep(20);
      assertThat(viewer.post("/api/v1/playback/" + movie + "/progress", "{\"positionMs\":1000,\"event\":\"pause\"}")
          .status()).isEqualTo(200);
      // the report reaches the sessions as an event, on the bus's thread
      await("the session's heartbeat", () -> lastSeen().isAfter(before));
    } finally {
      viewer.delete("/api/v1/sessions/" + session);
    }
  }

  private Instant lastSeen() {
    return Instant.parse(viewer.get("/api/v1/sessions").json().path("items").get(0).path("lastSeen").asText());
  }

  @Test
  void open_overThePerUserLimit_is503WithRetryAfter() {
    TestHttp limited = kernel.user("limited");
    String first = limited.get("/api/v1/playback/" + movie + "/stream").json().path("session_id").asText();
    String second = limited.get("/api/v1/playback/" + movie + "/stream?directStream=false").json().path("session_id")
        .asText();
    try {
      TestHttp.Response third = limited.get("/api/v1/playback/" + movie + "/stream");
      assertThat(third.status()).isEqualTo(503);
      assertThat(third.errorCode()).isEqualTo("TOO_MANY_SESSIONS");
      assertThat(third.header("Retry-After")).isEqualTo("10");
    } finally {
      limited.delete("/api/v1/sessions/" + first);
      limited.delete("/api/v1/sessions/" + second);
    }
    assertThat(limited.get("/api/v1/sessions").json().path("total").asInt()).isZero();
  }
}
