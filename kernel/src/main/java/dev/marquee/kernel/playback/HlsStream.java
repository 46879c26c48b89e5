package dev.marquee.kernel.playback;

import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.media.FfmpegRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of a session (a video variant or an audio rendition) and the ffmpeg run that makes its
 * segments. Each run writes into its own folder ({@code <stream>/<run>/<n>.ts}), so a run started
 * for a seek never overwrites what an earlier run made while a player reads it. A segment is done
 * when the next one exists in its run's folder, or when its run ended successfully.
 *
 * <p>Asking for a segment that no run has made: waits for the current run when it is about to
 * reach it, else stops that run and starts a new one at the segment (a seek far ahead or back).
 *
 * <p>A transcoded stream may carry a software {@link Fallback}: when a run of its first command
 * (a hardware driver's) exits with an error without being stopped, the stream switches to the
 * fallback for good, logs a warning with ffmpeg's error output, and runs again from the segment
 * asked for; a second failure answers 500. Thread-safe.
 */
final class HlsStream {
  private static final Logger log = LoggerFactory.getLogger(HlsStream.class);
  /** A run this many segments short of the one asked for is waited for rather than replaced. */
  static final int WAIT_AHEAD = 3;
  /**
   * How often a waiting request looks for its segment: a few file lookups, so often enough that a
   * player waits for ffmpeg rather than for the poll (at 25 ms a first segment waited 12 ms more).
   */
  private static final long POLL_MILLIS = 5;

  /** One ffmpeg run from {@code first} on. */
  private record Run(int number, int first, Path dir, FfmpegRunner.Running process) {
    boolean succeeded() {
      return process.exitCode().orElse(-1) == 0;
    }
  }

  /**
   * The software command a transcoded stream switches to when its driver's runs fail.
   *
   * @param driverId the driver whose command runs first
   * @param command the software command
   * @param transcoder who writes the software command ({@code software} or the kernel's built-in)
   * @param failed told the driver's ffmpeg error output when the switch happens
   */
  record Fallback(String driverId, BiFunction<Integer, Path, List<String>> command, String transcoder,
      Consumer<String> failed) {}

  private static final int LOGGED_ERROR_CHARS = 4000;

  private final String key;
  private final Path dir;
  private final SegmentPlan plan;
  private BiFunction<Integer, Path, List<String>> command;
  private String transcoder;
  private Fallback fallback;
  private final FfmpegRunner runner;
  private final List<Run> runs = new ArrayList<>();
  /** Runs stopped on purpose (replaced, idle): their end is no failure. */
  private final Set<Integer> stopped = new HashSet<>();
  private boolean closed;

  /**
   * @param command the ffmpeg arguments of a run from a segment index into a folder
   */
  HlsStream(String key, Path dir, SegmentPlan plan, FfmpegRunner runner, BiFunction<Integer, Path, List<String>> command) {
    this(key, dir, plan, runner, command, null, null);
  }

  /**
   * A transcoded stream.
   *
   * @param transcoder the driver (or {@code built-in-software}) whose arguments {@code command} runs
   * @param fallback what to switch to when those runs fail; null for none
   */
  HlsStream(String key, Path dir, SegmentPlan plan, FfmpegRunner runner, BiFunction<Integer, Path, List<String>> command,
      String transcoder, Fallback fallback) {
    this.key = key;
    this.dir = dir;
    this.plan = plan;
    this.runner = runner;
    this.command = command;
    this.transcoder = transcoder;
    this.fallback = fallback;
  }

  String key() {
    return key;
  }

  SegmentPlan plan() {
    return plan;
  }

  /** Whose arguments the stream's runs use now; null for a stream that is not transcoded. */
  synchronized String transcoder() {
    return transcoder;
  }

  /**
   * The file of segment {@code index}, made first when needed.
   *
   * @throws ApiException 404 for an index outside the plan, 503 when it is not ready within
   *     {@code timeout}, 500 when ffmpeg fails to make it
   */
  synchronized Path segment(int index, Duration timeout) throws InterruptedException {
    if (index < 0 || index >= plan.count()) {
      throw ApiException.notFound("no segment " + index + " in stream " + key);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (closed) {
        throw ApiException.notFound("the session has ended");
      }
      Optional<Path> done = done(index);
      if (done.isPresent()) {
        return done.get();
      }
      Run current = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      boolean coming = current != null && current.process().isAlive() && current.first() <= index
          && index <= highest(current) + WAIT_AHEAD;
      if (!coming) {
        if (current != null && !current.process().isAlive() && !stopped.contains(current.number())
            && current.first() <= index && index <= highest(current) + 1) {
          // its run ended without making it: ffmpeg failed, or the media ends before its probed duration
          int exit = current.process().exitCode().orElse(-1);
          if (exit == 0 || fallback == null) {
            throw new ApiException(500, "TRANSCODE_FAILED", "ffmpeg failed making segment " + index + " of " + key
                + ": " + lastLine(current.process().stderrTail()));
          }
          fallBack(index, exit, current.process().stderrTail());
        }
        start(index);
      }
      if (System.nanoTime() > deadline) {
        throw new ApiException(503, "SEGMENT_NOT_READY", "segment " + index + " of " + key + " is not ready yet");
      }
      wait(POLL_MILLIS);
    }
  }

  /**
   * Starts making the stream from its first segment unless it has a run already: a player asks for
   * that segment right after the playlists, so ffmpeg's start overlaps their round trips.
   */
  synchronized void warm() {
    if (!closed && runs.isEmpty()) {
      try {
        start(0);
      } catch (ApiException e) {
        log.debug("stream {}: not warmed: {}", key, e.getMessage());
      }
    }
  }

  /** Stops the running ffmpeg (an idle session); segments made stay. */
  synchronized void stop() {
    runs.stream().filter(run -> run.process().isAlive()).forEach(run -> {
      stopped.add(run.number());
      run.process().stop();
    });
  }

  /** Stops ffmpeg for good; later segment requests answer 404. */
  synchronized void close() {
    closed = true;
    stop();
  }

  synchronized boolean running() {
    return runs.stream().anyMatch(run -> run.process().isAlive());
  }

  private void start(int index) {
    stop();
    Path runDir = dir.resolve(String.valueOf(runs.size()));
    try {
      Files.createDirectories(runDir);
      FfmpegRunner.Running process = runner.start(command.apply(index, runDir));
      runs.add(new Run(runs.size(), index, runDir, process));
      log.debug("stream {}: ffmpeg {} from segment {}", key, process.pid(), index);
    } catch (IOException e) {
      throw new ApiException(500, "TRANSCODE_FAILED", "cannot start ffmpeg for stream " + key + ": " + e.getMessage());
    }
  }

  /** Switches to the software command for good. */
  private void fallBack(int index, int exit, String stderr) {
    Fallback used = fallback;
    fallback = null;
    command = used.command();
    transcoder = used.transcoder();
    String tail = stderr.length() <= LOGGED_ERROR_CHARS ? stderr : stderr.substring(stderr.length() - LOGGED_ERROR_CHARS);
    log.warn("stream {}: the {} transcoder failed (ffmpeg exit {}) before segment {}; falling back to {} for this"
        + " stream. ffmpeg said:\n{}", key, used.driverId(), exit, index, used.transcoder(), tail);
    used.failed().accept(stderr);
  }

  /** A finished copy of segment {@code index} from any run. */
  private Optional<Path> done(int index) {
    for (int i = runs.size() - 1; i >= 0; i--) {
      Run run = runs.get(i);
      if (index < run.first()) {
        continue;
      }
      Path file = run.dir().resolve(index + ".ts");
      if (Files.exists(file) && (Files.exists(run.dir().resolve((index + 1) + ".ts")) || run.succeeded())) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** The highest segment a run has begun writing; one short of its first when none yet. */
  private static int highest(Run run) {
    int index = run.first();
    while (Files.exists(run.dir().resolve(index + ".ts"))) {
      index++;
    }
    return index - 1;
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }
}
