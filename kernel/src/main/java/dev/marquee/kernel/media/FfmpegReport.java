package dev.marquee.kernel.media;

import dev.marquee.api.media.MediaToolException;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.api.media.ProbeResult.AudioStream;
import dev.marquee.api.media.ProbeResult.Chapter;
import dev.marquee.api.media.ProbeResult.Hdr;
import dev.marquee.api.media.ProbeResult.SubtitleStream;
import dev.marquee.api.media.ProbeResult.VideoStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the input report {@code ffmpeg -i <file>} writes on standard error: the fallback probe when
 * there is no ffprobe (the bundled ffmpeg comes without one). Less exact than ffprobe's JSON: no
 * codec level, and stream titles only from the stream's metadata block.
 */
final class FfmpegReport {
  private static final Pattern INPUT = Pattern.compile("^Input #0, (.+?), from '");
  private static final Pattern DURATION = Pattern.compile(
      "^\\s*Duration: (?:(\\d+):(\\d+):(\\d+(?:\\.\\d+)?)|N/A).*?bitrate: (?:(\\d+) kb/s|N/A)");
  private static final Pattern CHAPTER = Pattern.compile("^\\s*Chapter #\\d+:\\d+: start (-?[\\d.]+), end (-?[\\d.]+)");
  private static final Pattern STREAM = Pattern.compile(
      "^\\s*Stream #0:(\\d+)(?:\\[\\w+\\])?(?:\\((\\w+)\\))?: (Video|Audio|Subtitle): (\\w+)(?: \\(([^)]*)\\))?(.*)$");
  private static final Pattern SIZE = Pattern.compile(", (\\d{2,5})x(\\d{2,5})");
  private static final Pattern FPS = Pattern.compile(", ([\\d.]+) fps");
  /** The first plain word after a comma, with the colour description in parentheses after it. */
  private static final Pattern PIXEL_FORMAT = Pattern.compile(", ([a-z0-9_]+)(\\(([^)]*)\\))?(?:,|$)");
  private static final Pattern CHANNELS = Pattern.compile("\\d+ Hz, ([^,]+),");
  private static final Set<String> DISPOSITIONS = Set.of("default", "dub", "original", "comment",
      "lyrics", "karaoke", "forced", "hearing impaired", "visual impaired", "clean effects", "attached pic",
      "timed thumbnails", "captions", "descriptions", "metadata", "dependent", "still image");
  private static final Pattern TITLE = Pattern.compile("^\\s*title\\s*: (.*)$");

  private FfmpegReport() {}

  /** @throws MediaToolException when the report names no input, that is when ffmpeg could not read the file */
  static ProbeResult parse(String report, Path file) throws MediaToolException {
    List<String> lines = report.lines().toList();
    String container = null;
    Duration duration = Duration.ZERO;
    long bitrate = 0;
    List<VideoStream> video = new ArrayList<>();
    List<AudioStream> audio = new ArrayList<>();
    List<SubtitleStream> subtitles = new ArrayList<>();
    List<Chapter> chapters = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher m;
      if ((m = INPUT.matcher(line)).find()) {
        container = m.group(1);
      } else if ((m = DURATION.matcher(line)).find()) {
        if (m.group(1) != null) {
          duration = Duration.ofMillis(Math.round((Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60
              + Double.parseDouble(m.group(3))) * 1000));
        }
        bitrate = m.group(4) == null ? 0 : Long.parseLong(m.group(4)) * 1000;
      } else if ((m = CHAPTER.matcher(line)).find()) {
        chapters.add(new Chapter(seconds(m.group(1)), seconds(m.group(2)), title(lines, i)));
      } else if ((m = STREAM.matcher(line)).find()) {
        int index = Integer.parseInt(m.group(1));
        Optional<String> language = Optional.ofNullable(m.group(2)).filter(l -> !l.equals("und"));
        String codec = m.group(4);
        // the first parenthesis is the profile, unless it is a codec tag or a disposition
        Optional<String> profile = Optional.ofNullable(m.group(5))
            .filter(p -> !p.contains(" / 0x") && !DISPOSITIONS.contains(p));
        String rest = m.group(6);
        boolean isDefault = line.contains("(default)");
        Optional<String> title = title(lines, i);
        switch (m.group(3)) {
          case "Video" -> {
            if (line.contains("(attached pic)")) {
              continue;
            }
            video.add(video(index, codec, profile, rest, lines, i, language, isDefault, title));
          }
          case "Audio" -> {
            Matcher channels = CHANNELS.matcher(rest);
            Optional<String> layout = channels.find() ? Optional.of(channels.group(1).strip()) : Optional.empty();
            audio.add(new AudioStream(index, codec, profile, layout.map(FfmpegReport::channelCount).orElse(0), layout,
                language, isDefault, title));
          }
          default -> subtitles.add(new SubtitleStream(index, codec, language, isDefault, line.contains("(forced)"), title));
        }
      }
    }
    if (container == null) {
      throw new MediaToolException(MediaToolException.Reason.FAILED,
          "ffmpeg cannot read " + file + ": " + KernelMediaToolkit.lastLine(report), report);
    }
    return new ProbeResult(container, duration, bitrate, video, audio, subtitles, chapters);
  }

  private static VideoStream video(int index, String codec, Optional<String> profile, String rest,
      List<String> lines, int at, Optional<String> language, boolean isDefault, Optional<String> title) {
    Matcher size = SIZE.matcher(rest);
    Matcher fps = FPS.matcher(rest);
    Matcher pixel = PIXEL_FORMAT.matcher(rest);
    Optional<String> pixelFormat = Optional.empty();
    Hdr hdr = Hdr.NONE;
    if (pixel.find()) {
      pixelFormat = Optional.of(pixel.group(1));
      String color = pixel.group(3) == null ? "" : pixel.group(3);
      hdr = color.contains("smpte2084") ? Hdr.HDR10 : color.contains("arib-std-b67") ? Hdr.HLG : Hdr.NONE;
    }
    for (int j = at + 1; j < lines.size() && !lines.get(j).trim().startsWith("Stream #"); j++) {
      if (lines.get(j).contains("DOVI configuration record")) {
        hdr = Hdr.DOLBY_VISION;
      }
    }
    boolean sized = size.find();
    return new VideoStream(index, codec, profile, 0,
        sized ? Integer.parseInt(size.group(1)) : 0, sized ? Integer.parseInt(size.group(2)) : 0,
        pixelFormat, fps.find() ? Double.parseDouble(fps.group(1)) : 0, hdr, language, isDefault, title);
  }

  /** The {@code title} in the metadata block under line {@code at}. */
  private static Optional<String> title(List<String> lines, int at) {
    int indent = indent(lines.get(at));
    for (int j = at + 1; j < lines.size() && indent(lines.get(j)) > indent; j++) {
      Matcher m = TITLE.matcher(lines.get(j));
      if (m.find() && !m.group(1).isBlank()) {
        return Optional.of(m.group(1).strip());
      }
    }
    return Optional.empty();
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  static int channelCount(String layout) {
    return switch (layout) {
      case "mono" -> 1;
      case "stereo", "downmix" -> 2;
      case "2.1", "3.0", "3.0(back)" -> 3;
      case "4.0", "quad", "quad(side)", "3.1" -> 4;
      case "5.0", "5.0(side)", "4.1" -> 5;
      case "5.1", "5.1(side)", "6.0", "6.0(front)", "hexagonal" -> 6;
      case "6.1", "6.1(back)", "6.1(front)", "7.0", "7.0(front)" -> 7;
      case "7.1", "7.1(wide)", "7.1(wide-side)", "octagonal" -> 8;
      default -> layout.matches("\\d+ channels.*") ? Integer.parseInt(layout.split(" ")[0]) : 0;
    };
  }

  private static Duration seconds(String text) {
    double seconds = Double.parseDouble(text);
    return seconds > 0 ? Duration.ofNanos(Math.round(seconds * 1_000_000_000d)) : Duration.ZERO;
  }
}
