package dev.marquee.kernel.playback;

import dev.marquee.api.media.MediaToolException;
import dev.marquee.kernel.media.FfmpegRunner;
import dev.marquee.kernel.media.MediaInfo;
import dev.marquee.kernel.media.ProbedStream;
import dev.marquee.kernel.media.ThumbnailCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the trickplay sheets of one file with one ffmpeg run ({@link ThumbnailCommands}) and
 * stores them under {@code <dir>/<fileId>/<width>/<n>.jpg} with their {@code trickplay} row,
 * replacing what was made of the file before. A file that cannot be made gets a row with its error.
 * Thread-safe; one file is never made twice at once ({@link TrickplayQueue} sees to it).
 */
@Singleton
final class TrickplayMaker {
  private static final Logger log = LoggerFactory.getLogger(TrickplayMaker.class);
  /** Where a run writes before its sheets replace the file's earlier ones. */
  static final String WORK_DIR = ".making";
  private static final int MAX_ERROR = 1000;
  /** Time for ffmpeg beyond twice the file's duration: decoding is faster than real time, but a slow disk or CPU is not. */
  private static final Duration BASE_TIMEOUT = Duration.ofMinutes(10);

  private final Jdbi jdbi;
  private final MediaInfo media;
  private final FfmpegRunner runner;
  private final TrickplaySettings settings;
  private final Clock clock;

  @Inject
  TrickplayMaker(Jdbi jdbi, MediaInfo media, FfmpegRunner runner, TrickplaySettings settings, Clock clock) {
    this.jdbi = jdbi;
    this.media = media;
    this.runner = runner;
    this.settings = settings;
    this.clock = clock;
  }

  /** The folder of a file's sheets (all widths). */
  Path fileDir(long fileId) {
    return settings.dir().resolve(Long.toString(fileId));
  }

  /** A sheet of a file. */
  Path sheet(long fileId, int width, int index) {
    return fileDir(fileId).resolve(Integer.toString(width)).resolve(index + ".jpg");
  }

  /**
   * Makes the file's sheets at the current settings (probing it first when needed) and stores them.
   *
   * @param cancelled polled while ffmpeg runs; true kills it and nothing is stored
   * @return the row stored, with an error when nothing could be made; empty when the file went
   *     away or changed meanwhile (nothing is stored: it is pending again)
   * @throws IOException when ffmpeg cannot be started or the sheets cannot be written (nothing is stored)
   * @throws CancellationException when cancelled or interrupted (nothing is stored)
   */
  Optional<TrickplayStore.Made> make(TrickplayStore.FileToMake file, BooleanSupplier cancelled) throws IOException {
    Optional<MediaInfo.Source> probed = media.of(file.fileId());
    if (probed.isEmpty()) {
      return Optional.empty();
    }
    MediaInfo.Source source = probed.get();
    if (source.probeError() != null) {
      return failed(file, "the file could not be probed: " + source.probeError());
    }
    Optional<ProbedStream> video = source.video();
    if (video.isEmpty()) {
      return failed(file, "the file has no video stream");
    }
    long intervalMs = settings.intervalMs();
    long durationMs = source.durationMs() == null ? 0 : Math.max(0, source.durationMs());
    // ffmpeg's fps filter makes duration / interval thumbnails rounded to the nearest: 1 of 12 s, 2 of 15 s at 10 s
    int expected = durationMs == 0
        ? TrickplaySettings.MAX_TILES * TrickplaySettings.MAX_TILES
        : (int) Math.max(1, Math.min(Integer.MAX_VALUE, (durationMs + intervalMs / 2) / intervalMs));
    int columns = Math.min(TrickplaySettings.MAX_TILES, expected);
    int rows = Math.min(TrickplaySettings.MAX_TILES, (expected + columns - 1) / columns);
    Path work = fileDir(file.fileId()).resolve(WORK_DIR);
    deleteTree(work);
    Files.createDirectories(work);
    try {
      List<String> args = ThumbnailCommands.sheets(Path.of(file.path()), video.get().index(), intervalMs,
          settings.width(), columns, rows, video.get().isHdr(), work);
      Duration timeout = BASE_TIMEOUT.plusMillis(2 * durationMs);
      long started = System.nanoTime();
      FfmpegRunner.Result result;
      try {
        result = runner.run(FfmpegRunner.Tool.FFMPEG, args, timeout, cancelled);
      } catch (MediaToolException e) {
        return failed(file, e.getMessage());
      }
      if (result.exitCode() != 0) {
        return failed(file, "ffmpeg failed (exit code " + result.exitCode() + "): " + result.stderrTail());
      }
      int count = (int) result.stdoutText().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
      int perSheet = columns * rows;
      int sheets = sheetsIn(work);
      if (count == 0) {
        return failed(file, "ffmpeg made no thumbnails: " + result.stderrTail());
      }
      if (sheets != (count + perSheet - 1) / perSheet) {
        return failed(file, "ffmpeg made " + sheets + " sheet(s) for " + count + " thumbnail(s)");
      }
      int[] size = imageSize(work.resolve("0.jpg"));
      if (size[0] != columns * settings.width() || size[1] % rows != 0) {
        return failed(file, "unexpected sheet size " + size[0] + "x" + size[1] + " for " + columns + "x" + rows
            + " thumbnails " + settings.width() + " pixels wide");
      }
      TrickplayStore.Made made = new TrickplayStore.Made(file.fileId(), intervalMs, settings.width(), size[1] / rows,
          columns, rows, count, sheets, file.size(), file.mtime(), clock.millis(), null);
      if (!commit(file, made, work)) {
        return Optional.empty();
      }
      log.info("trickplay of file {}: {} thumbnail(s) in {} sheet(s) in {} ms", file.fileId(), count, sheets,
          (System.nanoTime() - started) / 1_000_000);
      return Optional.of(made);
    } finally {
      deleteTree(work);
      try {
        Files.deleteIfExists(fileDir(file.fileId()));
      } catch (DirectoryNotEmptyException e) {
        // it holds the sheets
      }
    }
  }

  /** Deletes what was made of a file: its sheets (the row goes with the file, or is replaced). */
  void deleteSheets(long fileId) throws IOException {
    deleteTree(fileDir(fileId));
  }

  /** Moves the sheets in place of the earlier ones and stores the row, unless the file changed or went meanwhile. */
  private boolean commit(TrickplayStore.FileToMake file, TrickplayStore.Made made, Path work) throws IOException {
    Optional<TrickplayStore.FileToMake> now = jdbi.withExtension(TrickplayStore.class, s -> s.presentFile(file.fileId()));
    if (now.isEmpty() || now.get().size() != file.size() || now.get().mtime() != file.mtime()) {
      log.debug("file {} changed or went while its thumbnails were made: dropped", file.fileId());
      return false;
    }
    clearSheets(file.fileId());
    Files.move(work, fileDir(file.fileId()).resolve(Integer.toString(made.width())), StandardCopyOption.ATOMIC_MOVE);
    try {
      jdbi.useExtension(TrickplayStore.class, s -> s.save(made));
      return true;
    } catch (JdbiException e) {
      // the file was deleted since the check (its row cannot reference it)
      if (jdbi.withExtension(TrickplayStore.class, s -> s.presentFile(file.fileId())).isEmpty()) {
        deleteSheets(file.fileId());
        return false;
      }
      throw e;
    }
  }

  private Optional<TrickplayStore.Made> failed(TrickplayStore.FileToMake file, String error) throws IOException {
    String message = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    log.info("no trickplay for file {} ({}): {}", file.fileId(), file.path(), message);
    TrickplayStore.Made made = new TrickplayStore.Made(file.fileId(), settings.intervalMs(), settings.width(), 0, 0, 0,
        0, 0, file.size(), file.mtime(), clock.millis(), message);
    try {
      jdbi.useExtension(TrickplayStore.class, s -> s.save(made));
    } catch (JdbiException e) {
      if (jdbi.withExtension(TrickplayStore.class, s -> s.presentFile(file.fileId())).isPresent()) {
        throw e;
      }
      return Optional.empty();
    }
    clearSheets(file.fileId());
    return Optional.of(made);
  }

  /** Deletes the file's sheets of every width, not a run's work in progress. */
  private void clearSheets(long fileId) throws IOException {
    Path dir = fileDir(fileId);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        if (!child.getFileName().toString().equals(WORK_DIR)) {
          deleteTree(child);
        }
      }
    }
  }

  /** How many sheets 0.jpg, 1.jpg, ... in a row the folder holds. */
  private static int sheetsIn(Path dir) {
    int n = 0;
    while (Files.isRegularFile(dir.resolve(n + ".jpg"))) {
      n++;
    }
    return n;
  }

  /** Width and height of an image, from its header. */
  private static int[] imageSize(Path image) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new IOException("not an image: " + image);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (NoSuchFileException e) {
          // gone already
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
