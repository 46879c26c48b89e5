package dev.marquee.transcoder.qsv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestTranscoding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged zip in a real kernel on this GPU-less machine: the admin hardware page lists the
 * Quick Sync driver as probed and unavailable, with the reason, and the kernel's built-in software
 * transcoding as preferred.
 */
class QsvTranscoderPluginIT {
  @TempDir
  Path dataDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void packagedZip_isProbedAndReportedUnavailableWithItsReason(TestDatabase.Engine engine) throws Exception {
    // given
    Path zip = Path.of(System.getProperty("marquee.plugin.zip", "target/marquee-plugin-transcoder-qsv-0.1.0.zip"));
    assertThat(zip).as("run `mvn package` first").isRegularFile();
    Files.createDirectories(dataDir.resolve("plugins"));
    Files.copy(zip, dataDir.resolve("plugins").resolve(zip.getFileName()));
    try (TestDatabase db = TestDatabase.create(engine, dataDir);
        TestKernel kernel = TestKernel.start(dataDir, db.settings())) {
      TestHttp admin = kernel.admin();
      assertThat(admin.get("/api/v1/admin/plugins").json().get(0).path("state").asText()).isEqualTo("STARTED");

      // when
      JsonNode hardware = TestTranscoding.settledHardware(admin);

      // then
      JsonNode driver = hardware.path("drivers").get(0);
      assertThat(driver.path("id").asText()).isEqualTo("qsv");
      assertThat(driver.path("state").asText()).as(driver.toString()).isEqualTo("UNAVAILABLE");
      assertThat(driver.path("available").asBoolean()).isFalse();
      assertThat(driver.path("reason").asText()).startsWith("no Quick Sync render node: /dev/dri has no renderD* device");
      assertThat(driver.path("capabilities").isNull()).isTrue();
      assertThat(hardware.path("preferred").asText()).isEqualTo("built-in-software");
    }
  }
}
