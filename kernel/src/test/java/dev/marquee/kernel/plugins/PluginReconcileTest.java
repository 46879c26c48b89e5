package dev.marquee.kernel.plugins;

import static dev.marquee.kernel.plugins.TestRepository.versioned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.plugins.repository.PluginKeys;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kill -9 at each point of an upgrade from greeter 1.0.0 to 2.0.0: the files and rows are set up
 * as the crash would leave them, then a kernel boots; it must serve exactly one whole version.
 */
class PluginReconcileTest {
  private static final String OLD = "greeter-1.0.0.jar";
  private static final String NEW = "greeter-2.0.0.jar";
  private static final String PARTIAL = "." + NEW + ".partial";

  @TempDir
  Path tempDir;

  /** Where the crash happened, and which version must serve after the restart. */
  enum CrashPoint {
    /** The new file was being written; no intent yet. */
    WRITING_BEFORE_INTENT("1.0.0"),
    /** Intent recorded, new file still under its temporary name. */
    INTENT_BEFORE_RENAME("1.0.0"),
    /** Renamed, the phase not yet SWITCHING. */
    RENAMED_BEFORE_SWITCHING("1.0.0"),
    /** SWITCHING: the new file is complete, the old one still there. */
    SWITCHING_BOTH_FILES("2.0.0"),
    /** SWITCHING: the old file was deleted, the rows not yet updated. */
    SWITCHING_OLD_DELETED("2.0.0"),
    /** SWITCHING, but the new file is not what was checked (a disk that lost the tail). */
    SWITCHING_NEW_FILE_TRUNCATED("1.0.0"),
    /** The new version failed to start and was being rolled back. */
    ROLLING_BACK("1.0.0"),
    /** A first install (nothing before) in SWITCHING. */
    FIRST_INSTALL_SWITCHING("2.0.0"),
    /** A first install with only the temporary file written. */
    FIRST_INSTALL_WRITING(null),
    /** An uninstall deleted the file but not the row. */
    UNINSTALL_FILE_DELETED(null);

    final String serving;

    CrashPoint(String serving) {
      this.serving = serving;
    }
  }

  static Stream<Arguments> crashes() {
    return TestDatabase.engines().flatMap(engine -> Arrays.stream(CrashPoint.values()).map(point -> Arguments.of(engine, point)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("crashes")
  void boot_afterACrash_servesTheOldOrTheNewVersionNeverBoth(TestDatabase.Engine engine, CrashPoint point) throws IOException {
    Path dataDir = tempDir.resolve("data");
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    Path built = Files.createDirectories(tempDir.resolve("built"));
    Path oldJar = versioned("greeter", "1.0.0", null).writeJar(built.resolve(OLD));
    Path newJar = versioned("greeter", "2.0.0", null).writeJar(built.resolve(NEW));
    String oldSha = PluginKeys.sha512(oldJar);
    String newSha = PluginKeys.sha512(newJar);
    try (TestDatabase db = TestDatabase.create(engine, tempDir)) {
      Map<String, String> settings = new HashMap<>(db.settings());
      settings.put(ConfigLoader.DATA_DIR, dataDir.toString());
      try (Database database = Database.open(new Config(settings))) {
        database.migrateKernel();
        PluginStore store = new PluginStore(database.jdbi(), Clock.systemUTC());
        boolean firstInstall = point == CrashPoint.FIRST_INSTALL_SWITCHING || point == CrashPoint.FIRST_INSTALL_WRITING;
        if (!firstInstall) {
          // 1.0.0 was installed and serving
          Files.copy(oldJar, plugins.resolve(OLD));
          store.beginIntent("greeter", OLD, "1.0.0", oldSha, null, "http://repo/plugin.json");
          store.completeIntent(store.intent("greeter").orElseThrow());
        }
        String oldFile = firstInstall ? null : OLD;
        switch (point) {
          case WRITING_BEFORE_INTENT -> Files.copy(newJar, plugins.resolve(PARTIAL));
          case INTENT_BEFORE_RENAME, FIRST_INSTALL_WRITING -> {
            Files.copy(newJar, plugins.resolve(PARTIAL));
            store.beginIntent("greeter", NEW, "2.0.0", newSha, oldFile, "http://repo/plugin.json");
          }
          case RENAMED_BEFORE_SWITCHING -> {
            Files.copy(newJar, plugins.resolve(NEW));
            store.beginIntent("greeter", NEW, "2.0.0", newSha, oldFile, "http://repo/plugin.json");
          }
          case SWITCHING_BOTH_FILES, FIRST_INSTALL_SWITCHING -> switching(store, newJar, plugins, newSha, oldFile);
          case SWITCHING_OLD_DELETED -> {
            switching(store, newJar, plugins, newSha, oldFile);
            Files.delete(plugins.resolve(OLD));
          }
          case SWITCHING_NEW_FILE_TRUNCATED -> {
            switching(store, newJar, plugins, newSha, oldFile);
            byte[] bytes = Files.readAllBytes(newJar);
            Files.write(plugins.resolve(NEW), Arrays.copyOf(bytes, bytes.length / 2));
          }
          case ROLLING_BACK -> {
            switching(store, newJar, plugins, newSha, oldFile);
            store.setPhase("greeter", PluginStore.Phase.ROLLING_BACK);
          }
          case UNINSTALL_FILE_DELETED -> Files.delete(plugins.resolve(OLD));
          default -> throw new IllegalStateException();
        }
      }

      // when
      try (TestKernel kernel = TestKernel.start(dataDir, db.settings())) {
        // then
        var answer = kernel.http().get("/api/v1/greeter/version");
        if (point.serving == null) {
          assertThat(answer.status()).isEqualTo(404);
          assertThat(files(plugins)).isEmpty();
        } else {
          assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
          assertThat(answer.json().path("version").asText()).isEqualTo(point.serving);
          assertThat(files(plugins)).containsExactly("greeter-" + point.serving + ".jar");
        }
        PluginStore store = new PluginStore(kernel.component().database().jdbi(), Clock.systemUTC());
        assertThat(store.intents()).isEmpty();
        assertThat(store.installed()).extracting(PluginStore.Installed::version)
            .containsExactlyElementsOf(point.serving == null ? List.of() : List.of(point.serving));
      }
    }
  }

  private static void switching(PluginStore store, Path newJar, Path plugins, String newSha, String oldFile) throws IOException {
    Files.copy(newJar, plugins.resolve(NEW));
    store.beginIntent("greeter", NEW, "2.0.0", newSha, oldFile, "http://repo/plugin.json");
    store.setPhase("greeter", PluginStore.Phase.SWITCHING);
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
