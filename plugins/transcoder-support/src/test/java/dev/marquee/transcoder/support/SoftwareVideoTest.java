package dev.marquee.transcoder.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.TranscodeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact ffmpeg arguments of the software pipeline. */
class SoftwareVideoTest {

  @Test
  void arguments_h264To720p_scaleTo8BitAndLibx264High() {
    // given
    TranscodeRequest request = new TranscodeRequest("h264", 1920, 1080, 8, false, "h264", 1280, 720, 4_000_000, false);

    // when
    FfmpegArguments arguments = SoftwareVideo.arguments(request);

    // then
    assertThat(arguments.decode()).isEmpty();
    assertThat(arguments.scaleFilter()).isEqualTo("scale=1280:720,format=yuv420p");
    assertThat(arguments.encode()).containsExactly("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
        "-b:v", "4000000", "-maxrate", "6000000", "-bufsize", "8000000");
  }

  @Test
  void arguments_hdrToneMapped_scalesFirstThenMapsToBt709() {
    TranscodeRequest request = new TranscodeRequest("hevc", 3840, 2160, 10, true, "h264", 1920, 1080, 8_000_000, true);

    assertThat(SoftwareVideo.scaleFilter(request)).isEqualTo("scale=1920:1080,zscale=t=linear:npl=100,format=gbrpf32le,"
        + "zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p");
  }

  @Test
  void arguments_tenBitSourceWithoutToneMapping_endsIn8Bit() {
    TranscodeRequest request = new TranscodeRequest("hevc", 1920, 1080, 10, false, "h264", 1280, 720, 4_000_000, false);

    assertThat(SoftwareVideo.scaleFilter(request)).isEqualTo("scale=1280:720,format=yuv420p");
  }

  @Test
  void arguments_hevcTarget_isLibx265MainWithQuietLog() {
    TranscodeRequest request = new TranscodeRequest("h264", 1920, 1080, 8, false, "hevc", 1280, 720, 2_000_000, false);

    assertThat(SoftwareVideo.encode(request)).containsExactly("-c:v", "libx265", "-preset", "veryfast", "-profile:v",
        "main", "-b:v", "2000000", "-maxrate", "3000000", "-bufsize", "4000000", "-x265-params", "log-level=error");
  }

  @Test
  void arguments_codecWithoutSoftwareEncoder_isRefused() {
    TranscodeRequest request = new TranscodeRequest("h264", 1920, 1080, 8, false, "av1", 1280, 720, 2_000_000, false);

    assertThat(SoftwareVideo.encoder("av1")).isEmpty();
    assertThatThrownBy(() -> SoftwareVideo.arguments(request)).isInstanceOf(IllegalArgumentException.class);
  }
}
