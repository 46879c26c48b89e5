package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.http.Role;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuthDaoTest {
  @TempDir
  Path tempDir;

  private interface DbTest {
    void run(Jdbi jdbi) throws Exception;
  }

  private void withDatabase(TestDatabase.Engine engine, DbTest test) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        Database database = Database.open(new Config(db.settings()))) {
      database.migrateKernel();
      test.run(database.jdbi());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void userInsert_returnsGeneratedIdsAndReadsBack(TestDatabase.Engine engine) throws Exception {
    withDatabase(engine, jdbi -> {
      UserDao users = jdbi.onDemand(UserDao.class);
      // when
      long first = users.insert("Alice", "alice", "hash1", "ADMIN", 1000);
      long second = users.insert("bob", "bob", "hash2", "USER", 2000);
      // then
      assertThat(second).isGreaterThan(first).isPositive();
      User alice = users.findByKey("alice").orElseThrow();
      assertThat(alice.id()).isEqualTo(first);
      assertThat(alice.username()).isEqualTo("Alice");
      assertThat(alice.role()).isEqualTo(Role.ADMIN);
      assertThat(alice.disabled()).isFalse();
      assertThat(alice.createdAt().toEpochMilli()).isEqualTo(1000);
      assertThat(users.countEnabledAdmins()).isEqualTo(1);
      assertThat(users.list(0, 10)).extracting(User::username).containsExactly("Alice", "bob");
    });
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void userInsert_sameKeyTwice_isRefused(TestDatabase.Engine engine) throws Exception {
    withDatabase(engine, jdbi -> {
      UserDao users = jdbi.onDemand(UserDao.class);
      users.insert("Alice", "alice", "h", "USER", 1);
      assertThatThrownBy(() -> users.insert("ALICE", "alice", "h", "USER", 2)).isInstanceOf(RuntimeException.class);
      assertThat(users.count()).isEqualTo(1);
    });
  }
}
