package dev.marquee.kernel.testing;

import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.Progress;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.media.KernelMediaToolkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small real media files made with the system's ffmpeg, for tests in any module. */
public final class TestMediaFiles {
  private static final MediaToolkit TOOLKIT = KernelMediaToolkit.create(new Config(Map.of()));

  private TestMediaFiles() {}

  /** Runs ffmpeg with {@code arguments}; fails the test when it fails. */
  public static void ffmpeg(List<String> arguments) throws IOException {
    List<String> all = new ArrayList<>(List.of("-v", "error", "-y"));
    all.addAll(arguments);
    MediaToolkit.FfmpegResult result = TOOLKIT.ffmpeg(all, Duration.ofSeconds(120), Progress.none());
    if (!result.succeeded()) {
      throw new AssertionError("ffmpeg failed making test media: " + result.stderrTail());
    }
  }

  /** H.264 (High, 8-bit) and stereo AAC in MP4: what every browser plays as it is. */
  public static Path h264Aac(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=" + seconds,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "high", "-pix_fmt", "yuv420p", "-g", "50",
        "-c:a", "aac", "-ac", "2", "-b:a", "96k", "-movflags", "+faststart", file.toString()));
    return file;
  }

  /**
   * HEVC with AC-3 5.1 (default, English) and stereo AAC (French) in Matroska, with an English
   * SubRip subtitle stream.
   */
  public static Path hevcAc3WithSubtitles(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    Path srt = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp.srt"),
        "1\n00:00:00,200 --> 00:00:00,900\nHello\n\n2\n00:00:01,000 --> 00:00:01,800\nWorld\n");
    try {
      ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=" + seconds,
          "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
          "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000:duration=" + seconds,
          "-i", srt.toString(),
          "-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:s",
          "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error",
          "-c:a:0", "ac3", "-ac:a:0", "6", "-c:a:1", "aac", "-ac:a:1", "2", "-c:s", "srt",
          "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre", "-metadata:s:s:0", "language=eng",
          "-disposition:a:0", "default", "-disposition:a:1", "0", file.toString()));
    } finally {
      Files.deleteIfExists(srt);
    }
    return file;
  }

  /** H.264 High 10 (10-bit) with AAC in Matroska: no browser decodes it. */
  public static Path h264TenBit(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=" + seconds,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", "-c:a", "aac", file.toString()));
    return file;
  }

  /** H.264 and AAC in Matroska: browsers decode the streams, not the container. */
  public static Path h264AacMkv(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=" + seconds,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", file.toString()));
    return file;
  }
}
