package dev.marquee.kernel.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for what background work (the event bus, the probe queue, the task scheduler) makes true
 * sooner or later. A wait that runs out fails with what was awaited and, when given, a description
 * of the state at that moment, so a failure on a slow machine says why.
 */
public final class Eventually {
  private static final long POLL_MILLIS = 50;
  /** Long enough for ffmpeg and a scan on a loaded CI machine; a passing wait returns at once. */
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private Eventually() {}

  /** Waits until the condition holds; fails after a minute. */
  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, DEFAULT_TIMEOUT, condition, () -> "");
  }

  /** Waits until the condition holds; fails after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    await(what, timeout, condition, () -> "");
  }

  /**
   * Waits until the condition holds; fails after {@code timeout} with {@code state}'s description
   * of what there was instead.
   */
  public static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String described = state.get();
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what
            + (described.isEmpty() ? "" : "; instead: " + described));
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
