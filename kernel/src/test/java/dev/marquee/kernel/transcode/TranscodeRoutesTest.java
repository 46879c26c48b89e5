package dev.marquee.kernel.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.plugins.PluginJar;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.testplugins.FakeTranscodersPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/admin/transcoding} through a real kernel with a plugin of two test drivers. */
class TranscodeRoutesTest {
  private static final String BASE = "/api/v1/admin/transcoding";

  @TempDir
  static Path dataDir;

  static TestKernel kernel;
  static TestHttp admin;

  @BeforeAll
  static void start() throws Exception {
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    PluginJar.plugin("fake-transcoders").mainClass(FakeTranscodersPlugin.class)
        .extension(FakeTranscodersPlugin.BrokenVaapi.class).extension(FakeTranscodersPlugin.MissingNvidia.class)
        .writeJar(plugins.resolve("fake-transcoders.jar"));
    kernel = TestKernel.start(dataDir, Map.of());
    admin = kernel.admin();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  static JsonNode settledHardware() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode hardware = admin.get(BASE + "/hardware").json();
      if (hardware.path("drivers").findValues("probing").stream().noneMatch(JsonNode::asBoolean)) {
        return hardware;
      }
      assertThat(System.nanoTime()).as("probes finish").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void routes_withoutAdmin_areRefused() {
    TestHttp user = kernel.user("viewer");
    for (String[] route : new String[][] {{"GET", "/hardware"}, {"POST", "/probe"}, {"GET", "/settings"},
        {"PUT", "/settings"}}) {
      String body = "{\"order\":[\"software\"]}";
      TestHttp.Response anonymous = switch (route[0]) {
        case "GET" -> kernel.http().get(BASE + route[1]);
        case "POST" -> kernel.http().post(BASE + route[1], "");
        default -> kernel.http().put(BASE + route[1], body);
      };
      TestHttp.Response notAdmin = switch (route[0]) {
        case "GET" -> user.get(BASE + route[1]);
        case "POST" -> user.post(BASE + route[1], "");
        default -> user.put(BASE + route[1], body);
      };
      assertThat(anonymous.status()).as(route[0] + " " + route[1]).isEqualTo(401);
      assertThat(notAdmin.status()).as(route[0] + " " + route[1]).isEqualTo(403);
    }
  }

  @Test
  void hardware_listsEachDriverInOrderWithItsAnswer() throws Exception {
    // when
    JsonNode hardware = settledHardware();

    // then: nvidia (unavailable, with the probe's last words) before vaapi, as the default order says
    assertThat(hardware.path("order")).extracting(JsonNode::asText).containsExactly("nvidia", "vaapi", "qsv", "software");
    assertThat(hardware.path("preferred").asText()).isEqualTo("vaapi");
    assertThat(hardware.path("ffmpeg").path("version").asText()).isNotBlank();
    assertThat(hardware.path("ffmpeg").path("hwaccels")).extracting(JsonNode::asText).contains("vaapi");
    JsonNode nvidia = hardware.path("drivers").get(0);
    assertThat(nvidia.path("id").asText()).isEqualTo("nvidia");
    assertThat(nvidia.path("state").asText()).isEqualTo("UNAVAILABLE");
    assertThat(nvidia.path("available").asBoolean()).isFalse();
    assertThat(nvidia.path("reason").asText()).isEqualTo(FakeTranscodersPlugin.MissingNvidia.REASON);
    assertThat(nvidia.path("capabilities").isNull()).isTrue();
    JsonNode vaapi = hardware.path("drivers").get(1);
    assertThat(vaapi.path("state").asText()).isEqualTo("AVAILABLE");
    assertThat(vaapi.path("reason").isNull()).isTrue();
    assertThat(vaapi.path("summary").asText()).isEqualTo("pretending " + FakeTranscodersPlugin.BrokenVaapi.DEVICE + " works");
    assertThat(vaapi.path("probedAt").asText()).endsWith("Z");
    JsonNode caps = vaapi.path("capabilities");
    assertThat(caps.path("device").asText()).isEqualTo(FakeTranscodersPlugin.BrokenVaapi.DEVICE);
    assertThat(caps.path("encodeCodecs")).extracting(JsonNode::asText).containsExactly("h264");
    assertThat(caps.path("maxWidth").asInt()).isEqualTo(4096);
    assertThat(caps.path("tenBit").asBoolean()).isFalse();
  }

  @Test
  void probe_again_answers202AndProbesInTheBackground() throws Exception {
    // when
    TestHttp.Response all = admin.post(BASE + "/probe", "");
    TestHttp.Response one = admin.post(BASE + "/probe?driver=vaapi", "");

    // then
    assertThat(all.status()).isEqualTo(202);
    assertThat(one.status()).isEqualTo(202);
    assertThat(one.json().path("drivers").findValuesAsText("id")).contains("vaapi", "nvidia");
    assertThat(settledHardware().path("drivers").get(1).path("state").asText()).isEqualTo("AVAILABLE");
  }

  @Test
  void probe_unknownOrMalformedDriver_isRefused() {
    assertThat(admin.post(BASE + "/probe?driver=qsv", "").status()).isEqualTo(404);
    TestHttp.Response malformed = admin.post(BASE + "/probe?driver=Not%20An%20Id", "");
    assertThat(malformed.status()).isEqualTo(422);
    assertThat(malformed.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void settings_putOrder_changesThePreferredDriver() throws Exception {
    try {
      // when
      TestHttp.Response put = admin.put(BASE + "/settings", "{\"order\":[\"software\",\"nvidia\"]}");

      // then: software has no plugin here, so nvidia leads, then the rest in plugin order
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
      assertThat(put.json().path("order")).extracting(JsonNode::asText).containsExactly("software", "nvidia");
      assertThat(admin.get(BASE + "/settings").json().path("order")).extracting(JsonNode::asText)
          .containsExactly("software", "nvidia");
      JsonNode hardware = settledHardware();
      assertThat(hardware.path("drivers").findValuesAsText("id")).containsExactly("nvidia", "vaapi");
      assertThat(hardware.path("preferred").asText()).isEqualTo("vaapi");
    } finally {
      admin.put(BASE + "/settings", "{\"order\":[\"nvidia\",\"vaapi\",\"qsv\",\"software\"]}");
    }
  }

  @Test
  void settings_malformed_isRefusedAndChangesNothing() {
    // given
    String before = admin.get(BASE + "/settings").body();

    // when / then
    assertThat(admin.put(BASE + "/settings", "not json").errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(admin.put(BASE + "/settings", "{\"order\":\"vaapi\"}").errorCode()).isEqualTo("MALFORMED_JSON");
    for (String body : new String[] {"{}", "{\"order\":[]}", "{\"order\":[\"VA API\"]}",
        "{\"order\":[\"vaapi\",\"vaapi\"]}", "{\"order\":[null]}"}) {
      TestHttp.Response refused = admin.put(BASE + "/settings", body);
      assertThat(refused.status()).as(body).isEqualTo(422);
      assertThat(refused.errorCode()).as(body).isEqualTo("VALIDATION_FAILED");
    }
    assertThat(admin.get(BASE + "/settings").body()).isEqualTo(before);
  }
}
