package dev.marquee.transcoder.qsv;

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

/** The Quick Sync driver: its probe on this GPU-less machine, and its exact arguments. */
class QsvDriverTest {
  private static final String NODE = "/dev/dri/renderD128";
  private static final HardwareCapabilities ALL = new HardwareCapabilities("qsv", Optional.of(NODE),
      Set.of("h264", "hevc"), Set.of("h264", "hevc"), 4096, 4096, true, true);

  @TempDir
  Path dir;

  private final List<String> steps = new CopyOnWriteArrayList<>();

  private Optional<HardwareCapabilities> probe(QsvDriver driver) throws IOException {
    return driver.probe(Progress.of((percent, message) -> steps.add(message), () -> false));
  }

  private String reason() {
    return steps.get(steps.size() - 1);
  }

  @Test
  void probe_thisMachine_findsNoRenderNode() throws IOException {
    assumeTrue(DriverProbe.renderNodes(Path.of("/dev/dri")).isEmpty(), "this machine has a GPU");

    assertThat(probe(new QsvDriver(new TestPluginContext("transcoder-qsv", dir)))).isEmpty();
    assertThat(reason()).isEqualTo("no Quick Sync render node: /dev/dri has no renderD* device (no Intel GPU, or a"
        + " container started without --device /dev/dri)");
  }

  @Test
  void probe_renderNodeThatIsNoGpu_isUnavailableWithFfmpegsReason() throws IOException {
    // given: a render node ffmpeg cannot open as a VA display
    Path dri = Files.createDirectories(dir.resolve("dri"));
    Path node = Files.createFile(dri.resolve("renderD128"));

    // when
    Optional<HardwareCapabilities> found = probe(new QsvDriver(new TestPluginContext("transcoder-qsv", dir), dri));

    // then: the real test transcode ran and failed
    assertThat(found).isEmpty();
    assertThat(steps).contains("one-second H.264 test transcode on " + node);
    assertThat(reason()).startsWith("test transcode on " + node + " failed: exit 1: ")
        .contains("Device creation failed", "qsv_device");
    assertThat(dir.resolve("probe")).isEmptyDirectory();
  }

  @Test
  void probe_configuredDeviceMissing_saysSo() throws IOException {
    QsvDriver driver = new QsvDriver(new TestPluginContext("transcoder-qsv", Map.of("device", "/dev/dri/renderD250"), dir));

    assertThat(probe(driver)).isEmpty();
    assertThat(reason()).isEqualTo("/dev/dri/renderD250 does not exist");
  }

  @Test
  void arguments_h264To720p_staysOnTheGpu() {
    TranscodeRequest request = new TranscodeRequest("h264", 1920, 1080, 8, false, "h264", 1280, 720, 4_000_000, false);

    FfmpegArguments arguments = new QsvDriver(new TestPluginContext("transcoder-qsv", dir)).arguments(request, ALL).orElseThrow();

    assertThat(arguments.decode()).containsExactly("-hwaccel", "qsv", "-qsv_device", NODE, "-hwaccel_output_format",
        "qsv", "-c:v", "h264_qsv");
    assertThat(arguments.scaleFilter()).isEqualTo("scale_qsv=w=1280:h=720:format=nv12");
    assertThat(arguments.encode()).containsExactly("-c:v", "h264_qsv", "-preset", "veryfast", "-profile:v", "high",
        "-b:v", "4000000", "-maxrate", "6000000", "-bufsize", "8000000");
  }

  @Test
  void arguments_hdrSource_isScaledOnTheGpuToneMappedByZimgAndEncodedOnTheGpu() {
    TranscodeRequest request = new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000, true);

    FfmpegArguments arguments = new QsvDriver(new TestPluginContext("transcoder-qsv", dir)).arguments(request, ALL).orElseThrow();

    assertThat(arguments.decode()).endsWith("-c:v", "hevc_qsv");
    assertThat(arguments.scaleFilter()).isEqualTo("scale_qsv=w=1920:h=1080:format=p010,hwdownload,format=p010le,"
        + "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,"
        + "zscale=t=bt709:m=bt709:r=tv,format=yuv420p,format=nv12");
    assertThat(arguments.encode()).startsWith("-c:v", "h264_qsv");
  }

  @Test
  void arguments_tenBitHevc_isScaledTo8BitOnTheGpu_andHevcOutputUsesHevcQsv() {
    TranscodeRequest tenBit = new TranscodeRequest("hevc", 1920, 1080, 10, false, "h264", 1280, 720, 4_000_000, false);
    TranscodeRequest toHevc = new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 2_000_000, false);
    QsvDriver driver = new QsvDriver(new TestPluginContext("transcoder-qsv", dir));

    assertThat(driver.arguments(tenBit, ALL).orElseThrow().scaleFilter()).isEqualTo("scale_qsv=w=1280:h=720:format=nv12");
    assertThat(driver.arguments(toHevc, ALL).orElseThrow().encode()).startsWith("-c:v", "hevc_qsv", "-preset",
        "veryfast", "-profile:v", "main");
  }

  @Test
  void arguments_whatTheProbeDidNotProve_isDeclined() {
    HardwareCapabilities h264Only = new HardwareCapabilities("qsv", Optional.of(NODE), Set.of("h264"),
        Set.of("h264"), 4096, 4096, false, false);
    QsvDriver driver = new QsvDriver(new TestPluginContext("transcoder-qsv", dir));

    assertThat(driver.arguments(new TranscodeRequest("hevc", 1920, 1080, 8, false, "h264", 1280, 720, 4_000_000,
        false), h264Only)).as("HEVC source").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 4_000_000,
        false), h264Only)).as("HEVC output").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000,
        true), new HardwareCapabilities("qsv", Optional.of(NODE), Set.of("h264", "hevc"), Set.of("h264"), 4096, 4096,
        true, false))).as("tone mapping").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("h264", 1920, 1080, 10, false, "h264", 1280, 720, 4_000_000,
        false), ALL)).as("H.264 High 10").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("hevc", 7680, 4320, 8, false, "h264", 1920, 1080, 8_000_000,
        false), ALL)).as("8K source").isEmpty();
    assertThat(driver.arguments(new TranscodeRequest("prores", 1920, 1080, 8, false, "h264", 1280, 720, 4_000_000,
        false), new HardwareCapabilities("qsv", Optional.of(NODE), Set.of("prores"), Set.of("h264"), 4096, 4096,
        false, false))).as("no qsv decoder").isEmpty();
  }
}
