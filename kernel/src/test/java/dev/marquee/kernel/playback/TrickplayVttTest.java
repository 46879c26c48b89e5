package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrickplayVttTest {

  private static TrickplayStore.Made made(long intervalMs, int count, int columns, int rows) {
    int sheets = (count + columns * rows - 1) / (columns * rows);
    return new TrickplayStore.Made(7, intervalMs, 320, 180, columns, rows, count, sheets, 1, 1, 1, null);
  }

  private static List<String> lines(String track, String containing) {
    return track.lines().filter(line -> line.contains(containing)).toList();
  }

  @Test
  void time_formatsHoursMinutesSecondsMillis() {
    assertThat(TrickplayVtt.time(0)).isEqualTo("00:00:00.000");
    assertThat(TrickplayVtt.time(61_005)).isEqualTo("00:01:01.005");
    assertThat(TrickplayVtt.time(3 * 3_600_000L + 59 * 60_000 + 59_999)).isEqualTo("03:59:59.999");
  }

  @Test
  void track_lastCue_endsAtTheDuration() {
    String track = TrickplayVtt.track(made(10_000, 7, 7, 1), 64_500L, "/b/", "?t=1");
    assertThat(track).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n/b/0.jpg?t=1#xywh=0,0,320,180\n");
    assertThat(lines(track, "-->")).hasSize(7).last().isEqualTo("00:01:00.000 --> 00:01:04.500");
  }

  @Test
  void track_withoutDuration_lastCueIsOneInterval() {
    String track = TrickplayVtt.track(made(2_000, 3, 3, 1), null, "/b/", "");
    assertThat(lines(track, "-->")).last().isEqualTo("00:00:04.000 --> 00:00:06.000");
  }

  @Test
  void track_ofManySheets_walksTilesRowByRowThenSheetBySheet() {
    // given 10 × 10 tiles and 205 thumbnails: two full sheets and 5 on a third
    String track = TrickplayVtt.track(made(10_000, 205, 10, 10), 2_045_000L, "/b/", "");
    List<String> urls = lines(track, "#xywh=");
    assertThat(urls).hasSize(205);
    assertThat(urls.get(0)).isEqualTo("/b/0.jpg#xywh=0,0,320,180");
    assertThat(urls.get(9)).isEqualTo("/b/0.jpg#xywh=2880,0,320,180");
    assertThat(urls.get(10)).isEqualTo("/b/0.jpg#xywh=0,180,320,180");
    assertThat(urls.get(99)).isEqualTo("/b/0.jpg#xywh=2880,1620,320,180");
    assertThat(urls.get(100)).isEqualTo("/b/1.jpg#xywh=0,0,320,180");
    assertThat(urls.get(204)).isEqualTo("/b/2.jpg#xywh=1280,0,320,180");
    assertThat(lines(track, "-->").get(204)).isEqualTo("00:34:00.000 --> 00:34:05.000");
  }
}
