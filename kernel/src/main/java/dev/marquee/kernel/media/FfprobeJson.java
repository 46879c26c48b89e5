package dev.marquee.kernel.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.api.media.ProbeResult.AudioStream;
import dev.marquee.api.media.ProbeResult.Chapter;
import dev.marquee.api.media.ProbeResult.Hdr;
import dev.marquee.api.media.ProbeResult.SubtitleStream;
import dev.marquee.api.media.ProbeResult.VideoStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the JSON of {@code ffprobe -print_format json -show_format -show_streams -show_chapters}
 * into a {@link ProbeResult}, and the cover art in it. Stateless.
 */
final class FfprobeJson {
  /** The arguments that produce what {@link #parse} reads, before the input path. */
  static final List<String> ARGUMENTS = List.of(
      "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-show_chapters");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FfprobeJson() {}

  /**
   * An image stored in the file: a video stream with the {@code attached_pic} disposition (MP4 cover
   * art; also what ffmpeg makes of a Matroska image attachment), or an attachment stream whose
   * {@code mimetype} tag is an image.
   *
   * @param index the stream's index, as in {@code -map 0:<index>}
   * @param codec mjpeg, png...; empty for an attachment
   * @param name the attachment's file name, else the stream's title or comment; empty when none
   * @param attachment whether it is an attachment stream (extracted with {@code -dump_attachment})
   */
  record CoverStream(int index, String codec, String name, boolean attachment) {}

  /** A probe's result with the cover art the file holds. */
  record Probed(ProbeResult result, List<CoverStream> covers) {}

  /** @throws IOException when the text is not ffprobe's JSON or names no container */
  static ProbeResult parse(String json) throws IOException {
    return parseWithCovers(json).result();
  }

  /** As {@link #parse}, with the cover art streams. */
  static Probed parseWithCovers(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    if (root == null || !root.path("format").isObject()) {
      throw new IOException("ffprobe reported no format");
    }
    JsonNode format = root.path("format");
    List<VideoStream> video = new ArrayList<>();
    List<AudioStream> audio = new ArrayList<>();
    List<SubtitleStream> subtitles = new ArrayList<>();
    for (JsonNode stream : root.path("streams")) {
      String codec = stream.path("codec_name").asText("unknown");
      int index = stream.path("index").asInt();
      JsonNode disposition = stream.path("disposition");
      boolean isDefault = disposition.path("default").asInt() == 1;
      Optional<String> language = text(stream.path("tags").path("language")).filter(l -> !l.equals("und"));
      Optional<String> title = text(stream.path("tags").path("title"));
      switch (stream.path("codec_type").asText()) {
        case "video" -> {
          if (disposition.path("attached_pic").asInt() == 1) {
            continue;
          }
          video.add(new VideoStream(index, codec, text(stream.path("profile")),
              Math.max(0, stream.path("level").asInt()),
              stream.path("width").asInt(), stream.path("height").asInt(),
              text(stream.path("pix_fmt")), frameRate(stream), hdr(stream), language, isDefault, title));
        }
        case "audio" -> audio.add(new AudioStream(index, codec, text(stream.path("profile")),
            stream.path("channels").asInt(), text(stream.path("channel_layout")), language, isDefault, title));
        case "subtitle" -> subtitles.add(new SubtitleStream(index, codec, language, isDefault,
            disposition.path("forced").asInt() == 1, title));
        default -> {
          // data and attachment streams (fonts) are not played
        }
      }
    }
    List<Chapter> chapters = new ArrayList<>();
    for (JsonNode chapter : root.path("chapters")) {
      chapters.add(new Chapter(seconds(chapter.path("start_time")), seconds(chapter.path("end_time")),
          text(chapter.path("tags").path("title"))));
    }
    return new Probed(new ProbeResult(format.path("format_name").asText("unknown"), seconds(format.path("duration")),
        Math.max(0, format.path("bit_rate").asLong()), video, audio, subtitles, chapters), covers(root));
  }

  private static List<CoverStream> covers(JsonNode root) {
    List<CoverStream> covers = new ArrayList<>();
    for (JsonNode stream : root.path("streams")) {
      JsonNode tags = stream.path("tags");
      String name = text(tags.path("filename")).or(() -> text(tags.path("title"))).or(() -> text(tags.path("comment")))
          .orElse("");
      String type = stream.path("codec_type").asText();
      if (type.equals("video") && stream.path("disposition").path("attached_pic").asInt() == 1) {
        covers.add(new CoverStream(stream.path("index").asInt(), stream.path("codec_name").asText(""), name, false));
      } else if (type.equals("attachment")
          && text(tags.path("mimetype")).filter(m -> m.toLowerCase(Locale.ROOT).startsWith("image/")).isPresent()) {
        covers.add(new CoverStream(stream.path("index").asInt(), stream.path("codec_name").asText(""), name, true));
      }
    }
    return covers;
  }

  static Hdr hdr(JsonNode stream) {
    for (JsonNode side : stream.path("side_data_list")) {
      String type = side.path("side_data_type").asText().toLowerCase(Locale.ROOT);
      if (type.contains("dovi") || type.contains("dolby vision")) {
        return Hdr.DOLBY_VISION;
      }
    }
    return switch (stream.path("color_transfer").asText()) {
      case "smpte2084" -> Hdr.HDR10;
      case "arib-std-b67" -> Hdr.HLG;
      default -> Hdr.NONE;
    };
  }

  private static double frameRate(JsonNode stream) {
    double average = ratio(stream.path("avg_frame_rate").asText());
    return average > 0 ? average : ratio(stream.path("r_frame_rate").asText());
  }

  /** {@code 24000/1001} → 23.976...; 0 for {@code 0/0} and anything unreadable. */
  static double ratio(String text) {
    int slash = text.indexOf('/');
    try {
      if (slash < 0) {
        return text.isEmpty() ? 0 : Double.parseDouble(text);
      }
      double denominator = Double.parseDouble(text.substring(slash + 1));
      return denominator == 0 ? 0 : Double.parseDouble(text.substring(0, slash)) / denominator;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Duration seconds(JsonNode node) {
    double seconds = ratio(node.asText(""));
    return seconds > 0 ? Duration.ofNanos(Math.round(seconds * 1_000_000_000d)) : Duration.ZERO;
  }

  private static Optional<String> text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    String text = node.asText().strip();
    return text.isEmpty() || text.equals("unknown") ? Optional.empty() : Optional.of(text);
  }
}
