package dev.marquee.kernel;

import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import dev.marquee.kernel.plugins.repository.PluginCommand;
import dev.marquee.kernel.system.KernelVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code marquee} command line: {@code run}, {@code migrate}, {@code plugin}, {@code version}. */
@Command(name = "marquee", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    subcommands = {Main.Run.class, Main.Migrate.class, PluginCommand.class},
    description = "Marquee media server.")
public final class Main implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options every command that reads the configuration shares. */
  static class ConfigOptions {
    @Option(names = "--config", description = "YAML configuration file (default: marquee.yml in the data directory)")
    Path configFile;

    @Option(names = "--data-dir", description = "Data directory (default: $XDG_DATA_HOME/marquee or ~/.local/share/marquee)")
    Path dataDir;

    @Option(names = "--port", description = "HTTP port (default 8096)")
    Integer port;

    @Option(names = "--set", description = "Any setting, as key=value; repeatable", paramLabel = "KEY=VALUE")
    Map<String, String> settings = new LinkedHashMap<>();

    Config load() {
      Map<String, String> cli = new LinkedHashMap<>(settings);
      if (dataDir != null) {
        cli.put(ConfigLoader.DATA_DIR, dataDir.toString());
      }
      if (port != null) {
        cli.put("http.port", port.toString());
      }
      return ConfigLoader.load(System.getenv(), configFile, cli);
    }
  }

  @Command(name = "run", description = "Start the server and serve until stopped.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() throws InterruptedException {
      Config config = options.load();
      KernelComponent component = KernelComponent.create(config, Clock.systemUTC());
      Kernel kernel = component.kernel();
      long started = System.nanoTime();
      kernel.start();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        kernel.close();
        stopped.countDown();
      }, "marquee-shutdown"));
      int port = component.httpServer().port();
      log.info("Marquee {} started in {} ms; data in {}", KernelVersion.current(), (System.nanoTime() - started) / 1_000_000, config.dataDir());
      System.out.printf("%nMarquee is running at http://localhost:%d/%n", port);
      component.firstBootHint().ifPresent(hint -> System.out.println(hint.replace("{port}", Integer.toString(port))));
      System.out.flush();
      stopped.await();
      return 0;
    }
  }

  @Command(name = "migrate", description = "Apply database migrations and exit.")
  static final class Migrate implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() {
      try (var database = dev.marquee.kernel.db.Database.open(options.load())) {
        database.migrateKernel();
      }
      System.out.println("database is up to date");
      return 0;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"marquee " + KernelVersion.current()};
    }
  }
}
