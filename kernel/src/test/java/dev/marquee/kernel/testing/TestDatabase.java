package dev.marquee.kernel.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database of one engine for one test: an SQLite file in a temporary directory, or
 * a new database on the MariaDB server named by {@code MARQUEE_TEST_MARIADB} (a JDBC URL without a
 * database name, for example {@code jdbc:mariadb://127.0.0.1:3306/?user=u&password=p&sslMode=disable};
 * {@code .ci/run} sets it). Outside CI, MariaDB tests are skipped with a message when it is unset;
 * in CI ({@code CI=true}) they fail instead, so that they never pass silently.
 */
public final class TestDatabase implements AutoCloseable {
  /** The engines every data-layer test runs against. */
  public enum Engine {
    SQLITE,
    MARIADB
  }

  private final Engine engine;
  private final Map<String, String> settings;
  private final Runnable drop;

  private TestDatabase(Engine engine, Map<String, String> settings, Runnable drop) {
    this.engine = engine;
    this.settings = settings;
    this.drop = drop;
  }

  /** For {@code @MethodSource}: every engine. */
  public static Stream<Engine> engines() {
    return Stream.of(Engine.values());
  }

  public static TestDatabase create(Engine engine, Path tempDir) {
    return switch (engine) {
      case SQLITE -> new TestDatabase(engine,
          Map.of("db.url", "jdbc:sqlite:" + tempDir.resolve("test-" + UUID.randomUUID() + ".db")), () -> {});
      case MARIADB -> mariadb();
    };
  }

  private static TestDatabase mariadb() {
    String server = System.getenv("MARQUEE_TEST_MARIADB");
    if (server == null || server.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true but MARQUEE_TEST_MARIADB is unset: MariaDB tests cannot run");
      }
      Assumptions.abort("MARQUEE_TEST_MARIADB is unset: skipping the MariaDB run (bash .ci/run sets it)");
    }
    String name = "marquee_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(server, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    Map<String, String> settings = new HashMap<>();
    settings.put("db.url", server.replaceFirst("/\\?", "/" + name + "?"));
    return new TestDatabase(Engine.MARIADB, settings, () -> execute(server, "DROP DATABASE IF EXISTS " + name));
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB at " + url.replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage(), e);
    }
  }

  public Engine engine() {
    return engine;
  }

  /** Kernel settings that point at this database ({@code db.url}). */
  public Map<String, String> settings() {
    return settings;
  }

  @Override
  public void close() {
    drop.run();
  }
}
