package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Picture subtitles (PGS, DVD) burned into HLS transcodes on request: no copied variant then, and
 * the subtitle's pixels are in the decoded picture.
 */
class HlsBurnInTest {
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
    TestMediaFiles.h264WithPictureSubtitles(media.resolve("Boxed (2020)/Boxed (2020).mkv"), 6);
    kernel = TestKernel.start(dataDir, Map.of());
    TestHttp admin = kernel.admin();
    movie = TestLibrary.scanned(admin, "movie", media).item("Boxed");
    viewer = kernel.user("viewer");
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  @ParameterizedTest
  @CsvSource({"2, pgs", "3, dvd", ", none"})
  void stream_withAPictureSubtitle_burnsItIntoEveryTranscode(Integer subtitle, String name) throws Exception {
    // given
    TestHttp.Response opened = viewer.get("/api/v1/playback/" + movie + "/stream"
        + (subtitle == null ? "?directStream=false" : "?subtitleStreamIndex=" + subtitle));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    String master = opened.json().path("stream_url").asText();
    String token = master.substring(master.indexOf("token="));
    try {
      // when
      String text = kernel.http().get(master).body();
      List<String> variants = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
      String base = master.substring(0, master.indexOf("master.m3u8"));
      HttpResponse<byte[]> segment = CLIENT.send(HttpRequest.newBuilder(kernel.http().uri(
          base + variants.get(0).substring(0, variants.get(0).indexOf("index.m3u8")) + "0.ts?" + token)).build(),
          HttpResponse.BodyHandlers.ofByteArray());

      // then: transcodes only, and the box is in the picture at 1 s when burned in
      assertThat(variants).noneMatch(v -> v.startsWith("v-source/"));
      assertThat(segment.statusCode()).as(new String(segment.body())).isEqualTo(200);
      Path ts = Files.write(scratch.resolve(name + ".ts"), segment.body());
      double inside = meanLuma(ts, TestMediaFiles.BOX_X, TestMediaFiles.BOX_Y);
      double outside = meanLuma(ts, TestMediaFiles.BOX_X, TestMediaFiles.BOX_Y - 60);
      assertThat(outside).isLessThan(40);
      if (subtitle == null) {
        assertThat(inside).isLessThan(40);
      } else {
        assertThat(inside).isGreaterThan(180);
      }
    } finally {
      viewer.delete("/api/v1/sessions/" + opened.json().path("session_id").asText());
    }
  }

  @Test
  void stream_withAStreamThatIsNoSubtitle_is422() {
    assertThat(viewer.get("/api/v1/playback/" + movie + "/stream?subtitleStreamIndex=1").errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.get("/api/v1/playback/" + movie + "/stream?subtitleStreamIndex=x").errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }

  /** The mean luma (0–255) of the subtitle box's area at (x, y) in the frame at 1 s. */
  private static double meanLuma(Path ts, int x, int y) throws Exception {
    Path raw = scratch.resolve(ts.getFileName() + "-" + y + ".gray");
    // decoded from the start (the segment's only key frame), the frame at 1 s kept
    TestMediaFiles.ffmpeg(List.of("-i", ts.toString(), "-ss", "1", "-frames:v", "1", "-vf",
        "crop=" + TestMediaFiles.BOX_WIDTH + ":" + TestMediaFiles.BOX_HEIGHT + ":" + x + ":" + y + ",format=gray",
        "-f", "rawvideo", raw.toString()));
    byte[] pixels = Files.readAllBytes(raw);
    assertThat(pixels).hasSize(TestMediaFiles.BOX_WIDTH * TestMediaFiles.BOX_HEIGHT);
    long sum = 0;
    for (byte pixel : pixels) {
      sum += pixel & 0xFF;
    }
    return (double) sum / pixels.length;
  }
}
