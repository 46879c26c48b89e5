package dev.marquee.kernel.media;

import dev.marquee.api.transcode.FfmpegArguments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ffmpeg command lines of HLS playback, built in one place: each writes MPEG-TS segments
 * {@code <n>.ts} of one stream into a folder, starting at a segment boundary, cutting exactly at
 * the given times (ffmpeg's segment muxer), with timestamps kept on the source's timeline so that
 * segments from a restarted ffmpeg join the earlier ones seamlessly.
 */
public final class SegmentCommands {
  private SegmentCommands() {}

  /**
   * Video only, copied as it is.
   *
   * @param start where segment {@code firstIndex} starts, seconds (a key frame)
   * @param cuts the later boundaries, seconds
   */
  public static List<String> copiedVideo(Path input, int streamIndex, double start, List<Double> cuts, int firstIndex,
      Path dir) {
    List<String> args = seekInput(List.of(), input, start);
    args.addAll(List.of("-map", "0:" + streamIndex, "-c:v", "copy", "-an", "-sn", "-dn"));
    return segmentOutput(args, start, cuts, firstIndex, dir);
  }

  /**
   * Video only, through a driver's decode, scale and encode arguments, with a key frame forced at
   * every cut so that each segment starts with one.
   */
  public static List<String> encodedVideo(Path input, int streamIndex, FfmpegArguments driver, double start,
      List<Double> cuts, int firstIndex, Path dir) {
    return encodedVideo(input, streamIndex, null, driver, start, cuts, firstIndex, dir);
  }

  /**
   * As {@link #encodedVideo(Path, int, FfmpegArguments, double, List, int, Path)}, with a picture
   * subtitle stream (PGS, DVD, DVB) burned into the video before it is scaled: {@code
   * -filter_complex [0:v][0:s]overlay,<scale>}.
   *
   * @param subtitleIndex the subtitle stream's index in the file; null for none
   */
  public static List<String> encodedVideo(Path input, int streamIndex, Integer subtitleIndex, FfmpegArguments driver,
      double start, List<Double> cuts, int firstIndex, Path dir) {
    List<String> args = seekInput(driver.decode(), input, start);
    if (subtitleIndex != null) {
      String scale = driver.scaleFilter().isEmpty() ? "" : "," + driver.scaleFilter();
      args.addAll(List.of("-filter_complex",
          "[0:" + streamIndex + "][0:" + subtitleIndex + "]overlay=eof_action=pass" + scale + "[burned]",
          "-map", "[burned]"));
    } else {
      args.addAll(List.of("-map", "0:" + streamIndex));
      if (!driver.scaleFilter().isEmpty()) {
        args.addAll(List.of("-vf", driver.scaleFilter()));
      }
    }
    args.addAll(driver.encode());
    if (!cuts.isEmpty()) {
      // times of the output, which starts at 0 whatever -output_ts_offset says
      args.addAll(List.of("-force_key_frames",
          cuts.stream().map(cut -> seconds(cut - start)).collect(Collectors.joining(","))));
    }
    args.addAll(List.of("-an", "-sn", "-dn"));
    return segmentOutput(args, start, cuts, firstIndex, dir);
  }

  /** Audio only: copied, or AAC with at most {@code channels} channels. */
  public static List<String> audio(Path input, int streamIndex, boolean copy, int channels, double start,
      List<Double> cuts, int firstIndex, Path dir) {
    List<String> args = seekInput(List.of(), input, start);
    args.addAll(List.of("-map", "0:" + streamIndex, "-vn", "-sn", "-dn"));
    if (copy) {
      args.addAll(List.of("-c:a", "copy"));
    } else {
      args.addAll(List.of("-c:a", "aac", "-ac", String.valueOf(channels), "-b:a", (channels > 2 ? 384 : 160) + "k"));
    }
    return segmentOutput(args, start, cuts, firstIndex, dir);
  }

  /** ffprobe arguments that list a video's packets as {@code pts_time,flags} lines. */
  public static List<String> packetTimes(Path input) {
    return List.of("-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0",
        input.toString());
  }

  private static List<String> seekInput(List<String> decode, Path input, double start) {
    List<String> args = new ArrayList<>(List.of("-v", "error"));
    args.addAll(decode);
    if (start > 0) {
      args.addAll(List.of("-ss", seconds(start)));
    }
    args.addAll(List.of("-i", input.toString()));
    return args;
  }

  private static List<String> segmentOutput(List<String> args, double start, List<Double> cuts, int firstIndex,
      Path dir) {
    args.addAll(List.of("-max_muxing_queue_size", "2048", "-output_ts_offset", seconds(start), "-f", "segment"));
    if (!cuts.isEmpty()) {
      args.addAll(List.of("-segment_times", cuts.stream().map(SegmentCommands::seconds).collect(Collectors.joining(","))));
    } else {
      // one segment to the end: a cut no stream reaches
      args.addAll(List.of("-segment_time", "86400"));
    }
    args.addAll(List.of("-segment_start_number", String.valueOf(firstIndex), "-segment_format", "mpegts",
        dir.resolve("%d.ts").toString()));
    return args;
  }

  static String seconds(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
