package dev.marquee.kernel.db;

import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a write transaction again when the database rolled it back as a deadlock victim. On MariaDB,
 * InnoDB's gap locks make two transactions that replace rows by delete-then-insert (a missing row's
 * delete locks the gap its insert then needs) deadlock each other; one of them is rolled back and
 * simply has to run again. SQLite has one writer and never needs it.
 */
public final class DeadlockRetry {
  private static final Logger log = LoggerFactory.getLogger(DeadlockRetry.class);
  /** Runs in all; a fifth deadlock in a row is reported. */
  static final int ATTEMPTS = 5;

  private DeadlockRetry() {}

  /** Runs {@code transaction} (one whole transaction) until it commits or fails for another reason. */
  public static <T> T run(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (JdbiException e) {
        if (attempt >= ATTEMPTS || !isRollback(e)) {
          throw e;
        }
        log.debug("transaction rolled back by the database (attempt {}), running it again: {}", attempt, e.getMessage());
        backOff(attempt);
      }
    }
  }

  /** As {@link #run(Supplier)} for a transaction without a result. */
  public static void run(Runnable transaction) {
    run(() -> {
      transaction.run();
      return null;
    });
  }

  /** A random pause that grows with each attempt, so that the transactions that met do not meet again. */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20) * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to run a transaction again", e);
    }
  }

  private static boolean isRollback(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransactionRollbackException) {
        return true;
      }
    }
    return false;
  }
}
