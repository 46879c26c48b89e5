package dev.marquee.transcoder.vaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marquee.api.Progress;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.kernel.testing.TestPluginContext;
import dev.marquee.transcoder.support.DriverProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VA-API driver: its probe on this GPU-less machine, and its exact arguments. */
class VaapiDriverTest {
  private static final String NODE = "/dev/dri/renderD128";
  private static final HardwareCapabilities ALL = new HardwareCapabilities("vaapi", Optional.of(NODE),
      Set.of("h264", "hevc"), Set.of("h264", "hevc"), 4096, 4096, true, true);

  @TempDir
  Path dir;

  private final List<String> steps = new CopyOnWriteArrayList<>();

  private Optional<HardwareCapabilities> probe(VaapiDriver driver) throws IOException {
    return driver.probe(Progress.of((percent, message) -> steps.add(message), () -> false));
  }

  private String reason() {
    return steps.get(steps.size() - 1);
  }

  @Test
  void probe_thisMachine_findsNoRenderNode() throws IOException {
    assumeTrue(DriverProbe.renderNodes(Path.of("/dev/dri")).isEmpty(), "this machine has a GPU");

    assertThat(probe(new VaapiDriver(new TestPluginContext("transcoder-vaapi", dir)))).isEmpty();
    assertThat(reason()).isEqualTo("no VA-API render node: /dev/dri has no renderD* device (no GPU, or a container"
        + " started without --device /dev/dri)");
  }

  @Test
  void probe_renderNodeThatIsNoGpu_isUnavailableWithFfmpegsReason() throws IOException {
    // given: a render node ffmpeg cannot open as a VA display
    Path dri = Files.createDirectories(dir.resolve("dri"));
    Path node = Files.createFile(dri.resolve("renderD128"));

    // when
    Optional<HardwareCapabilities> found = probe(new VaapiDriver(new TestPluginContext("transcoder-vaapi", dir), dri));

    // then: the real test transcode ran and failed
    assertThat(found).isEmpty();
    assertThat(steps).contains("one-second H.264 test transcode on " + node);
    assertThat(reason()).startsWith("test transcode on " + node + " failed: exit 1: ")
        .contains("Device creation failed");
    assertThat(dir.resolve("probe")).isEmptyDirectory();
  }

  @Test
  void probe_configuredDeviceMissing_saysSo() throws IOException {
    VaapiDriver driver = new VaapiDriver(new TestPluginContext("transcoder-vaapi", Map.of("device", "/dev/dri/renderD250"), dir));

    assertThat(probe(driver)).isEmpty();
    assertThat(reason()).isEqualTo("/dev/dri/renderD250 does not exist");
  }

  @Test
  void arguments_h264To720p_staysOnTheGpu() {
    TranscodeRequest request = new TranscodeRequest("h264", 1920, 1080, 8, false, "h264", 1280, 720, 4_000_000, false);

    FfmpegArguments arguments = new VaapiDriver(new TestPluginContext("transcoder-vaapi", dir)).arguments(request, ALL).orElseThrow();

    assertThat(arguments.decode()).containsExactly("-hwaccel", "vaapi", "-hwaccel_device", NODE,
        "-hwaccel_output_format", "vaapi");
    assertThat(arguments.scaleFilter()).isEqualTo("scale_vaapi=w=1280:h=720:format=nv12");
    assertThat(arguments.encode()).containsExactly("-c:v", "h264_vaapi", "-profile:v", "high", "-b:v", "4000000",
        "-maxrate", "6000000", "-bufsize", "8000000");
  }

  @Test
  void arguments_hdrSource_isToneMappedByTonemapVaapi() {
    TranscodeRequest request = new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000, true);

    assertThat(new VaapiDriver(new TestPluginContext("transcoder-vaapi", dir)).arguments(request, ALL).orElseThrow().scaleFilter())
        .isEqualTo("scale_vaapi=w=1920:h=1080:format=p010,tonemap_vaapi=format=nv12:t=bt709:m=bt709:p=bt709");
  }

  @Test
  void arguments_tenBitHevc_isScaledTo8BitOnTheGpu_andHevcOutputUsesHevcVaapi() {
    TranscodeRequest tenBit = new TranscodeRequest("hevc", 1920, 1080, 10, false, "h264", 1280, 720, 4_000_000, false);
    TranscodeRequest toHevc = new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 2_000_000, false);
    VaapiDriver driver = new VaapiDriver(new TestPluginContext("transcoder-vaapi", dir));

    assertThat(driver.arguments(tenBit, ALL).orElseThrow().scaleFilter()).isEqualTo("scale_vaapi=w=1280:h=720:format=nv12");
    assertThat(driver.arguments(toHevc, ALL).orElseThrow().encode()).startsWith("-c:v", "hevc_vaapi", "-profile:v",
        "main");
  }

  @Test
  void arguments_whatTheProbeDidNotProve_isDeclined() {
    HardwareCapabilities h264Only = new HardwareCapabilities("vaapi", Optional.of(NODE), Set.of("h264"),
        Set.of("h264"), 4096, 4096, false, false);
    VaapiDriver driver = new VaapiDriver(new TestPluginContext("transcoder-vaapi", dir));

    assertThat(driver.arguments(new TranscodeRequest("hevc", 1920, 1080, 8, false, "h264", 1280, 720, 4_000_000,
        false), h264Only)).as("HEVC source").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 4_000_000,
        false), h264Only)).as("HEVC output").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000,
        true), new HardwareCapabilities("vaapi", Optional.of(NODE), Set.of("h264", "hevc"), Set.of("h264"), 4096, 4096,
        true, false))).as("tone mapping").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("h264", 1920, 1080, 10, false, "h264", 1280, 720, 4_000_000,
        false), ALL)).as("H.264 High 10").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("hevc", 7680, 4320, 8, false, "h264", 1920, 1080, 8_000_000,
        false), ALL)).as("8K source").isEmpty();
  }
}
