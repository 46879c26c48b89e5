package dev.marquee.transcoder.software;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.media.KernelMediaToolkit;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import dev.marquee.kernel.testing.TestMediaFiles;
import dev.marquee.kernel.testing.TestTranscoding;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged zip in a real kernel: the admin hardware page shows the software driver probed
 * available and preferred, and an HLS transcode runs through it, its segment H.264 at the
 * variant's size.
 */
class SoftwareTranscoderPluginIT {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path dataDir;
  @TempDir
  Path media;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void packagedZip_isProbedAvailableAndTranscodesHls(TestDatabase.Engine engine) throws Exception {
    // given
    Path zip = Path.of(System.getProperty("marquee.plugin.zip", "target/marquee-plugin-transcoder-software-0.1.0.zip"));
    assertThat(zip).as("run `mvn package` first").isRegularFile();
    Files.createDirectories(dataDir.resolve("plugins"));
    Files.copy(zip, dataDir.resolve("plugins").resolve(zip.getFileName()));
    TestMediaFiles.h264Aac(media.resolve("Clip (2020)/Clip (2020).mp4"), 4);
    try (TestDatabase db = TestDatabase.create(engine, dataDir);
        TestKernel kernel = TestKernel.start(dataDir, db.settings())) {
      TestHttp admin = kernel.admin();
      long movie = TestLibrary.scanned(admin, "movie", media).item("Clip");

      // when
      JsonNode hardware = TestTranscoding.settledHardware(admin);

      // then
      assertThat(hardware.path("preferred").asText()).isEqualTo("software");
      JsonNode software = hardware.path("drivers").get(0);
      assertThat(software.path("id").asText()).isEqualTo("software");
      assertThat(software.path("state").asText()).as(software.toString()).isEqualTo("AVAILABLE");
      assertThat(software.path("capabilities").path("encodeCodecs")).extracting(JsonNode::asText)
          .containsExactly("h264", "hevc");
      assertThat(software.path("capabilities").path("toneMapping").asBoolean()).isTrue();

      // and a transcode-only session runs through it
      TestHttp viewer = kernel.user("viewer");
      JsonNode opened = viewer.get("/api/v1/playback/" + movie + "/stream?directStream=false").json();
      String master = opened.path("stream_url").asText();
      String token = master.substring(master.indexOf("token="));
      String base = master.substring(0, master.indexOf("master.m3u8"));
      HttpResponse<byte[]> segment = CLIENT.send(HttpRequest.newBuilder(kernel.http().uri(base + "v-240/0.ts?" + token))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(segment.statusCode()).isEqualTo(200);
      Path file = Files.write(dataDir.resolve("segment.ts"), segment.body());
      ProbeResult probed = KernelMediaToolkit.create(new Config(Map.of())).probe(file);
      assertThat(probed.video()).singleElement().satisfies(video -> {
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(240);
      });
      assertThat(new String(segment.body(), StandardCharsets.ISO_8859_1)).contains("x264 - core");
      JsonNode listed = viewer.get("/api/v1/sessions").json().path("items").get(0);
      assertThat(listed.path("transcoders").path("240").asText()).isEqualTo("software");
      viewer.delete("/api/v1/sessions/" + opened.path("session_id").asText());
    }
  }

}
