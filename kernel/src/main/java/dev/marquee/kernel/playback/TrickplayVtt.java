package dev.marquee.kernel.playback;

import java.util.Locale;

/**
 * The WebVTT thumbnails track of a file's trickplay sheets: one cue per thumbnail, covering its
 * interval of the video, whose text is the sheet's URL with a media fragment naming the thumbnail's
 * rectangle ({@code 3.jpg?...#xywh=640,180,320,180}), as JW Player, Video.js thumbnail plugins and
 * others read thumbnail tracks.
 */
final class TrickplayVtt {
  private TrickplayVtt() {}

  /**
   * @param durationMs the video's duration, where the last cue ends; null when unknown (the last cue
   *     is one interval long then)
   * @param base the sheets' URL up to the sheet's name, e.g. {@code /api/v1/playback/7/trickplay/320/}
   * @param query what follows the sheet's name, e.g. {@code ?fileId=9&token=...}
   */
  static String track(TrickplayStore.Made made, Long durationMs, String base, String query) {
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    int perSheet = made.tileColumns() * made.tileRows();
    long interval = made.intervalMs();
    for (int i = 0; i < made.thumbnailCount(); i++) {
      long start = i * interval;
      long end = (i + 1) * interval;
      if (i == made.thumbnailCount() - 1 && durationMs != null && durationMs > start) {
        end = durationMs;
      }
      int tile = i % perSheet;
      vtt.append('\n').append(time(start)).append(" --> ").append(time(end)).append('\n')
          .append(base).append(i / perSheet).append(".jpg").append(query)
          .append("#xywh=").append(tile % made.tileColumns() * made.width()).append(',')
          .append(tile / made.tileColumns() * made.height()).append(',')
          .append(made.width()).append(',').append(made.height()).append('\n');
    }
    return vtt.toString();
  }

  /** {@code HH:MM:SS.mmm}. */
  static String time(long ms) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
        ms % 1000);
  }
}
