package dev.marquee.example;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code example_greetings} table. Thread-safe: every call takes its own handle. Calls block on
 * the database, so use it from route handlers and tasks, which run on worker threads.
 */
final class GreetingStore {
  private final Jdbi jdbi;
  private final Clock clock;

  GreetingStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Stores {@code text}, which the caller has validated, stamped with the clock's time. */
  Greeting add(String text) {
    Instant now = clock.instant();
    long id = jdbi.withHandle(handle -> handle
        .createUpdate("INSERT INTO example_greetings (text, created_at) VALUES (:text, :createdAt)")
        .bind("text", text)
        .bind("createdAt", now.toEpochMilli())
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one());
    // Stored with millisecond precision: answer with what a later read returns.
    return new Greeting(id, text, Instant.ofEpochMilli(now.toEpochMilli()));
  }

  /** A page of greetings, newest first. */
  List<Greeting> newestFirst(int offset, int limit) {
    return jdbi.withHandle(handle -> handle
        .createQuery("SELECT id, text, created_at FROM example_greetings ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
        .bind("limit", limit)
        .bind("offset", offset)
        .map(GreetingStore::read)
        .list());
  }

  int count() {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM example_greetings").mapTo(Integer.class).one());
  }

  private static Greeting read(ResultSet row, StatementContext context) throws SQLException {
    return new Greeting(row.getLong("id"), row.getString("text"), Instant.ofEpochMilli(row.getLong("created_at")));
  }
}
