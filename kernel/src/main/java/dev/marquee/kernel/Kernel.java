package dev.marquee.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops every {@link Lifecycle} of the kernel, in phase order. */
@Singleton
public final class Kernel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Kernel.class);

  private final List<Lifecycle> parts;
  private final List<Lifecycle> started = new ArrayList<>();

  @Inject
  Kernel(Set<Lifecycle> parts) {
    this.parts = parts.stream().sorted(Comparator.comparingInt(Lifecycle::phase)).toList();
  }

  /**
   * Starts every part; when one fails, stops those already started and rethrows.
   *
   * @throws IllegalStateException wrapping the failure
   */
  public synchronized void start() {
    for (Lifecycle part : parts) {
      try {
        part.start();
        started.add(part);
      } catch (Exception e) {
        close();
        throw new IllegalStateException("kernel start failed in " + part.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      Lifecycle part = started.get(i);
      try {
        part.stop();
      } catch (Exception e) {
        log.warn("stopping {} failed", part.getClass().getSimpleName(), e);
      }
    }
    started.clear();
  }
}
