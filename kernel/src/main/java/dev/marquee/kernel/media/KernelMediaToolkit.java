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
