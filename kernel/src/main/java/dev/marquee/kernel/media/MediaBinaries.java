package dev.marquee.kernel.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * The ffmpeg and ffprobe binaries the runner starts: the configured ones, else the system's on
 * {@code PATH}, else jave2's bundled ffmpeg (extracted to the temporary directory; it comes without
 * ffprobe).
 *
 * @param ffmpeg the ffmpeg binary
 * @param ffprobe the ffprobe binary, when there is one
 * @param bundled whether ffmpeg is jave2's bundled binary
 */
record MediaBinaries(Path ffmpeg, Optional<Path> ffprobe, boolean bundled) {
  private static final Logger log = LoggerFactory.getLogger(MediaBinaries.class);

  /**
   * Finds the binaries. A configured path that is not an executable file is logged and skipped.
   *
   * @param searchPath the {@code PATH} to search, as in the environment
   * @throws IllegalStateException when no ffmpeg is found and the bundled one cannot be extracted
   */
  static MediaBinaries locate(MediaSettings settings, String searchPath) {
    Optional<Path> configuredFfmpeg = settings.ffmpeg().flatMap(p -> executable("media.ffmpeg", Path.of(p)));
    Optional<Path> ffmpeg = configuredFfmpeg.or(() -> onPath("ffmpeg", searchPath));
    Optional<Path> ffprobe = settings.ffprobe().flatMap(p -> executable("media.ffprobe", Path.of(p)))
        .or(() -> ffmpeg.flatMap(f -> sibling(f, "ffprobe")))
        .or(() -> onPath("ffprobe", searchPath));
    if (ffmpeg.isPresent()) {
      return new MediaBinaries(ffmpeg.get(), ffprobe, false);
    }
    Path bundled = bundledFfmpeg();
    log.info("no system ffmpeg found: using the bundled one at {}{}", bundled,
        ffprobe.isEmpty() ? " (no ffprobe: probing reads ffmpeg's report)" : "");
    return new MediaBinaries(bundled, ffprobe, true);
  }

  private static Path bundledFfmpeg() {
    try {
      return Path.of(new DefaultFFMPEGLocator().getExecutablePath());
    } catch (RuntimeException e) {
      throw new IllegalStateException("no ffmpeg on PATH and the bundled ffmpeg cannot be extracted: " + e.getMessage(), e);
    }
  }

  private static Optional<Path> executable(String key, Path path) {
    if (Files.isRegularFile(path) && Files.isExecutable(path)) {
      return Optional.of(path.toAbsolutePath());
    }
    log.warn("config {} is not an executable file, ignoring it: {}", key, path);
    return Optional.empty();
  }

  private static Optional<Path> sibling(Path binary, String name) {
    Path candidate = binary.resolveSibling(name);
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  private static Optional<Path> onPath(String name, String searchPath) {
    if (searchPath == null || searchPath.isBlank()) {
      return Optional.empty();
    }
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
