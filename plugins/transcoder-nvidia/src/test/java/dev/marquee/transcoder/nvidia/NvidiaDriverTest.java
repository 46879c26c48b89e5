package dev.marquee.transcoder.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marquee.api.Progress;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.kernel.testing.TestPluginContext;
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

/**
 * The NVIDIA driver: its probe on this GPU-less machine, and its exact arguments, NVDEC with NVENC
 * and NVDEC without NVENC (an H100) alike.
 */
class NvidiaDriverTest {
  private static final String NODE = "/dev/nvidia0";
  private static final TranscodeRequest H264_720 = new TranscodeRequest("h264", 1920, 1080, 8, false, "h264", 1280,
      720, 4_000_000, false);
  /** A GeForce/RTX: NVDEC and NVENC. */
  private static final HardwareCapabilities NVENC = new HardwareCapabilities("nvidia", Optional.of(NODE),
      Set.of("h264", "hevc"), Set.of("h264", "hevc"), 4096, 4096, true, true);
  /** An H100: NVDEC, no NVENC. */
  private static final HardwareCapabilities NVDEC_ONLY = new HardwareCapabilities("nvidia", Optional.of(NODE),
      Set.of("h264", "hevc"), Set.of(), 4096, 4096, true, true);

  @TempDir
  Path dir;

  private final List<String> steps = new CopyOnWriteArrayList<>();

  private Optional<HardwareCapabilities> probe(NvidiaDriver driver) throws IOException {
    return driver.probe(Progress.of((percent, message) -> steps.add(message), () -> false));
  }

  private String reason() {
    return steps.get(steps.size() - 1);
  }

  private NvidiaDriver driver() {
    return new NvidiaDriver(new TestPluginContext("transcoder-nvidia", dir));
  }

  @Test
  void probe_thisMachine_findsNoDeviceNode() throws IOException {
    assumeTrue(Files.notExists(Path.of(NODE)), "this machine has an NVIDIA GPU");

    assertThat(probe(driver())).isEmpty();
    assertThat(reason()).isEqualTo("no NVIDIA device node: /dev/nvidia0 does not exist (no NVIDIA GPU or driver; in a"
        + " container, pass the GPU in, for example with --gpus all)");
  }

  @Test
  void probe_deviceNodesWithoutCuda_triesNvencThenNvdecAndSaysWhyBothFailed() throws IOException {
    // given: device nodes, but no CUDA driver library on this machine
    assumeTrue(Files.notExists(Path.of(NODE)), "this machine has an NVIDIA GPU");
    Path dev = Files.createDirectories(dir.resolve("dev"));
    Files.createFile(dev.resolve("nvidia1"));
    Files.createFile(dev.resolve("nvidiactl"));

    // when
    Optional<HardwareCapabilities> found = probe(new NvidiaDriver(new TestPluginContext("transcoder-nvidia", Map.of("gpu", "1"), dir), dev));

    // then: both real test transcodes ran on GPU 1 and failed loading CUDA
    assertThat(found).isEmpty();
    assertThat(steps).contains("one-second test transcode on GPU 1: NVDEC, scale_cuda, NVENC",
        "one-second test transcode on GPU 1: NVDEC and scale_cuda, then libx264");
    assertThat(reason()).startsWith("NVDEC test transcode on GPU 1 failed: exit 1: ")
        .contains("Cannot load libcuda.so.1", "; NVENC test encode failed: ");
    assertThat(dir.resolve("probe")).isEmptyDirectory();
  }

  @Test
  void probe_negativeGpu_isRefused() throws IOException {
    assertThat(probe(new NvidiaDriver(new TestPluginContext("transcoder-nvidia", Map.of("gpu", "-1"), dir)))).isEmpty();
    assertThat(reason()).isEqualTo("setting plugins.transcoder-nvidia.gpu must be 0 or more: -1");
  }

  @Test
  void arguments_h264To720pWithNvenc_staysOnTheGpu() {
    FfmpegArguments arguments = driver().arguments(H264_720, NVENC).orElseThrow();

    assertThat(arguments.decode()).containsExactly("-hwaccel", "cuda", "-hwaccel_device", "0",
        "-hwaccel_output_format", "cuda");
    assertThat(arguments.scaleFilter()).isEqualTo("scale_cuda=w=1280:h=720:format=nv12");
    assertThat(arguments.encode()).containsExactly("-c:v", "h264_nvenc", "-preset", "p4", "-profile:v", "high",
        "-b:v", "4000000", "-maxrate", "6000000", "-bufsize", "8000000");
  }

  @Test
  void arguments_nvdecWithoutNvenc_decodesAndScalesOnTheGpuThenEncodesWithLibx264() {
    // given: what the probe reports on an H100, on GPU 2
    HardwareCapabilities h100 = new HardwareCapabilities("nvidia", Optional.of("/dev/nvidia2"), Set.of("h264", "hevc"),
        Set.of(), 4096, 4096, true, false);

    // when
    FfmpegArguments arguments = driver().arguments(H264_720, h100).orElseThrow();

    // then
    assertThat(arguments.decode()).containsExactly("-hwaccel", "cuda", "-hwaccel_device", "2",
        "-hwaccel_output_format", "cuda");
    assertThat(arguments.scaleFilter()).isEqualTo("scale_cuda=w=1280:h=720:format=nv12,hwdownload,format=nv12");
    assertThat(arguments.encode()).containsExactly("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
        "-b:v", "4000000", "-maxrate", "6000000", "-bufsize", "8000000");
    assertThat(driver().arguments(new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 4_000_000,
        false), h100)).as("HEVC output was never tested on the CPU after NVDEC").isEmpty();
  }

  @Test
  void arguments_tenBitHevc_becomes8BitInScaleCuda() {
    TranscodeRequest tenBit = new TranscodeRequest("hevc", 3840, 2160, 10, false, "h264", 1920, 1080, 8_000_000, false);

    assertThat(driver().arguments(tenBit, NVENC).orElseThrow().scaleFilter())
        .isEqualTo("scale_cuda=w=1920:h=1080:format=nv12");
    assertThat(driver().arguments(tenBit, NVDEC_ONLY).orElseThrow().scaleFilter())
        .isEqualTo("scale_cuda=w=1920:h=1080:format=nv12,hwdownload,format=nv12");
  }

  @Test
  void arguments_hdrSource_isScaledOnTheGpuAndToneMappedByZimg() {
    TranscodeRequest hdr = new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000, true);
    String toneMapped = "scale_cuda=w=1920:h=1080:format=p010le,hwdownload,format=p010le,zscale=t=linear:npl=100,"
        + "format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p";

    FfmpegArguments withNvenc = driver().arguments(hdr, NVENC).orElseThrow();
    FfmpegArguments withoutNvenc = driver().arguments(hdr, NVDEC_ONLY).orElseThrow();

    assertThat(withNvenc.scaleFilter()).isEqualTo(toneMapped);
    assertThat(withNvenc.encode()).startsWith("-c:v", "h264_nvenc");
    assertThat(withoutNvenc.scaleFilter()).isEqualTo(toneMapped);
    assertThat(withoutNvenc.encode()).startsWith("-c:v", "libx264");
  }

  @Test
  void arguments_whatTheProbeDidNotProve_isDeclined() {
    HardwareCapabilities h264Only = new HardwareCapabilities("nvidia", Optional.of(NODE), Set.of("h264"),
        Set.of("h264"), 4096, 4096, false, false);

    assertThat(driver().arguments(new TranscodeRequest("hevc", 1920, 1080, 8, false, "h264", 1280, 720, 4_000_000,
        false), h264Only)).as("HEVC source").isEmpty();
    assertThat(driver().arguments(new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 4_000_000,
        false), h264Only)).as("HEVC output without hevc_nvenc").isEmpty();
    assertThat(driver().arguments(new TranscodeRequest("h264", 1920, 1080, 10, false, "h264", 1280, 720, 4_000_000,
        false), NVENC)).as("H.264 High 10").isEmpty();
    assertThat(driver().arguments(new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000,
        true), new HardwareCapabilities("nvidia", Optional.of(NODE), Set.of("h264", "hevc"), Set.of("h264"), 4096, 4096,
        true, false))).as("tone mapping").isEmpty();
  }
}
