package dev.marquee.kernel.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

class DeadlockRetryTest {
  private static ConnectionException failure(SQLException cause) {
    return new ConnectionException(cause);
  }

  @Test
  void run_deadlockVictim_runsAgainUntilItCommits() {
    AtomicInteger runs = new AtomicInteger();
    String result = DeadlockRetry.run(() -> {
      if (runs.incrementAndGet() < 3) {
        throw failure(new SQLTransactionRollbackException("Deadlock found when trying to get lock"));
      }
      return "committed";
    });
    assertThat(result).isEqualTo("committed");
    assertThat(runs).hasValue(3);
  }

  @Test
  void run_otherFailure_isThrownAtOnce() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> DeadlockRetry.run(() -> {
      runs.incrementAndGet();
      throw failure(new SQLException("duplicate key"));
    })).isInstanceOf(ConnectionException.class);
    assertThat(runs).hasValue(1);
  }

  @Test
  void run_deadlockEveryTime_givesUpAfterItsAttempts() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> DeadlockRetry.run(() -> {
      runs.incrementAndGet();
      throw failure(new SQLTransactionRollbackException("Deadlock"));
    })).hasRootCauseInstanceOf(SQLTransactionRollbackException.class);
    assertThat(runs).hasValue(DeadlockRetry.ATTEMPTS);
  }
}
