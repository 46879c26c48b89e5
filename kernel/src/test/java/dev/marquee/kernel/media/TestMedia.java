package dev.marquee.kernel.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.Progress;
import dev.marquee.api.media.MediaToolkit;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Media files generated with the system ffmpeg for tests: small, a second or two long. */
final class TestMedia {
  private TestMedia() {}

  /** A toolkit on the system's ffmpeg and ffprobe. */
  static KernelMediaToolkit systemToolkit() {
    return KernelMediaToolkit.create(new dev.marquee.kernel.config.Config(Map.of()));
  }

  /**
   * {@code movie.mkv}: 2 s of 320x240 H.264 at 25 fps; audio 0 English mono (default), audio 1
   * French stereo titled "Commentary"; an English SubRip subtitle flagged forced; chapters "Intro"
   * 0–1 s and "Main" 1–2 s.
   */
  static Path mkvWithTracks(MediaToolkit toolkit, Path dir) throws IOException {
    Path srt = Files.writeString(dir.resolve("forced.srt"), "1\n00:00:00,500 --> 00:00:01,500\nHello\n");
    Path chapters = Files.writeString(dir.resolve("chapters.txt"), """
        ;FFMETADATA1
        [CHAPTER]
        TIMEBASE=1/1000
        START=0
        END=1000
        title=Intro
        [CHAPTER]
        TIMEBASE=1/1000
        START=1000
        END=2000
        title=Main
        """);
    Path out = dir.resolve("movie.mkv");
    ffmpeg(toolkit, List.of(
        "-v", "error",
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=880:duration=2",
        "-i", srt.toString(), "-i", chapters.toString(),
        "-map", "0", "-map", "1", "-map", "2", "-map", "3", "-map_chapters", "4",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-ac:a:1", "2", "-c:s", "srt",
        "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fre", "-metadata:s:a:1", "title=Commentary",
        "-metadata:s:s:0", "language=eng",
        "-disposition:a:0", "default", "-disposition:a:1", "0", "-disposition:s:0", "forced",
        out.toString()));
    return out;
  }

  /** {@code <name>.mp4}: 1 s of 10-bit HEVC tagged with BT.2020 primaries and {@code transfer}. */
  static Path hevc(MediaToolkit toolkit, Path dir, String name, String transfer) throws IOException {
    Path out = dir.resolve(name + ".mp4");
    ffmpeg(toolkit, List.of(
        "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1",
        "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le",
        "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc", out.toString()));
    return out;
  }

  /**
   * {@code <name>.mkv}: 1 s of 160x120 MPEG-4 with {@code images} attached under their own file
   * names, each tagged with its MIME type.
   */
  static Path mkvWithAttachments(MediaToolkit toolkit, Path dir, String name, List<Path> images) throws IOException {
    return mkvWithAttachments(toolkit, dir, name, images, "image/jpeg");
  }

  /**
   * As {@link #mkvWithAttachments(MediaToolkit, Path, String, List)}, JPEGs tagged {@code jpegType}:
   * ffmpeg shows {@code image/jpeg} ones as attached pictures, others (the common {@code image/jpg})
   * as attachment streams.
   */
  static Path mkvWithAttachments(MediaToolkit toolkit, Path dir, String name, List<Path> images, String jpegType)
      throws IOException {
    Path out = dir.resolve(name + ".mkv");
    List<String> arguments = new ArrayList<>(List.of(
        "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=1", "-c:v", "mpeg4"));
    for (int i = 0; i < images.size(); i++) {
      String file = images.get(i).getFileName().toString();
      arguments.addAll(List.of("-attach", images.get(i).toString(),
          "-metadata:s:t:" + i, "mimetype=" + (file.endsWith(".png") ? "image/png" : jpegType)));
    }
    arguments.add(out.toString());
    ffmpeg(toolkit, arguments);
    return out;
  }

  /** {@code <name>.mp4}: 1 s of 160x120 H.264 with {@code cover} (a JPEG) as its attached picture. */
  static Path mp4WithCover(MediaToolkit toolkit, Path dir, String name, Path cover) throws IOException {
    Path out = dir.resolve(name + ".mp4");
    ffmpeg(toolkit, List.of(
        "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=1", "-i", cover.toString(),
        "-map", "0", "-map", "1", "-c:v:0", "libx264", "-preset", "ultrafast", "-c:v:1", "copy",
        "-disposition:v:1", "attached_pic", out.toString()));
    return out;
  }

  /** Writes an image of one colour (jpg or png by the file's extension). */
  static Path image(Path file, int width, int height, Color colour) throws IOException {
    BufferedImage image = new BufferedImage(width, height,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(image, file.toString().endsWith(".png") ? "png" : "jpg", file.toFile());
    return file;
  }

  private static void ffmpeg(MediaToolkit toolkit, List<String> arguments) throws IOException {
    MediaToolkit.FfmpegResult result = toolkit.ffmpeg(arguments, Duration.ofSeconds(60), Progress.none());
    assertThat(result.exitCode()).as("ffmpeg generating test media: %s", result.stderrTail()).isZero();
  }
}
