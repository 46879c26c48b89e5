package dev.marquee.subtitles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.Progress;
import dev.marquee.api.subtitle.SubtitleTrack;
import dev.marquee.kernel.testing.TestPluginContext;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sidecar subtitle files: which belong to a video, and their WebVTT through the real ffmpeg. */
class SidecarSourceTest {
  private static final String SRT = "1\n00:00:01,000 --> 00:00:03,500\nÀ bientôt, mon cœur ! Déjà l'été ?\n\n"
      + "2\n00:00:04,000 --> 00:00:06,000\nC'était une belle journée, très agréable, où l'on a mangé des crêpes.\n";

  @TempDir
  Path folder;
  @TempDir
  Path data;

  private SidecarSource source() {
    return new SidecarSource(new TestPluginContext("subtitles", data));
  }

  private Path touch(String name) throws Exception {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "1\n00:00:01,000 --> 00:00:02,000\nx\n");
  }

  @Test
  void tracks_ofAVideo_areItsNamedFilesBesideItAndInSubs() throws Exception {
    // given
    Path video = touch("Movie (2019).mkv");
    touch("Movie (2019).Extended.mkv");
    touch("Movie (2019).en.srt");
    touch("Movie (2019).eng.forced.srt");
    touch("Movie (2019).English.hi.ass");
    touch("Movie (2019).fr.idx");
    touch("Movie (2019).fr.sub");
    touch("Movie (2019).default.vtt");
    touch("Subs/Movie (2019).de.srt");
    touch("Movie (2019).Extended.es.srt");
    touch("Other.en.srt");
    touch("Movie (2019).en.txt");

    // when
    List<SubtitleTrack> tracks = source().tracks(video, Progress.none());

    // then
    assertThat(tracks).extracting(SubtitleTrack::trackId).containsExactly("Movie (2019).English.hi.ass",
        "Movie (2019).default.vtt", "Movie (2019).en.srt", "Movie (2019).eng.forced.srt", "Movie (2019).fr.idx",
        "Subs/Movie (2019).de.srt");
    assertThat(tracks).allMatch(t -> t.sourceId().equals("sidecar") && t.origin() == SubtitleTrack.Origin.SIDECAR);
    SubtitleTrack forced = tracks.get(3);
    assertThat(forced.language()).contains("en");
    assertThat(forced.forced()).isTrue();
    assertThat(tracks.get(0).hearingImpaired()).isTrue();
    assertThat(tracks.get(0).format()).isEqualTo("ass");
    assertThat(tracks.get(1).defaultTrack()).isTrue();
    assertThat(tracks.get(4).format()).isEqualTo("vobsub");
    assertThat(tracks.get(5).language()).contains("de");

    // and the extended cut has its own
    assertThat(source().tracks(folder.resolve("Movie (2019).Extended.mkv"), Progress.none()))
        .extracting(SubtitleTrack::trackId).containsExactly("Movie (2019).Extended.es.srt");
  }

  @Test
  void toWebVtt_windows1252Srt_becomesUtf8WebVtt() throws Exception {
    // given: a French SRT as old Windows editors saved it
    Path video = touch("Film.mkv");
    Files.write(folder.resolve("Film.fr.srt"), SRT.getBytes(Charset.forName("windows-1252")));
    SubtitleTrack track = source().tracks(video, Progress.none()).get(0);

    // when
    String vtt = source().toWebVtt(video, track, Progress.none()).orElseThrow();

    // then
    assertThat(vtt).startsWith("WEBVTT").contains("00:01.000 --> 00:03.500", "À bientôt, mon cœur ! Déjà l'été ?",
        "C'était une belle journée, très agréable, où l'on a mangé des crêpes.");
  }

  @Test
  void toWebVtt_utf8WithBomAndAss_becomeWebVtt() throws Exception {
    // given
    Path video = touch("Film.mkv");
    Files.write(folder.resolve("Film.fr.srt"), ("\uFEFF" + SRT).getBytes(StandardCharsets.UTF_8));
    Files.writeString(folder.resolve("Film.en.ass"), """
        [Script Info]
        ScriptType: v4.00+
        PlayResX: 384
        PlayResY: 288

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
        Dialogue: 0,0:00:02.00,0:00:04.50,Default,,0,0,0,,{\\i1}Styled{\\i0} line
        """);
    List<SubtitleTrack> tracks = source().tracks(video, Progress.none());

    // when
    String ass = source().toWebVtt(video, tracks.get(0), Progress.none()).orElseThrow();
    String srt = source().toWebVtt(video, tracks.get(1), Progress.none()).orElseThrow();

    // then
    assertThat(ass).startsWith("WEBVTT").contains("00:02.000 --> 00:04.500", "<i>Styled</i> line");
    assertThat(srt).startsWith("WEBVTT").contains("À bientôt, mon cœur").doesNotContain("\uFEFF");
    assertThat(data.resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void toWebVtt_pictureOrForeignTrack_isEmptyOrRefused() throws Exception {
    Path video = touch("Film.mkv");
    touch("Film.en.idx");
    touch("Film.en.sub");
    SubtitleTrack vobsub = source().tracks(video, Progress.none()).get(0);

    assertThat(source().toWebVtt(video, vobsub, Progress.none())).isEmpty();
    SubtitleTrack escaping = new SubtitleTrack("sidecar", "../secret.srt", SubtitleTrack.Origin.SIDECAR, "srt",
        Optional.empty(), Optional.empty(), false, false, false);
    assertThatThrownBy(() -> source().toWebVtt(video, escaping, Progress.none()))
        .isInstanceOf(IllegalArgumentException.class);
    SubtitleTrack embedded = new SubtitleTrack("embedded", "2", SubtitleTrack.Origin.EMBEDDED, "srt",
        Optional.empty(), Optional.empty(), false, false, false);
    assertThatThrownBy(() -> source().toWebVtt(video, embedded, Progress.none()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
