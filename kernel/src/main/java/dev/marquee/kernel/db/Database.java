package dev.marquee.kernel.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.marquee.kernel.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.logging.LogFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's database: a HikariCP pool, Jdbi over it, and Flyway migrations for the kernel and
 * for each plugin.
 *
 * <p>Default: an embedded SQLite file {@code marquee.db} in the data directory, in WAL mode with a
 * busy timeout. SQLite allows one writer at a time, so its pool holds one connection: writes queue
 * in the pool instead of failing with SQLITE_BUSY. Production: MariaDB, chosen by {@code db.url}
 * ({@code MARQUEE_DB_URL}), with {@code db.user} and {@code db.password}.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  public static final String KERNEL_MIGRATIONS = "classpath:db/migration/kernel";

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Jdbi jdbi;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbi = newJdbi();
  }

  /** Opens the pool; does not migrate. */
  public static Database open(Config config) {
    String url = config.get("db.url").orElseGet(() -> defaultUrl(config.dataDir()));
    Dialect dialect = Dialect.fromJdbcUrl(url);
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("marquee-db");
    hikari.setJdbcUrl(url);
    config.get("db.user").ifPresent(hikari::setUsername);
    config.get("db.password").ifPresent(hikari::setPassword);
    hikari.setConnectionTimeout(config.getDuration("db.connect-timeout", java.time.Duration.ofSeconds(30)).toMillis());
    if (dialect == Dialect.SQLITE) {
      hikari.setMaximumPoolSize(1);
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("synchronous", "NORMAL");
      hikari.addDataSourceProperty("busy_timeout", "10000");
      hikari.addDataSourceProperty("foreign_keys", "true");
      // a 100,000-file scan outgrows the default 2 MB page cache; checkpoints every 4 MB of WAL fsync per few commits
      hikari.addDataSourceProperty("cache_size", "-16384");
      hikari.addDataSourceProperty("temp_store", "MEMORY");
      hikari.addDataSourceProperty("wal_autocheckpoint", "4000");
    } else {
      hikari.setMaximumPoolSize(config.getInt("db.pool-size", 10));
    }
    log.info("database: {} ({})", redact(url), dialect);
    return new Database(new HikariDataSource(hikari), dialect);
  }

  static String defaultUrl(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    return "jdbc:sqlite:" + dataDir.resolve("marquee.db");
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** Applies the kernel's migrations. */
  public void migrateKernel() {
    migrate(KERNEL_MIGRATIONS, "flyway_schema_history", Database.class.getClassLoader());
  }

  /**
   * Applies the migrations found at {@code location} with {@code classLoader}, keeping their history
   * in {@code historyTable}, so that the kernel and each plugin version their schema on their own.
   *
   * @return how many migrations ran
   */
  public int migrate(String location, String historyTable, ClassLoader classLoader) {
    Flyway flyway = Flyway.configure(classLoader)
        .dataSource(dataSource)
        .locations(location)
        .table(historyTable)
        .placeholders(dialect.placeholders())
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .failOnMissingLocations(false)
        .load();
    try {
      return flyway.migrate().migrationsExecuted;
    } finally {
      // Flyway keeps the last configuration, and with it the class loader, in a static field: a
      // plugin's loader must not stay reachable from there after the plugin is unloaded.
      LogFactory.setConfiguration(null);
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * A Jdbi of its own over the same pool, configured as {@link #jdbi()}: for a plugin, whose
   * registrations (mappers, arguments) and Jdbi's caches of its classes must go with it when it is
   * unloaded, and must never change the kernel's Jdbi.
   */
  public Jdbi newJdbi() {
    return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
  }

  public Dialect dialect() {
    return dialect;
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /** Whether the database answers a trivial query now. */
  public boolean isReachable() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
