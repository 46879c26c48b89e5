package dev.marquee.kernel.testing;

import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.Progress;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.media.KernelMediaToolkit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
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

  /** Where the picture subtitles of {@link #pgsSubtitle} show their white box, in a 320x240 frame. */
  public static final int BOX_X = 110;
  public static final int BOX_Y = 200;
  public static final int BOX_WIDTH = 100;
  public static final int BOX_HEIGHT = 20;

  /**
   * Black 320x240 H.264 with AAC in Matroska, with two picture subtitle streams showing a white box
   * ({@link #BOX_X}...) from 0.5 s to 3 s: stream 2 PGS (English), stream 3 DVD/VobSub (French),
   * the latter converted from the former by ffmpeg.
   */
  public static Path h264WithPictureSubtitles(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    Path sup = pgsSubtitle(file.resolveSibling(file.getFileName() + ".tmp.sup"));
    try {
      ffmpeg(List.of("-f", "lavfi", "-i", "color=c=black:size=320x240:rate=25:duration=" + seconds,
          "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
          // each picture lasts until the next display set: without it the DVD stream's last one never ends
          "-fix_sub_duration", "-i", sup.toString(),
          "-map", "0:v", "-map", "1:a", "-map", "2:s", "-map", "2:s",
          "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
          "-c:s:0", "copy", "-c:s:1", "dvdsub", "-metadata:s:s:0", "language=eng", "-metadata:s:s:1", "language=fre",
          file.toString()));
    } finally {
      Files.deleteIfExists(sup);
    }
    return file;
  }

  /**
   * A PGS (Blu-ray, {@code .sup}) subtitle for a 320x240 video: one white box ({@link #BOX_X},
   * {@link #BOX_Y}, {@link #BOX_WIDTH} x {@link #BOX_HEIGHT}) shown from 0.5 s to 3 s. ffmpeg
   * cannot make picture subtitles from text, so the segments are written here: presentation
   * composition, window, palette, run-length-encoded object, end.
   */
  public static Path pgsSubtitle(Path sup) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pgsDisplaySet(out, 45_000, 0, true);
    pgsDisplaySet(out, 270_000, 1, false);
    Files.createDirectories(sup.toAbsolutePath().getParent());
    return Files.write(sup, out.toByteArray());
  }

  private static void pgsDisplaySet(ByteArrayOutputStream out, int pts, int composition, boolean show) {
    ByteBuffer pcs = ByteBuffer.allocate(11 + (show ? 8 : 0));
    pcs.putShort((short) 320).putShort((short) 240).put((byte) 0x10).putShort((short) composition)
        .put((byte) (show ? 0x80 : 0x00)).put((byte) 0).put((byte) 0).put((byte) (show ? 1 : 0));
    if (show) {
      pcs.putShort((short) 0).put((byte) 0).put((byte) 0).putShort((short) BOX_X).putShort((short) BOX_Y);
    }
    pgsSegment(out, pts, 0x16, pcs.array());
    pgsSegment(out, pts, 0x17, ByteBuffer.allocate(10).put((byte) 1).put((byte) 0).putShort((short) BOX_X)
        .putShort((short) BOX_Y).putShort((short) BOX_WIDTH).putShort((short) BOX_HEIGHT).array());
    if (show) {
      // palette 0: entry 0 transparent black, entry 1 opaque white (Y, Cr, Cb, alpha)
      pgsSegment(out, pts, 0x14, new byte[] {0, 0, 0, 16, (byte) 128, (byte) 128, 0, 1, (byte) 235, (byte) 128,
          (byte) 128, (byte) 255});
      ByteArrayOutputStream rle = new ByteArrayOutputStream();
      for (int line = 0; line < BOX_HEIGHT; line++) {
        // a run of BOX_WIDTH pixels of colour 1, then the end of the line
        rle.writeBytes(new byte[] {0, (byte) (0xC0 | (BOX_WIDTH >> 8)), (byte) BOX_WIDTH, 1, 0, 0});
      }
      byte[] data = ByteBuffer.allocate(4 + rle.size()).putShort((short) BOX_WIDTH).putShort((short) BOX_HEIGHT)
          .put(rle.toByteArray()).array();
      ByteBuffer ods = ByteBuffer.allocate(7 + data.length);
      ods.putShort((short) 0).put((byte) 0).put((byte) 0xC0).put((byte) (data.length >> 16))
          .put((byte) (data.length >> 8)).put((byte) data.length).put(data);
      pgsSegment(out, pts, 0x15, ods.array());
    }
    pgsSegment(out, pts, 0x80, new byte[0]);
  }

  private static void pgsSegment(ByteArrayOutputStream out, int pts, int type, byte[] payload) {
    out.writeBytes(ByteBuffer.allocate(13 + payload.length).put((byte) 'P').put((byte) 'G').putInt(pts).putInt(0)
        .put((byte) type).putShort((short) payload.length).put(payload).array());
  }
}
