package dev.marquee.api.media;

import dev.marquee.api.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs ffprobe and ffmpeg for the kernel and for plugins. The binaries are the system's (or the
 * ones configured as {@code media.ffmpeg} / {@code media.ffprobe}), else the ffmpeg bundled with the
 * server. Processes get an argument list (never a shell), a time limit and bounded output; a
 * process that runs over its limit or is cancelled is killed with its children.
 *
 * <p>Thread-safe. {@link #probe} and {@link #ffmpeg} block while the process runs; {@link
 * #versions} and {@link #build} may run ffmpeg once and then answer from memory. No method returns null.
 */
public interface MediaToolkit {

  /**
   * Reads a media file's container, duration, streams and chapters. Bounded by the kernel's probe
   * timeout ({@code media.probe-timeout}, default 60 s).
   *
   * @param file a readable media file
   * @return what the file holds
   * @throws MediaToolException when the file cannot be read as media, the probe times out or
   *     fails; the message carries ffprobe's last error lines
   * @throws IOException when the process cannot be started
   */
  ProbeResult probe(Path file) throws IOException;

  /**
   * Runs ffmpeg with these arguments (the binary itself is not one of them; {@code -nostdin} is
   * added). Standard output is discarded: write outputs to files.
   *
   * @param arguments ffmpeg's arguments, each one a separate element
   * @param timeout how long the process may run before it is killed
   * @param progress its cancellation kills the process
   * @return the exit code and the end of standard error, whatever the exit code
   * @throws MediaToolException when the process runs over {@code timeout}
   * @throws java.util.concurrent.CancellationException when {@code progress} was cancelled
   * @throws IOException when the process cannot be started
   */
  FfmpegResult ffmpeg(List<String> arguments, Duration timeout, Progress progress) throws IOException;

  /**
   * The binaries in use and their versions.
   *
   * @throws IOException when ffmpeg cannot be run
   */
  ToolVersions versions() throws IOException;

  /**
   * What the ffmpeg binary in use was built with, from {@code -hwaccels}, {@code -encoders}, {@code
   * -decoders} and {@code -filters} (listings that ffmpeg prints on standard output, which {@link
   * #ffmpeg} discards). Read once, then answered from memory. Transcoder drivers check it before
   * they try their hardware.
   *
   * @throws IOException when ffmpeg cannot be run or a listing fails
   */
  FfmpegBuild build() throws IOException;

  /**
   * The outcome of one ffmpeg run.
   *
   * @param exitCode the process's exit code; 0 is success
   * @param stderrTail the last lines of standard error (at most a few KiB)
   */
  record FfmpegResult(int exitCode, String stderrTail) {
    /** @throws NullPointerException when {@code stderrTail} is null */
    public FfmpegResult {
      Objects.requireNonNull(stderrTail, "stderrTail");
    }

    /** Whether ffmpeg exited with 0. */
    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  /**
   * What an ffmpeg binary can do, by ffmpeg's own names. Immutable.
   *
   * @param hwaccels hardware acceleration methods, for example {@code cuda}, {@code vaapi}, {@code qsv}
   * @param encoders encoder names, for example {@code libx264}, {@code h264_nvenc}, {@code aac}
   * @param decoders decoder names, for example {@code h264}, {@code hevc}, {@code libdav1d}
   * @param filters filter names, for example {@code scale_cuda}, {@code tonemap_vaapi}, {@code zscale}
   */
  record FfmpegBuild(Set<String> hwaccels, Set<String> encoders, Set<String> decoders, Set<String> filters) {
    /** @throws NullPointerException when a set is null */
    public FfmpegBuild {
      hwaccels = Set.copyOf(hwaccels);
      encoders = Set.copyOf(encoders);
      decoders = Set.copyOf(decoders);
      filters = Set.copyOf(filters);
    }
  }

  /**
   * The media binaries in use.
   *
   * @param ffmpeg the ffmpeg binary's path
   * @param ffmpegVersion what {@code ffmpeg -version} reports, for example {@code 5.1.4-0+deb12u1}
   * @param ffprobe the ffprobe binary's path, empty when there is none (the bundled fallback has
   *     none; probing then reads what ffmpeg reports)
   * @param bundled whether ffmpeg is the server's bundled fallback rather than the system's
   */
  record ToolVersions(Path ffmpeg, String ffmpegVersion, Optional<Path> ffprobe, boolean bundled) {
    /** @throws NullPointerException when a component is null */
    public ToolVersions {
      Objects.requireNonNull(ffmpeg, "ffmpeg");
      Objects.requireNonNull(ffmpegVersion, "ffmpegVersion");
      Objects.requireNonNull(ffprobe, "ffprobe");
    }
  }
}
