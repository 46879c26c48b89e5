package dev.marquee.api;

import java.util.concurrent.CancellationException;

/**
 * The handle a slow or remote call receives from its caller: it reports how far it got and learns
 * whether the caller gave up. Thread-safe: any thread of the callee may use it. The method names
 * match {@link dev.marquee.api.task.TaskContext}, so a task hands its own context on with {@code
 * Progress.of(context::progress, context::isCancelled)}.
 *
 * <p>A callee should call {@link #checkCancelled()} between units of work (one HTTP request, one
 * file, one episode); the caller also interrupts the calling thread on cancellation, so blocking I/O
 * that honours interrupts ends early too.
 */
public interface Progress {

  /**
   * Reports progress. Cheap and never blocks: the caller throttles what it stores and publishes.
   *
   * @param percent how much is done, clamped to 0–100
   * @param message what is being done now, or null
   */
  void progress(int percent, String message);

  /** Whether the caller has asked the work to stop. Cheap, never blocks. */
  boolean isCancelled();

  /**
   * Throws when the work is cancelled; call it between units of work.
   *
   * @throws CancellationException when {@link #isCancelled()}
   */
  default void checkCancelled() {
    if (isCancelled()) {
      throw new CancellationException("cancelled by the caller");
    }
  }

  /** A handle that ignores progress and is never cancelled; for tests and for callers that wait. */
  static Progress none() {
    return of((percent, message) -> { }, () -> false);
  }

  /**
   * A handle over two functions, for adapting another progress mechanism.
   *
   * @param reporter receives every {@link #progress} call
   * @param cancelled answers {@link #isCancelled()}
   */
  static Progress of(Reporter reporter, java.util.function.BooleanSupplier cancelled) {
    java.util.Objects.requireNonNull(reporter, "reporter");
    java.util.Objects.requireNonNull(cancelled, "cancelled");
    return new Progress() {
      @Override
      public void progress(int percent, String message) {
        reporter.progress(Math.max(0, Math.min(100, percent)), message);
      }

      @Override
      public boolean isCancelled() {
        return cancelled.getAsBoolean();
      }
    };
  }

  /** Receives progress reports; see {@link Progress#progress}. */
  @FunctionalInterface
  interface Reporter {
    /** Receives one report; must not block. */
    void progress(int percent, String message);
  }
}
