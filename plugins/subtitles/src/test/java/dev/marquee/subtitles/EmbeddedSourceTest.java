package dev.marquee.subtitles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.Progress;
import dev.marquee.api.subtitle.SubtitleTrack;
import dev.marquee.kernel.testing.TestMediaFiles;
import dev.marquee.kernel.testing.TestPluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subtitle streams inside containers, probed and converted by the real ffmpeg. */
class EmbeddedSourceTest {
  @TempDir
  Path folder;
  @TempDir
  Path data;

  @Test
  void embeddedSubRip_isListedAndBecomesWebVtt() throws Exception {
    // given
    Path video = TestMediaFiles.hevcAc3WithSubtitles(folder.resolve("Show.mkv"), 3);
    EmbeddedSource source = new EmbeddedSource(new TestPluginContext("subtitles", data));

    // when
    List<SubtitleTrack> tracks = source.tracks(video, Progress.none());
    String vtt = source.toWebVtt(video, tracks.get(0), Progress.none()).orElseThrow();

    // then
    assertThat(tracks).containsExactly(new SubtitleTrack("embedded", "3", SubtitleTrack.Origin.EMBEDDED, "srt",
        Optional.of("en"), Optional.empty(), false, false, false));
    // (cue times move by the few milliseconds ffmpeg shifts the file's timeline to start at 0)
    assertThat(vtt).startsWith("WEBVTT").containsPattern("00:00\\.2\\d\\d --> 00:00\\.9\\d\\d\nHello\n")
        .containsPattern("00:01\\.0\\d\\d --> 00:01\\.8\\d\\d\nWorld\n");
  }

  @Test
  void pictureStreams_areListedWithTheirFormat_butBecomeNoWebVtt() throws Exception {
    // given
    Path video = TestMediaFiles.h264WithPictureSubtitles(folder.resolve("Boxed.mkv"), 4);
    EmbeddedSource source = new EmbeddedSource(new TestPluginContext("subtitles", data));

    // when
    List<SubtitleTrack> tracks = source.tracks(video, Progress.none());

    // then
    assertThat(tracks).extracting(SubtitleTrack::trackId, SubtitleTrack::format, t -> t.language().orElse(null))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2", "pgs", "en"),
            org.assertj.core.groups.Tuple.tuple("3", "vobsub", "fr"));
    assertThat(source.toWebVtt(video, tracks.get(0), Progress.none())).isEmpty();
    assertThat(source.toWebVtt(video, tracks.get(1), Progress.none())).isEmpty();
  }
}
