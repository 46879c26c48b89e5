package dev.marquee.kernel.media;

import dev.marquee.api.Progress;
import dev.marquee.api.media.MediaToolException;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.kernel.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The kernel's {@link MediaToolkit}: probes with ffprobe's JSON, or with ffmpeg's own report when
 * only the bundled ffmpeg (which has no ffprobe) is there. Public for the plugin host's context
 * and for tests, which build one with {@link #create}.
 */
@Singleton
public final class KernelMediaToolkit implements MediaToolkit {
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(15);

  private final FfmpegRunner runner;
  private final Duration probeTimeout;
  private volatile ToolVersions versions;
  private volatile FfmpegBuild build;

  @Inject
  KernelMediaToolkit(FfmpegRunner runner, MediaSettings settings) {
    this.runner = runner;
    this.probeTimeout = settings.probeTimeout();
  }

  /** A toolkit with its own runner, outside the Dagger graph (tests, tools). */
  public static KernelMediaToolkit create(Config config) {
    MediaSettings settings = MediaSettings.from(config);
    return new KernelMediaToolkit(new FfmpegRunner(settings), settings);
  }

  @Override
  public ProbeResult probe(Path file) throws IOException {
    return probeWithCovers(file).result();
  }

  /** As {@link #probe}, with the file's cover art streams (none found without ffprobe). */
  FfprobeJson.Probed probeWithCovers(Path file) throws IOException {
    String input = file.toAbsolutePath().toString();
    if (runner.binaries().ffprobe().isEmpty()) {
      // ffmpeg without an output exits with 1 after printing the input's report
      FfmpegRunner.Result result = runner.run(FfmpegRunner.Tool.FFMPEG, List.of("-i", input), probeTimeout, () -> false);
      return new FfprobeJson.Probed(FfmpegReport.parse(result.stderrTail(), file), List.of());
    }
    List<String> arguments = new ArrayList<>(FfprobeJson.ARGUMENTS);
    arguments.add(input);
    FfmpegRunner.Result result = runner.run(FfmpegRunner.Tool.FFPROBE, arguments, probeTimeout, () -> false);
    if (result.exitCode() != 0) {
      throw new MediaToolException(MediaToolException.Reason.FAILED,
          "ffprobe failed on " + file + " (exit " + result.exitCode() + "): " + lastLine(result.stderrTail()),
          result.stderrTail());
    }
    try {
      return FfprobeJson.parseWithCovers(result.stdoutText());
    } catch (IOException e) {
      throw new MediaToolException(MediaToolException.Reason.BAD_OUTPUT,
          "ffprobe's report on " + file + " is unreadable: " + e.getMessage(), result.stderrTail());
    }
  }

  @Override
  public FfmpegResult ffmpeg(List<String> arguments, Duration timeout, Progress progress) throws IOException {
    FfmpegRunner.Result result = runner.run(FfmpegRunner.Tool.FFMPEG, arguments, timeout, progress::isCancelled);
    return new FfmpegResult(result.exitCode(), result.stderrTail());
  }

  @Override
  public ToolVersions versions() throws IOException {
    ToolVersions known = versions;
    if (known == null) {
      FfmpegRunner.Result result = runner.run(FfmpegRunner.Tool.FFMPEG, List.of("-version"), VERSION_TIMEOUT, () -> false);
      if (result.exitCode() != 0) {
        throw new MediaToolException(MediaToolException.Reason.FAILED,
            "ffmpeg -version failed (exit " + result.exitCode() + ")", result.stderrTail());
      }
      MediaBinaries binaries = runner.binaries();
      known = new ToolVersions(binaries.ffmpeg(), version(result.stdoutText()), binaries.ffprobe(), binaries.bundled());
      versions = known;
    }
    return known;
  }

  @Override
  public FfmpegBuild build() throws IOException {
    FfmpegBuild known = build;
    if (known == null) {
      known = new FfmpegBuild(listing("-hwaccels"), listing("-encoders"), listing("-decoders"), listing("-filters"));
      build = known;
    }
    return known;
  }

  private Set<String> listing(String option) throws IOException {
    FfmpegRunner.Result result = runner.run(FfmpegRunner.Tool.FFMPEG, List.of(option), VERSION_TIMEOUT, () -> false);
    if (result.exitCode() != 0) {
      throw new MediaToolException(MediaToolException.Reason.FAILED,
          "ffmpeg " + option + " failed (exit " + result.exitCode() + "): " + lastLine(result.stderrTail()),
          result.stderrTail());
    }
    return names(option, result.stdoutText());
  }

  /**
   * The names in one of ffmpeg's listings: {@code -hwaccels} has one per line under a title;
   * {@code -encoders} and {@code -decoders} have {@code " V....D libx264  description"} rows under
   * a {@code ------} line; {@code -filters} has {@code " ..C scale  V->V  description"} rows.
   */
  static Set<String> names(String option, String listing) {
    Set<String> names = new TreeSet<>();
    boolean table = false;
    for (String line : listing.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] words = trimmed.split("\\s+");
      switch (option) {
        case "-hwaccels" -> {
          if (!trimmed.endsWith(":")) {
            names.add(words[0]);
          }
        }
        case "-filters" -> {
          if (words.length >= 3 && words[0].matches("[T.][S.][C.]") && words[2].contains("->")) {
            names.add(words[1]);
          }
        }
        default -> {
          if (table && words.length >= 2) {
            names.add(words[1]);
          }
          table |= trimmed.startsWith("------");
        }
      }
    }
    return names;
  }

  /** {@code ffmpeg version 5.1.4-0+deb12u1 Copyright ...} → {@code 5.1.4-0+deb12u1}. */
  static String version(String versionOutput) {
    String first = versionOutput.lines().findFirst().orElse("").strip();
    String[] words = first.split("\\s+");
    return words.length >= 3 && words[1].equals("version") ? words[2] : first;
  }

  static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "no error output" : lines.get(lines.size() - 1).strip();
  }
}
