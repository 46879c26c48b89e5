package dev.marquee.kernel.media;

import dev.marquee.kernel.catalog.EmbeddedArtwork;
import dev.marquee.kernel.catalog.EmbeddedArtwork.Cover;
import dev.marquee.kernel.catalog.EmbeddedArtwork.FileState;
import dev.marquee.kernel.media.FfprobeJson.CoverStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a probed video's cover art, which ffprobe reported, through the {@link FfmpegRunner}: the
 * poster is the image named like a cover or poster ({@code cover.jpg} before {@code small_cover.jpg}
 * and {@code cover_land.jpg}), else the first; an image named like fanart, a backdrop or a landscape
 * cover becomes the backdrop. Attached pictures are copied out with {@code -map 0:<index> -c copy -f
 * image2}; attachment streams with {@code -dump_attachment}. A file is read once per size and
 * modification time ({@link EmbeddedArtwork}); a file whose art is gone loses its rows. Runs on the
 * probe threads, after the probe. Thread-safe.
 */
@Singleton
final class VideoCovers {
  private static final Logger log = LoggerFactory.getLogger(VideoCovers.class);

  private final FfmpegRunner runner;
  private final MediaSettings settings;
  private final EmbeddedArtwork artwork;

  @Inject
  VideoCovers(FfmpegRunner runner, MediaSettings settings, EmbeddedArtwork artwork) {
    this.runner = runner;
    this.settings = settings;
    this.artwork = artwork;
  }

  /** Stores the cover art of a just-probed file; logs, never throws, when it cannot. */
  void update(ProbeStore.FileToProbe probed, List<CoverStream> streams) {
    try {
      Optional<FileState> file = artwork.file(probed.fileId());
      if (file.isEmpty()) {
        return;
      }
      if (streams.isEmpty()) {
        if (artwork.hasImages(file.get())) {
          artwork.store(file.get(), List.of());
        }
        return;
      }
      if (artwork.current(file.get())) {
        return;
      }
      List<Cover> covers = new ArrayList<>();
      Optional<CoverStream> poster = streams.stream().max(Comparator.comparingInt((CoverStream s) -> posterScore(s.name()))
          .thenComparing(Comparator.comparingInt(CoverStream::index).reversed()));
      poster.flatMap(stream -> extract(file.get().path(), stream, "poster")).ifPresent(covers::add);
      streams.stream().filter(stream -> poster.isEmpty() || stream.index() != poster.get().index())
          .filter(stream -> backdropScore(stream.name()) >= 2)
          .max(Comparator.comparingInt((CoverStream s) -> backdropScore(s.name()))
              .thenComparing(Comparator.comparingInt(CoverStream::index).reversed()))
          .flatMap(stream -> extract(file.get().path(), stream, "backdrop")).ifPresent(covers::add);
      artwork.store(file.get(), covers);
    } catch (IOException | RuntimeException e) {
      log.warn("cover art of file {} ({}) not stored: {}", probed.fileId(), probed.path(), e.toString());
    }
  }

  /** Named like a cover or poster, and not a small or landscape variant: the higher the better. */
  static int posterScore(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int score = lower.contains("cover") || lower.contains("poster") || lower.contains("front") ? 2 : 0;
    boolean variant = lower.contains("small") || lower.contains("land") || isBackdropName(lower);
    return score + (variant ? 0 : 1);
  }

  static int backdropScore(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return (isBackdropName(lower) || lower.contains("land") ? 2 : 0) + (lower.contains("small") ? 0 : 1);
  }

  private static boolean isBackdropName(String lower) {
    return lower.contains("fanart") || lower.contains("backdrop") || lower.contains("background");
  }

  private Optional<Cover> extract(Path input, CoverStream stream, String kind) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("marquee-cover");
      boolean copy = stream.codec().equals("mjpeg") || stream.codec().equals("png");
      String extension = stream.attachment() ? extensionOf(stream.name())
          : stream.codec().equals("mjpeg") ? "jpg" : "png";
      Path out = dir.resolve("cover." + extension);
      List<String> arguments = stream.attachment()
          // ffmpeg exits with 1 here (no output file), after writing the attachment
          ? List.of("-v", "error", "-y", "-dump_attachment:" + stream.index(), out.toString(),
              "-i", input.toAbsolutePath().toString())
          : List.of("-v", "error", "-y", "-i", input.toAbsolutePath().toString(), "-map", "0:" + stream.index(),
              "-frames:v", "1", "-c:v", copy ? "copy" : "png", "-f", "image2", out.toString());
      FfmpegRunner.Result result = runner.run(FfmpegRunner.Tool.FFMPEG, arguments, settings.probeTimeout(), () -> false);
      if (!Files.isRegularFile(out) || Files.size(out) == 0) {
        log.debug("no cover from stream {} of {} (exit {}): {}", stream.index(), input, result.exitCode(),
            KernelMediaToolkit.lastLine(result.stderrTail()));
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(out);
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
      if (decoded == null) {
        return Optional.empty();
      }
      if (!extension.equals("jpg") && !extension.equals("png")) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(decoded, "png", png);
        return Optional.of(new Cover(kind, png.toByteArray(), "png"));
      }
      return Optional.of(new Cover(kind, bytes, extension));
    } catch (IOException e) {
      log.debug("no cover from stream {} of {}: {}", stream.index(), input, e.toString());
      return Optional.empty();
    } finally {
      deleteTree(dir);
    }
  }

  private static String extensionOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "png";
    }
    return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "jpg" : "img";
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      log.debug("temporary folder {} not deleted: {}", dir, e.toString());
    }
  }
}
