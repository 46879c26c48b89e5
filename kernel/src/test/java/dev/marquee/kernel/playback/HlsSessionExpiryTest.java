package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.Eventually;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle sessions lose their ffmpeg, then themselves; a stopping server leaves no ffmpeg behind. */
class HlsSessionExpiryTest {
  @TempDir
  Path dataDir;
  @TempDir
  Path media;

  @Test
  void idleSession_isReaped_andNoFfmpegOutlivesItOrTheServer() throws Exception {
    TestMediaFiles.h264Aac(media.resolve("Clip (2020)/Clip (2020).mp4"), 60);
    TestKernel kernel = TestKernel.start(dataDir, Map.of("playback.idle-timeout", "1s", "playback.session-expiry", "3s"));
    try {
      TestHttp admin = kernel.admin();
      long movie = TestLibrary.scanned(admin, "movie", media).item("Clip");
      // given a session whose transcode has started
      JsonNode opened = admin.get("/api/v1/playback/" + movie + "/stream?directStream=false").json();
      String session = opened.path("session_id").asText();
      String master = opened.path("stream_url").asText();
      String token = master.substring(master.indexOf("token="));
      String first = HlsRoutesTest.uris(HlsRoutesTest.text(master, kernel)).get(0);
      String segment = HlsRoutesTest.base(master) + first.substring(0, first.indexOf("index.m3u8")) + "0.ts?" + token;
      assertThat(HlsRoutesTest.fetch(segment, kernel).statusCode()).isEqualTo(200);

      // when nobody asks for anything
      Eventually.await("the session's expiry", () -> admin.get("/api/v1/sessions").json().path("total").asInt() == 0);

      // then
      assertThat(HlsRoutesTest.ffmpegPidsOf(session)).isEmpty();
      assertThat(dataDir.resolve("cache/transcode/" + session)).doesNotExist();
      assertThat(HlsRoutesTest.fetch(master, kernel).statusCode()).isEqualTo(404);

      // and a session open when the server stops loses its ffmpeg with it
      JsonNode another = admin.get("/api/v1/playback/" + movie + "/stream?directStream=false").json();
      String url = another.path("stream_url").asText();
      String variant = HlsRoutesTest.uris(HlsRoutesTest.text(url, kernel)).get(0);
      HlsRoutesTest.fetch(HlsRoutesTest.base(url) + variant.substring(0, variant.indexOf("index.m3u8")) + "0.ts?"
          + url.substring(url.indexOf("token=")), kernel);
      kernel.close();
      assertThat(HlsRoutesTest.ffmpegPidsOf(another.path("session_id").asText())).isEmpty();
    } finally {
      kernel.close();
    }
  }
}
