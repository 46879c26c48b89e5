package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playback decision over real probed files, for the browser profile and for custom ones. */
class PlaybackInfoRoutesTest {
  @TempDir
  static Path dataDir;
  @TempDir
  static Path media;

  static TestKernel kernel;
  static TestHttp viewer;
  static final Map<String, Long> items = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    TestMediaFiles.h264Aac(media.resolve("Browser (2001)/Browser (2001).mp4"), 1);
    TestMediaFiles.hevcAc3WithSubtitles(media.resolve("Cinema (2002)/Cinema (2002).mkv"), 1);
    TestMediaFiles.h264TenBit(media.resolve("Deep (2003)/Deep (2003).mkv"), 1);
    TestMediaFiles.h264AacMkv(media.resolve("Remux (2004)/Remux (2004).mkv"), 1);
    kernel = TestKernel.start(dataDir, Map.of());
    TestHttp admin = kernel.admin();
    items.putAll(TestLibrary.scanned(admin, "movie", media).items());
    assertThat(items).hasSize(4);
    viewer = kernel.user("viewer");
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  static JsonNode source(String title, String body) {
    TestHttp.Response response = viewer.post("/api/v1/media/" + items.get(title) + "/playback-info", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("sources")).hasSize(1);
    return response.json().path("sources").get(0);
  }

  static List<String> reasons(JsonNode way) {
    return StreamSupport.stream(way.path("reasons").spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void playbackInfo_withoutToken_is401() {
    assertThat(kernel.http().post("/api/v1/media/" + items.get("Browser") + "/playback-info", "{}").status())
        .isEqualTo(401);
  }

  @Test
  void playbackInfo_h264AacMp4_isDirectPlayForABrowser() {
    JsonNode source = source("Browser", "");
    assertThat(source.path("method").asText()).isEqualTo("direct_play");
    assertThat(source.path("directPlay").path("supported").asBoolean()).isTrue();
    assertThat(source.path("container").asText()).isEqualTo("mp4");
    assertThat(source.path("video").path("codec").asText()).isEqualTo("h264");
    assertThat(source.path("video").path("bitDepth").asInt()).isEqualTo(8);
    assertThat(source.path("durationMs").asLong()).isBetween(900L, 1100L);
    assertThat(source.path("directPlayUrl").asText())
        .isEqualTo("/api/v1/media/" + items.get("Browser") + "/files/" + source.path("fileId").asLong() + "/stream");
  }

  @Test
  void playbackInfo_h264InMatroska_isDirectStream() {
    JsonNode source = source("Remux", "{}");
    assertThat(source.path("method").asText()).isEqualTo("direct_stream");
    assertThat(reasons(source.path("directPlay"))).containsExactly("CONTAINER_NOT_SUPPORTED");
    assertThat(source.path("directStream").path("supported").asBoolean()).isTrue();
    assertThat(source.path("audioTranscode").asBoolean()).isFalse();
  }

  @Test
  void playbackInfo_hevcAc3_isTranscodeWithReasons_andItsStreamsListed() {
    JsonNode source = source("Cinema", "{}");
    assertThat(source.path("method").asText()).isEqualTo("transcode");
    assertThat(reasons(source.path("directPlay")))
        .contains("CONTAINER_NOT_SUPPORTED", "VIDEO_CODEC_NOT_SUPPORTED", "AUDIO_CODEC_NOT_SUPPORTED");
    assertThat(reasons(source.path("directStream"))).containsExactly("VIDEO_CODEC_NOT_SUPPORTED");
    assertThat(source.path("audioTranscode").asBoolean()).isTrue();
    assertThat(source.path("audio")).hasSize(2);
    assertThat(source.path("audio").get(0).path("codec").asText()).isEqualTo("ac3");
    assertThat(source.path("audioStreamIndex").asInt()).isEqualTo(source.path("audio").get(0).path("index").asInt());
    assertThat(source.path("subtitles").get(0).path("codec").asText()).isEqualTo("subrip");
  }

  @Test
  void playbackInfo_tenBitH264_isTranscodeForItsProfileAndDepth() {
    JsonNode source = source("Deep", "{}");
    assertThat(source.path("method").asText()).isEqualTo("transcode");
    assertThat(reasons(source.path("directStream")))
        .containsExactlyInAnyOrder("VIDEO_PROFILE_NOT_SUPPORTED", "VIDEO_BIT_DEPTH_NOT_SUPPORTED");
    assertThat(source.path("video").path("bitDepth").asInt()).isEqualTo(10);
  }

  @Test
  void playbackInfo_clientThatPlaysEverything_getsDirectPlay() {
    JsonNode source = source("Cinema", "{\"deviceProfile\":{\"name\":\"TV\",\"containers\":[\"mkv\"],"
        + "\"videoCodecs\":[\"hevc\"],\"audioCodecs\":[\"ac3\",\"aac\"],\"maxBitDepth\":{\"hevc\":10}}}");
    assertThat(source.path("method").asText()).as(source.toString()).isEqualTo("direct_play");
  }

  @Test
  void playbackInfo_anotherAudioTrackOrALowBitrate_changeTheDecision() {
    JsonNode french = source("Browser", "{\"audioStreamIndex\":1}");
    assertThat(french.path("method").asText()).isEqualTo("direct_play");
    JsonNode cinema = source("Cinema", "{\"audioStreamIndex\":2,\"deviceProfile\":{\"containers\":[\"mkv\"],"
        + "\"videoCodecs\":[\"hevc\"],\"hlsVideoCodecs\":[\"hevc\"],\"maxBitDepth\":{\"hevc\":10}}}");
    assertThat(cinema.path("audioStreamIndex").asInt()).isEqualTo(2);
    assertThat(reasons(cinema.path("directPlay"))).containsExactly("AUDIO_TRACK_NOT_DEFAULT");
    assertThat(cinema.path("method").asText()).isEqualTo("direct_stream");
    assertThat(cinema.path("audioTranscode").asBoolean()).isFalse();
    JsonNode slow = source("Browser", "{\"deviceProfile\":{\"maxBitrate\":64000}}");
    assertThat(reasons(slow.path("directPlay"))).containsExactly("BITRATE_TOO_HIGH");
    assertThat(slow.path("method").asText()).isEqualTo("transcode");
  }

  @Test
  void playbackInfo_malformedInput_isRefused() {
    String path = "/api/v1/media/" + items.get("Browser") + "/playback-info";
    assertThat(viewer.post(path, "{bad").status()).isEqualTo(400);
    assertThat(viewer.post(path, "[1]").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.post(path, "{\"colour\":1}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.post(path, "{\"deviceProfile\":{\"maxWidth\":\"wide\"}}").status()).isEqualTo(422);
    assertThat(viewer.post(path, "{\"deviceProfile\":{\"videoCodecs\":\"h264\"}}").status()).isEqualTo(422);
    assertThat(viewer.post(path, "{\"deviceProfile\":{\"fps\":1}}").status()).isEqualTo(422);
    assertThat(viewer.post(path, "{\"audioStreamIndex\":99}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.post(path, "{\"audioStreamIndex\":-1}").status()).isEqualTo(422);
    assertThat(viewer.post("/api/v1/media/999999/playback-info", "{}").status()).isEqualTo(404);
    assertThat(viewer.post("/api/v1/media/x/playback-info", "{}").status()).isEqualTo(404);
  }
}
