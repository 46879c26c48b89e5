package dev.marquee.kernel.media;

import dev.marquee.api.media.MediaToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that starts ffmpeg and ffprobe. A run gets an argument list (never a shell line),
 * a time limit, bounded output and a cancellation check; a run that times out, is cancelled or
 * writes too much is killed together with its child processes. Standard error is kept (its end)
 * for error messages. Thread-safe: runs are independent.
 *
 * <p>Kernel features call {@link #run}; plugins reach it through {@link
 * dev.marquee.api.media.MediaToolkit}.
 */
@Singleton
public final class FfmpegRunner {
  private static final Logger log = LoggerFactory.getLogger(FfmpegRunner.class);
  /** Enough for ffprobe's JSON of a file with hundreds of streams and chapters. */
  static final int MAX_STDOUT = 16 * 1024 * 1024;
  /** Enough for ffmpeg's input report of a file with many streams (the fallback probe reads it). */
  static final int STDERR_TAIL = 64 * 1024;
  private static final long POLL_MILLIS = 50;
  private static final long DRAIN_MILLIS = 5_000;

  /** Which binary to run. */
  public enum Tool {
    FFMPEG,
    FFPROBE
  }

  /**
   * A finished run.
   *
   * @param exitCode the process's exit code
   * @param stdout what it wrote on standard output (at most {@value #MAX_STDOUT} bytes)
   * @param stderrTail the end of its standard error, decoded as UTF-8
   */
  public record Result(int exitCode, byte[] stdout, String stderrTail) {
    /** Standard output decoded as UTF-8. */
    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  private final MediaSettings settings;
  private final String searchPath;
  private final Set<Running> live = ConcurrentHashMap.newKeySet();
  private volatile MediaBinaries binaries;

  @Inject
  FfmpegRunner(MediaSettings settings) {
    this(settings, System.getenv("PATH"));
  }

  /** @param searchPath the {@code PATH} to find the binaries on */
  FfmpegRunner(MediaSettings settings, String searchPath) {
    this.settings = settings;
    this.searchPath = searchPath;
  }

  /**
   * The binaries this runner starts, found on first use (a missing ffmpeg does not stop the server
   * from starting; each run tries again).
   *
   * @throws IllegalStateException when there is no ffmpeg at all
   */
  MediaBinaries binaries() {
    MediaBinaries found = binaries;
    if (found == null) {
      synchronized (this) {
        found = binaries;
        if (found == null) {
          found = MediaBinaries.locate(settings, searchPath);
          binaries = found;
        }
      }
    }
    return found;
  }

  /**
   * Runs {@code tool} with {@code arguments} and waits for it. A non-zero exit code is returned,
   * not thrown: callers decide what failure means.
   *
   * @param cancelled polled while the process runs; true kills it
   * @throws MediaToolException ({@code TIMED_OUT}) when it runs over {@code timeout}, ({@code
   *     BAD_OUTPUT}) when standard output passes {@value #MAX_STDOUT} bytes; the process is killed
   * @throws CancellationException when {@code cancelled} turns true or the calling thread is
   *     interrupted (its interrupt flag is kept); the process is killed
   * @throws IOException when the process cannot be started, for example when there is no ffprobe
   */
  public Result run(Tool tool, List<String> arguments, Duration timeout, BooleanSupplier cancelled) throws IOException {
    List<String> command = command(tool, arguments);
    log.debug("running {}", command);
    ProcessBuilder builder = new ProcessBuilder(command);
    Process process = builder.start();
    process.getOutputStream().close();
    Capture stdout = new Capture(process.getInputStream(), MAX_STDOUT, false, tool + "-stdout");
    Capture stderr = new Capture(process.getErrorStream(), STDERR_TAIL, true, tool + "-stderr");
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (cancelled.getAsBoolean()) {
          killTree(process);
          throw new CancellationException(tool.name().toLowerCase() + " cancelled");
        }
        if (System.nanoTime() - deadline > 0) {
          killTree(process);
          throw new MediaToolException(MediaToolException.Reason.TIMED_OUT,
              tool.name().toLowerCase() + " ran over its time limit of " + timeout + " and was killed", stderr.text());
        }
        if (stdout.overflowed()) {
          killTree(process);
          throw new MediaToolException(MediaToolException.Reason.BAD_OUTPUT,
              tool.name().toLowerCase() + " wrote more than " + MAX_STDOUT + " bytes and was killed", stderr.text());
        }
      }
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new CancellationException(tool.name().toLowerCase() + " interrupted");
    }
    stdout.await();
    stderr.await();
    if (stdout.overflowed()) {
      throw new MediaToolException(MediaToolException.Reason.BAD_OUTPUT,
          tool.name().toLowerCase() + " wrote more than " + MAX_STDOUT + " bytes", stderr.text());
    }
    return new Result(process.exitValue(), stdout.bytes(), stderr.text());
  }

  /**
   * Starts ffmpeg with {@code arguments} and returns at once: for long runs that write files while
   * someone waits for them (HLS segments). The process is the caller's to {@link Running#stop()};
   * whatever is still running when the server stops is killed by {@link #stopAll()}. Standard
   * output is discarded, the end of standard error kept.
   *
   * @throws IOException when the process cannot be started
   */
  public Running start(List<String> arguments) throws IOException {
    List<String> command = command(Tool.FFMPEG, arguments);
    log.debug("starting {}", command);
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    process.getOutputStream().close();
    Running running = new Running(process, new Capture(process.getErrorStream(), STDERR_TAIL, true, "ffmpeg-stderr"));
    live.add(running);
    process.onExit().thenRun(() -> live.remove(running));
    return running;
  }

  /** Kills every process {@link #start} started that is still running (the server stops). */
  public void stopAll() {
    List<Running> left = List.copyOf(live);
    if (!left.isEmpty()) {
      log.info("stopping {} ffmpeg process(es)", left.size());
    }
    left.forEach(Running::stop);
  }

  /** How many started processes are alive. */
  public int running() {
    return (int) live.stream().filter(Running::isAlive).count();
  }

  /** A process started by {@link #start}. Thread-safe. */
  public static final class Running {
    private final Process process;
    private final Capture stderr;

    private Running(Process process, Capture stderr) {
      this.process = process;
      this.stderr = stderr;
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /** The operating system's id of the process. */
    public long pid() {
      return process.pid();
    }

    /** The exit code once the process has ended; empty while it runs. */
    public OptionalInt exitCode() {
      return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes with the exit code when the process ends, however it ends. */
    public CompletableFuture<Integer> exit() {
      return process.onExit().thenApply(Process::exitValue);
    }

    /** The end of what it wrote on standard error so far. */
    public String stderrTail() {
      if (!process.isAlive()) {
        stderr.await();
      }
      return stderr.text();
    }

    /** Kills it with its children and waits briefly for them to go; nothing when it has ended. */
    public void stop() {
      if (process.isAlive()) {
        killTree(process);
      }
    }
  }

  private List<String> command(Tool tool, List<String> arguments) throws IOException {
    MediaBinaries binaries;
    try {
      binaries = binaries();
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
    List<String> command = new ArrayList<>(arguments.size() + 4);
    switch (tool) {
      case FFMPEG -> {
        command.add(binaries.ffmpeg().toString());
        command.add("-nostdin");
        command.add("-hide_banner");
      }
      case FFPROBE -> {
        Path ffprobe = binaries.ffprobe()
            .orElseThrow(() -> new IOException("no ffprobe binary: set media.ffprobe or install ffmpeg"));
        command.add(ffprobe.toString());
        command.add("-hide_banner");
      }
    }
    for (String argument : arguments) {
      if (argument == null) {
        throw new IllegalArgumentException("null argument in " + arguments);
      }
      command.add(argument);
    }
    return command;
  }

  /** Kills the process and every process it started, and waits briefly for them to go. */
  private static void killTree(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads one output stream on its own thread, keeping its start (bounded) or its end (a tail). */
  private static final class Capture {
    private final int limit;
    private final boolean tail;
    private final Thread thread;
    private byte[] buffer = new byte[8192];
    private int length;
    private boolean overflowed;

    Capture(InputStream in, int limit, boolean tail, String name) {
      this.limit = limit;
      this.tail = tail;
      this.thread = new Thread(() -> drain(in), "marquee-" + name.toLowerCase());
      thread.setDaemon(true);
      thread.start();
    }

    private void drain(InputStream in) {
      byte[] chunk = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(chunk)) >= 0) {
          append(chunk, n);
        }
      } catch (IOException e) {
        // the process was killed or closed its end: keep what was read
      }
    }

    private synchronized void append(byte[] chunk, int n) {
      if (length + n > limit) {
        if (!tail) {
          overflowed = true;
          return;
        }
        int keep = Math.max(0, limit - n);
        int drop = Math.max(0, length - keep);
        System.arraycopy(buffer, drop, buffer, 0, length - drop);
        length -= drop;
        if (n > limit) {
          System.arraycopy(chunk, n - limit, chunk, 0, limit);
          n = limit;
        }
      }
      if (length + n > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(buffer.length * 2, length + n)));
      }
      System.arraycopy(chunk, 0, buffer, length, n);
      length += n;
    }

    synchronized boolean overflowed() {
      return overflowed;
    }

    synchronized byte[] bytes() {
      return Arrays.copyOf(buffer, length);
    }

    String text() {
      return new String(bytes(), StandardCharsets.UTF_8).strip();
    }

    void await() {
      try {
        thread.join(DRAIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
