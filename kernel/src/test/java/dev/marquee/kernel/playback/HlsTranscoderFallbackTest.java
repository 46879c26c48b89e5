package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.media.KernelMediaToolkit;
import dev.marquee.kernel.plugins.PluginJar;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import dev.marquee.kernel.testing.TestMediaFiles;
import dev.marquee.kernel.testing.TestTranscoding;
import dev.marquee.testplugins.FakeTranscodersPlugin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A hardware driver whose probe succeeded but whose runs fail (VA-API on a device this machine
 * lacks): the stream falls back to software for the session, logs why, and the segment arrives,
 * made by libx264.
 */
class HlsTranscoderFallbackTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path dataDir;
  @TempDir
  Path media;

  @Test
  void segment_hardwareRunFails_isMadeByLibx264AndTheFallbackIsLogged() throws Exception {
    // given: the fake plugin's vaapi driver first in order
    TestMediaFiles.h264Aac(media.resolve("Clip (2020)/Clip (2020).mp4"), 8);
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    PluginJar.plugin("fake-transcoders").mainClass(FakeTranscodersPlugin.class)
        .extension(FakeTranscodersPlugin.BrokenVaapi.class).extension(FakeTranscodersPlugin.MissingNvidia.class)
        .writeJar(plugins.resolve("fake-transcoders.jar"));
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger streamLog = (Logger) LoggerFactory.getLogger(HlsStream.class);
    streamLog.addAppender(logged);
    try (TestKernel kernel = TestKernel.start(dataDir, Map.of("playback.transcoders", "vaapi,software"))) {
      TestHttp admin = kernel.admin();
      long movie = TestLibrary.scanned(admin, "movie", media).item("Clip");
      TestTranscoding.settledHardware(admin);
      TestHttp viewer = kernel.user("viewer");

      // when: a transcode-only session, its first segment
      TestHttp.Response opened = viewer.get("/api/v1/playback/" + movie + "/stream?directStream=false");
      assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
      String session = opened.json().path("session_id").asText();
      JsonNode before = viewer.get("/api/v1/sessions").json().path("items").get(0);
      String master = opened.json().path("stream_url").asText();
      String token = master.substring(master.indexOf("token="));
      String base = master.substring(0, master.indexOf("master.m3u8"));
      HttpResponse<byte[]> segment = CLIENT.send(HttpRequest.newBuilder(kernel.http().uri(base + "v-240/0.ts?" + token))
          .build(), HttpResponse.BodyHandlers.ofByteArray());

      // then: it arrives, H.264 at the variant's size, with libx264's signature in the stream
      assertThat(before.path("transcoders").path("240").asText()).isEqualTo("vaapi");
      assertThat(segment.statusCode()).as(new String(segment.body(), StandardCharsets.ISO_8859_1)).isEqualTo(200);
      Path file = Files.write(dataDir.resolve("segment.ts"), segment.body());
      ProbeResult probed = KernelMediaToolkit.create(new Config(Map.of())).probe(file);
      assertThat(probed.video()).singleElement().satisfies(video -> {
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(240);
      });
      assertThat(new String(segment.body(), StandardCharsets.ISO_8859_1)).contains("x264 - core");

      // the session says so, the driver's failure is on the hardware page, and the log has ffmpeg's words
      JsonNode after = viewer.get("/api/v1/sessions").json().path("items").get(0);
      assertThat(after.path("transcoders").path("240").asText()).isEqualTo("built-in-software");
      JsonNode vaapi = driver(admin.get("/api/v1/admin/transcoding/hardware").json(), "vaapi");
      assertThat(vaapi.path("lastRunFailure").path("reason").asText()).contains(FakeTranscodersPlugin.BrokenVaapi.DEVICE);
      assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement().satisfies(event -> {
        assertThat(event.getFormattedMessage()).contains("stream v-240", "vaapi transcoder failed",
            "falling back to built-in-software", FakeTranscodersPlugin.BrokenVaapi.DEVICE);
      });

      // and later segments come from software too, from the first request on
      HttpResponse<byte[]> next = CLIENT.send(HttpRequest.newBuilder(kernel.http().uri(base + "v-240/1.ts?" + token))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(next.statusCode()).isEqualTo(200);
      assertThat(viewer.delete("/api/v1/sessions/" + session).status()).isEqualTo(204);
    } finally {
      streamLog.detachAppender(logged);
    }
  }

  static JsonNode driver(JsonNode hardware, String id) {
    for (JsonNode driver : hardware.path("drivers")) {
      if (driver.path("id").asText().equals(id)) {
        return driver;
      }
    }
    throw new AssertionError("no driver " + id + " in " + hardware);
  }

}
