package dev.marquee.transcoder.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.media.MediaToolkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts of a probe: reasons for people, what a build lacks, render nodes. (Runs: in the driver plugins.) */
class DriverProbeTest {
  @TempDir
  Path dir;

  @Test
  void reason_ffmpegErrorLines_areJoinedWithoutAddresses() {
    String stderr = "[AVHWDeviceContext @ 0x5556db6f2a00] No VA display found for device /dev/dri/renderD199.\n"
        + "Device creation failed: -22.\n\n";

    assertThat(DriverProbe.reason(stderr))
        .isEqualTo("No VA display found for device /dev/dri/renderD199. / Device creation failed: -22.");
    assertThat(DriverProbe.reason("")).isEqualTo("no error output");
    assertThat(DriverProbe.reason("x".repeat(800))).hasSize(500).endsWith("...");
  }

  @Test
  void missing_namesWhatTheBuildLacks() {
    MediaToolkit.FfmpegBuild build = new MediaToolkit.FfmpegBuild(Set.of("vaapi"),
        Set.of("libx264"), Set.of(), Set.of("scale"));

    assertThat(DriverProbe.missing(build, List.of("vaapi"), List.of("libx264"), List.of("scale"))).isEmpty();
    assertThat(DriverProbe.missing(build, List.of("cuda"), List.of("h264_nvenc"), List.of("scale_cuda")))
        .contains("ffmpeg lacks hwaccel cuda, encoder h264_nvenc, filter scale_cuda");
  }
  @Test
  void renderNodes_listsRenderNodesInNameOrder() throws IOException {
    Path dri = Files.createDirectories(dir.resolve("dri"));
    Files.createFile(dri.resolve("renderD129"));
    Files.createFile(dri.resolve("card0"));
    Files.createFile(dri.resolve("renderD128"));

    assertThat(DriverProbe.renderNodes(dri)).containsExactly(dri.resolve("renderD128"), dri.resolve("renderD129"));
    assertThat(DriverProbe.renderNodes(dir.resolve("missing"))).isEmpty();
    assertThat(DriverProbe.inaccessible(dir.resolve("missing"))).hasValueSatisfying(r -> assertThat(r).contains("does not exist"));
    assertThat(DriverProbe.inaccessible(dri.resolve("renderD128"))).isEmpty();
  }
}
