package dev.marquee.kernel.db;

import java.util.Map;

/**
 * The one place where the supported databases differ. Migrations are written once and use the
 * placeholders below; Flyway replaces them per dialect.
 */
public enum Dialect {
  SQLITE(Map.of(
      "pk", "INTEGER PRIMARY KEY AUTOINCREMENT",
      "text", "TEXT",
      "table_options", "")),
  MARIADB(Map.of(
      "pk", "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY",
      "text", "LONGTEXT",
      // binary collation: string comparison and uniqueness behave as on SQLite
      "table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"));

  private final Map<String, String> placeholders;

  Dialect(Map<String, String> placeholders) {
    this.placeholders = placeholders;
  }

  /** Flyway placeholders: {@code ${pk}}, {@code ${text}}, {@code ${table_options}}. */
  public Map<String, String> placeholders() {
    return placeholders;
  }

  /**
   * @throws IllegalArgumentException for a JDBC URL of an unsupported database
   */
  public static Dialect fromJdbcUrl(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return MARIADB;
    }
    throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite: or jdbc:mariadb:): " + url);
  }
}
