package dev.marquee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The assembled distribution started the way an admin does ({@code bin/marquee run}) as a real
 * process on a fresh data directory in {@code work}, on a free port, answering health checks.
 */
final class AssembledServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path home;
  private final Path output;
  private final Process process;
  private final int port;
  private final TestHttp http;

  private AssembledServer(Path home, Path output, Process process, int port) {
    this.home = home;
    this.output = output;
    this.process = process;
    this.port = port;
    this.http = new TestHttp(URI.create("http://127.0.0.1:" + port));
  }

  /** Starts the server with {@code settings} as {@code --set key=value} and waits until it is healthy. */
  static AssembledServer start(Path work, List<String> settings) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("marquee.home", "target/marquee-dev")).toAbsolutePath();
    assertThat(home.resolve("bin/marquee")).as("the assembled distribution").isExecutable();
    int port = freePort();
    Path output = work.resolve("stdout.log");
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/marquee").toString(), "run",
        "--data-dir", work.resolve("data").toString(), "--port", Integer.toString(port)));
    settings.forEach(setting -> command.addAll(List.of("--set", setting)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    // Only what this test sets: no MARQUEE_* of the build's environment leaks into the server.
    builder.environment().keySet().removeIf(name -> name.startsWith("MARQUEE_"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // The first start trains the class-data-sharing archive: keep it in this test's folder.
    builder.environment().put("MARQUEE_CDS_DIR", work.resolve("cds").toString());
    AssembledServer server = new AssembledServer(home, output, builder.start(), port);
    server.waitForHealth();
    return server;
  }

  /** The installation folder (bin/, lib/, plugins/...). */
  Path home() {
    return home;
  }

  /** The JVM itself: bin/marquee exec's java. */
  Process process() {
    return process;
  }

  int port() {
    return port;
  }

  /** A client of the server, without credentials. */
  TestHttp http() {
    return http;
  }

  /** The version in the installation's folder name (marquee-VERSION). */
  String version() {
    String name = home.getFileName().toString();
    return name.substring(name.indexOf('-') + 1);
  }

  /** What the server printed so far (stdout and stderr). */
  String stdout() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server when a test left it running: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (process.waitFor(10, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }

  private void waitForHealth() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited with " + process.exitValue() + ":\n" + stdout());
      }
      try {
        if (http.get("/api/v1/system/health").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no healthy answer within " + START_TIMEOUT + ":\n" + stdout());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
