package dev.marquee.subtitles;

import dev.marquee.api.Progress;
import dev.marquee.api.media.MediaToolException;
import dev.marquee.api.media.MediaToolkit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns text subtitles into WebVTT with ffmpeg (its decoders for SubRip, ASS/SSA, WebVTT, MicroDVD,
 * SAMI and MP4 timed text, its WebVTT encoder), writing into a temporary file of the plugin's data
 * folder. Thread-safe.
 */
final class WebVttConverter {
  /** The largest subtitle file read: real ones are well under 1 MiB. */
  static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
  private static final Duration FILE_TIMEOUT = Duration.ofSeconds(60);
  /** Extracting a stream reads the whole container, which can be tens of gigabytes. */
  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

  private final MediaToolkit media;
  private final Path tempDir;

  WebVttConverter(MediaToolkit media, Path tempDir) {
    this.media = media;
    this.tempDir = tempDir;
  }

  /**
   * A subtitle file as WebVTT, its charset detected first ({@link TextCharset}) and handed to
   * ffmpeg as {@code -sub_charenc}.
   *
   * @throws IOException when the file cannot be read, is too large, or ffmpeg cannot convert it
   */
  String fromFile(Path subtitle, Progress progress) throws IOException {
    if (Files.size(subtitle) > MAX_FILE_BYTES) {
      throw new IOException("subtitle file is larger than " + MAX_FILE_BYTES + " bytes: " + subtitle.getFileName());
    }
    TextCharset charset = TextCharset.detect(Files.readAllBytes(subtitle));
    List<String> args = new ArrayList<>();
    if (charset.needsConversion()) {
      args.addAll(List.of("-sub_charenc", charset.name()));
    }
    args.addAll(List.of("-i", subtitle.toString(), "-map", "0:s:0"));
    return run(args, FILE_TIMEOUT, subtitle.getFileName().toString(), progress);
  }

  /**
   * One subtitle stream of a media file as WebVTT ({@code -map 0:<index>}).
   *
   * @throws IOException when the file cannot be read or ffmpeg cannot convert the stream
   */
  String fromStream(Path video, int streamIndex, Progress progress) throws IOException {
    return run(List.of("-i", video.toString(), "-map", "0:" + streamIndex), STREAM_TIMEOUT,
        video.getFileName() + " stream " + streamIndex, progress);
  }

  private String run(List<String> input, Duration timeout, String what, Progress progress) throws IOException {
    Files.createDirectories(tempDir);
    Path out = Files.createTempFile(tempDir, "subtitle-", ".vtt");
    try {
      List<String> args = new ArrayList<>(List.of("-v", "error", "-y"));
      args.addAll(input);
      args.addAll(List.of("-f", "webvtt", out.toString()));
      MediaToolkit.FfmpegResult result = media.ffmpeg(args, timeout, progress);
      if (!result.succeeded()) {
        throw new MediaToolException(MediaToolException.Reason.FAILED,
            "ffmpeg cannot convert " + what + " to WebVTT: " + lastLine(result.stderrTail()), result.stderrTail());
      }
      String vtt = Files.readString(out, StandardCharsets.UTF_8);
      if (vtt.startsWith("\uFEFF")) {
        vtt = vtt.substring(1);
      }
      if (!vtt.startsWith("WEBVTT")) {
        throw new IOException("ffmpeg wrote no WebVTT for " + what);
      }
      return vtt;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }
}
