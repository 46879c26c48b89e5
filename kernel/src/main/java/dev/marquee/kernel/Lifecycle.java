package dev.marquee.kernel;

/**
 * A part of the kernel that starts and stops with it. Each feature module contributes its own
 * with {@code @IntoSet}; the {@link Kernel} starts them by ascending {@link #phase()} and stops them
 * in reverse.
 */
public interface Lifecycle {
  /** Database migrations. */
  int DATABASE = 0;
  /** Kernel routes, tasks and other registrations that need the schema. */
  int SERVICES = 10;
  /** Plugins, which need the kernel's services. */
  int PLUGINS = 20;
  /** Work that needs every service and plugin in place, such as first-boot content. */
  int READY = 50;
  /** Accepting requests, once everything answers. */
  int HTTP = 100;
  /**
   * Background work that may start late: started once the server answers, so that its processes
   * (hardware probes run ffmpeg) do not share the cores with the start itself.
   */
  int BACKGROUND = 200;

  int phase();

  void start() throws Exception;

  void stop() throws Exception;

  /** One step of starting or stopping. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /** A part made of a start step and a stop step. */
  static Lifecycle of(int phase, Step start, Step stop) {
    return new Lifecycle() {
      @Override
      public int phase() {
        return phase;
      }

      @Override
      public void start() throws Exception {
        start.run();
      }

      @Override
      public void stop() throws Exception {
        stop.run();
      }
    };
  }
}
