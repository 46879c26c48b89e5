package dev.marquee.kernel.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reading epoch-millisecond columns. */
final class Columns {
  private Columns() {}

  /** The column as an instant, or null when it is NULL. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
