package dev.marquee.kernel.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.media.ProbeResult;
import dev.marquee.api.media.ProbeResult.Hdr;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What ffmpeg cannot generate in a test: Dolby Vision side data and cover art, in the shapes
 * ffprobe 5 prints them (the rest is covered on generated media in {@link MediaToolkitTest}).
 */
class FfprobeJsonTest {

  @Test
  void parse_doviSideDataAndCoverArt_reportsDolbyVisionAndSkipsTheCover() throws IOException {
    // given
    String json = """
        {"streams": [
          {"index": 0, "codec_name": "hevc", "codec_type": "video", "profile": "Main 10", "level": 153,
           "width": 3840, "height": 2160, "pix_fmt": "yuv420p10le", "avg_frame_rate": "24000/1001",
           "color_transfer": "smpte2084", "disposition": {"default": 1, "attached_pic": 0},
           "side_data_list": [{"side_data_type": "DOVI configuration record", "dv_profile": 8}]},
          {"index": 1, "codec_name": "mjpeg", "codec_type": "video", "width": 600, "height": 900,
           "disposition": {"attached_pic": 1}},
          {"index": 2, "codec_name": "ttf", "codec_type": "attachment"}
        ],
        "chapters": [],
        "format": {"format_name": "matroska,webm", "duration": "5400.250000", "bit_rate": "25000000"}}
        """;
    // when
    ProbeResult result = FfprobeJson.parse(json);
    // then
    assertThat(result.video()).singleElement().satisfies(v -> {
      assertThat(v.hdr()).isEqualTo(Hdr.DOLBY_VISION);
      assertThat(v.level()).isEqualTo(153);
      assertThat(v.frameRate()).isBetween(23.97, 23.98);
      assertThat(v.defaultTrack()).isTrue();
    });
    assertThat(result.duration().toMillis()).isEqualTo(5_400_250);
    assertThat(result.bitrate()).isEqualTo(25_000_000);
    assertThat(result.audio()).isEmpty();
  }

  @Test
  void parse_noFormat_throws() {
    assertThatThrownBy(() -> FfprobeJson.parse("{}")).isInstanceOf(IOException.class);
  }
}
