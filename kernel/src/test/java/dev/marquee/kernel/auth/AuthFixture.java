package dev.marquee.kernel.auth;

import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.testing.MutableClock;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The auth services over a fresh, migrated database of one engine, with a clock the test moves. */
final class AuthFixture implements AutoCloseable {
  final TestDatabase db;
  final Database database;
  final Jdbi jdbi;
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  final AuthSettings settings;
  final Passwords passwords;
  final UserStates states;
  final LoginThrottle throttle;
  final UserService users;
  final TokenService tokens;
  final ApiKeyService apiKeys;
  final InviteService invites;
  final AuthService auth;

  private AuthFixture(TestDatabase db, Map<String, String> extra) {
    this.db = db;
    Map<String, String> all = new HashMap<>(db.settings());
    all.put("auth.argon2.memory-kib", "64");
    all.put("auth.argon2.iterations", "1");
    all.putAll(extra);
    Config config = new Config(all);
    this.database = Database.open(config);
    database.migrateKernel();
    this.jdbi = database.jdbi();
    this.settings = new AuthSettings(config);
    this.passwords = new Passwords(settings);
    this.states = new UserStates(jdbi, clock, settings);
    this.throttle = new LoginThrottle(clock, settings);
    this.users = new UserService(jdbi, clock, passwords, states, settings, throttle);
    this.tokens = new TokenService(jdbi, clock, new KernelSecrets(jdbi, clock), settings);
    this.apiKeys = new ApiKeyService(jdbi, clock, settings);
    this.invites = new InviteService(jdbi, clock, settings);
    this.auth = new AuthService(users, tokens, new PasswordCheck(users, passwords, throttle));
  }

  static AuthFixture create(TestDatabase.Engine engine, Path tempDir, Map<String, String> settings) {
    return new AuthFixture(TestDatabase.create(engine, tempDir), settings);
  }

  static AuthFixture create(TestDatabase.Engine engine, Path tempDir) {
    return create(engine, tempDir, Map.of());
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      db.close();
    }
  }
}
