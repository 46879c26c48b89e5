package dev.marquee.kernel.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.media.MediaToolException;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.api.media.ProbeResult.Hdr;
import dev.marquee.kernel.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback: a bogus configured ffmpeg and an empty PATH leave jave2's bundled ffmpeg, without ffprobe. */
class BundledFfmpegTest {
  @TempDir
  static Path dir;

  static KernelMediaToolkit bundled;
  static Path movie;

  @BeforeAll
  static void setUp() throws IOException {
    MediaSettings settings = MediaSettings.from(new Config(Map.of(
        "media.ffmpeg", dir.resolve("no-such-ffmpeg").toString(),
        "media.ffprobe", dir.resolve("no-such-ffprobe").toString())));
    bundled = new KernelMediaToolkit(new FfmpegRunner(settings, ""), settings);
    movie = TestMedia.mkvWithTracks(TestMedia.systemToolkit(), dir);
  }

  @Test
  void versions_bogusConfiguredPathAndNothingOnPath_findsTheBundledFfmpegThatRuns() throws IOException {
    // when
    MediaToolkit.ToolVersions versions = bundled.versions();
    // then
    assertThat(versions.bundled()).isTrue();
    assertThat(versions.ffmpeg()).isExecutable();
    assertThat(versions.ffmpeg().toString()).contains("jave");
    assertThat(versions.ffmpegVersion()).isNotBlank();
    assertThat(versions.ffprobe()).isEmpty();
  }

  @Test
  void probe_withoutFfprobe_readsFfmpegsReport() throws IOException {
    // when
    ProbeResult result = bundled.probe(movie);
    // then
    assertThat(result.container()).isEqualTo("matroska,webm");
    assertThat(result.duration()).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2200));
    assertThat(result.bitrate()).isPositive();
    assertThat(result.video()).singleElement().satisfies(v -> {
      assertThat(v.codec()).isEqualTo("h264");
      assertThat(v.width()).isEqualTo(320);
      assertThat(v.height()).isEqualTo(240);
      assertThat(v.frameRate()).isEqualTo(25);
      assertThat(v.pixelFormat()).contains("yuv420p");
      assertThat(v.hdr()).isEqualTo(Hdr.NONE);
    });
    assertThat(result.audio()).extracting(a -> a.language().orElseThrow()).containsExactly("eng", "fre");
    assertThat(result.audio().get(1).channels()).isEqualTo(2);
    assertThat(result.audio().get(1).title()).contains("Commentary");
    assertThat(result.subtitles()).singleElement().satisfies(s -> {
      assertThat(s.codec()).isEqualTo("subrip");
      assertThat(s.forced()).isTrue();
    });
    assertThat(result.chapters()).extracting(c -> c.title()).containsExactly(Optional.of("Intro"), Optional.of("Main"));
  }

  @Test
  void probe_withoutFfprobeOnANonMediaFile_throwsFailed() throws IOException {
    Path text = Files.writeString(dir.resolve("readme.mp4"), "not a video\n".repeat(20));
    assertThatThrownBy(() -> bundled.probe(text))
        .isInstanceOfSatisfying(MediaToolException.class, e -> assertThat(e.getMessage()).contains("readme.mp4"));
  }
}
