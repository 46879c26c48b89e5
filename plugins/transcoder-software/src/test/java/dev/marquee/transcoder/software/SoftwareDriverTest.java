package dev.marquee.transcoder.software;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.Progress;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.media.KernelMediaToolkit;
import dev.marquee.kernel.testing.TestMediaFiles;
import dev.marquee.kernel.testing.TestPluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The software driver on this machine's ffmpeg: its probe, its exact arguments, and a real encode with them. */
class SoftwareDriverTest {
  private static final TranscodeRequest H264_720 = new TranscodeRequest("h264", 1920, 1080, 8, false, "h264", 1280,
      720, 4_000_000, false);

  @TempDir
  static Path dir;

  static SoftwareDriver driver;
  static HardwareCapabilities capabilities;
  static List<String> steps = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void probe() throws IOException {
    driver = new SoftwareDriver(new TestPluginContext("transcoder-software", dir));
    capabilities = driver.probe(Progress.of((percent, message) -> steps.add(message), () -> false)).orElseThrow();
  }

  @Test
  void probe_debianFfmpeg_encodesH264AndHevcAndToneMaps() {
    assertThat(driver.id()).isEqualTo("software");
    assertThat(capabilities.driverId()).isEqualTo("software");
    assertThat(capabilities.device()).isEmpty();
    assertThat(capabilities.encodeCodecs()).containsExactlyInAnyOrder("h264", "hevc");
    assertThat(capabilities.decodeCodecs()).contains("h264", "hevc", "vp9", "av1", "mpeg2video");
    assertThat(capabilities.tenBit()).isTrue();
    assertThat(capabilities.toneMapping()).isTrue();
    assertThat(capabilities.maxWidth()).isEqualTo(7680);
    assertThat(steps).contains("one-second test encode with libx264", "one-second test encode with libx265",
        "tone-mapping an HDR10 sample to SDR");
    assertThat(dir.resolve("probe")).isEmptyDirectory();
  }

  @Test
  void arguments_h264To720p_isLibx264HighScaledTo8Bit() {
    FfmpegArguments arguments = driver.arguments(H264_720, capabilities).orElseThrow();

    assertThat(arguments.decode()).isEmpty();
    assertThat(arguments.scaleFilter()).isEqualTo("scale=1280:720,format=yuv420p");
    assertThat(arguments.encode()).containsExactly("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
        "-b:v", "4000000", "-maxrate", "6000000", "-bufsize", "8000000");
  }

  @Test
  void arguments_hdrSource_isToneMappedAfterScaling() {
    TranscodeRequest hdr = new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000, true);

    assertThat(driver.arguments(hdr, capabilities).orElseThrow().scaleFilter()).isEqualTo(
        "scale=1920:1080,zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,"
            + "zscale=t=bt709:m=bt709:r=tv,format=yuv420p");
  }

  @Test
  void arguments_tenBitSource_isConvertedTo8Bit() {
    TranscodeRequest tenBit = new TranscodeRequest("hevc", 1920, 1080, 10, false, "h264", 1280, 720, 4_000_000, false);

    assertThat(driver.arguments(tenBit, capabilities).orElseThrow().scaleFilter())
        .isEqualTo("scale=1280:720,format=yuv420p");
  }

  @Test
  void arguments_whatTheProbeDidNotFind_isDeclined() {
    HardwareCapabilities h264Only = new HardwareCapabilities("software", Optional.empty(), Set.of("h264"),
        Set.of("h264"), 7680, 4320, true, false);
    TranscodeRequest hevc = new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 4_000_000, false);
    TranscodeRequest hdr = new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000, true);
    TranscodeRequest huge = new TranscodeRequest("h264", 15360, 8640, 8, false, "h264", 15360, 8640, 4_000_000, false);

    assertThat(driver.arguments(hevc, h264Only)).isEmpty();
    assertThat(driver.arguments(hdr, h264Only)).isEmpty();
    assertThat(driver.arguments(huge, capabilities)).isEmpty();
    assertThat(driver.arguments(hevc, capabilities)).map(a -> a.encode().get(1)).contains("libx265");
  }

  @Test
  void arguments_runByFfmpeg_makeH264AtTheTargetSize() throws IOException {
    // given: a 10-bit 1280x720 H.264 file
    Path source = dir.resolve("source.mkv");
    TestMediaFiles.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=duration=2:size=1280x720:rate=25",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", source.toString()));
    TranscodeRequest request = new TranscodeRequest("h264", 1280, 720, 10, false, "h264", 640, 360, 1_000_000, false);
    FfmpegArguments arguments = driver.arguments(request, capabilities).orElseThrow();

    // when: as the kernel runs them
    Path out = dir.resolve("out.ts");
    List<String> args = new ArrayList<>(arguments.decode());
    args.addAll(List.of("-i", source.toString(), "-vf", arguments.scaleFilter()));
    args.addAll(arguments.encode());
    args.add(out.toString());
    TestMediaFiles.ffmpeg(args);

    // then
    ProbeResult probed = KernelMediaToolkit.create(new Config(Map.of())).probe(out);
    assertThat(probed.video()).singleElement().satisfies(video -> {
      assertThat(video.codec()).isEqualTo("h264");
      assertThat(video.profile()).contains("High");
      assertThat(video.width()).isEqualTo(640);
      assertThat(video.height()).isEqualTo(360);
      assertThat(video.pixelFormat()).contains("yuv420p");
    });
    assertThat(Files.readString(out, StandardCharsets.ISO_8859_1)).contains("x264 - core");
  }
}
