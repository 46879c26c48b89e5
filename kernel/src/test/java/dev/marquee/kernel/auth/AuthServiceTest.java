package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Role;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.event.Event;
import dev.marquee.kernel.testing.TestDatabase.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The auth services against real databases of both engines. */
class AuthServiceTest {
  private static final String PASSWORD = "password-123";

  @TempDir
  Path tempDir;

  private static void assertApiError(ThrowingCallable call, int status, String code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.code()).isEqualTo(code);
    });
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void setup_concurrently_exactlyOneWins(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      // given
      int racers = 4;
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<User>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String name = "admin" + i;
        results.add(pool.submit(() -> {
          go.await();
          return f.users.setup(name, PASSWORD);
        }));
      }
      // when
      go.countDown();
      int won = 0;
      int refused = 0;
      for (Future<User> result : results) {
        try {
          result.get();
          won++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ApiException.class);
          assertThat(((ApiException) e.getCause()).code()).isEqualTo("ALREADY_SET_UP");
          refused++;
        }
      }
      pool.shutdown();
      // then
      assertThat(won).isEqualTo(1);
      assertThat(refused).isEqualTo(racers - 1);
      assertThat(f.users.list(0, 10).total()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void refresh_rotates_andReuseRevokesTheFamily(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      // given
      IssuedTokens login = f.auth.setup("admin", PASSWORD);
      IssuedTokens otherSession = f.auth.login("admin", PASSWORD, "1.2.3.4");
      // when
      IssuedTokens second = f.auth.refresh(login.refreshToken());
      // then: the new one works once, the old one is spent
      assertThat(second.refreshToken()).isNotEqualTo(login.refreshToken());
      assertApiError(() -> f.auth.refresh(login.refreshToken()), 401, "INVALID_TOKEN");
      // the reuse revoked the successor too, but not the other session
      assertApiError(() -> f.auth.refresh(second.refreshToken()), 401, "INVALID_TOKEN");
      assertThat(f.auth.refresh(otherSession.refreshToken()).user().username()).isEqualTo("admin");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void refresh_expiredOrLoggedOutOrUnknown_isRefused(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir, Map.of("auth.refresh-token-ttl", "1h"))) {
      IssuedTokens a = f.auth.setup("admin", PASSWORD);
      IssuedTokens b = f.auth.login("admin", PASSWORD, "ip");
      // when
      f.auth.logout(b.refreshToken());
      f.auth.logout(b.refreshToken());
      f.clock.advance(Duration.ofHours(1));
      // then
      assertApiError(() -> f.auth.refresh(a.refreshToken()), 401, "INVALID_TOKEN");
      assertApiError(() -> f.auth.refresh(b.refreshToken()), 401, "INVALID_TOKEN");
      assertApiError(() -> f.auth.refresh("no-such-token"), 401, "INVALID_TOKEN");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void accessToken_carriesUserAndVersion_andExpires(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      IssuedTokens t = f.auth.setup("admin", PASSWORD);
      TokenService.AccessClaims claims = f.tokens.verify(t.accessToken());
      assertThat(claims.userId()).isEqualTo(t.user().id());
      assertThat(claims.tokenVersion()).isZero();
      // when
      f.clock.advance(Duration.ofMinutes(16));
      // then
      assertApiError(() -> f.tokens.verify(t.accessToken()), 401, "INVALID_TOKEN");
      assertApiError(() -> f.tokens.verify(t.accessToken() + "x"), 401, "INVALID_TOKEN");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void accessToken_verifiedBefore_expiresAtTheSameSecondAsAFreshCheck(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      // given: a token this service verified (and remembers), and a second service that never saw it
      IssuedTokens t = f.auth.setup("admin", PASSWORD);
      f.tokens.verify(t.accessToken());
      TokenService fresh = new TokenService(f.jdbi, f.clock, new KernelSecrets(f.jdbi, f.clock), f.settings);
      // when the last moment of its last valid second comes, then both still take it
      f.clock.advance(f.settings.accessTokenTtl.minusMillis(1));
      assertThat(f.tokens.verify(t.accessToken()).userId()).isEqualTo(t.user().id());
      assertThat(fresh.verify(t.accessToken()).userId()).isEqualTo(t.user().id());
      // and a millisecond later both refuse it
      f.clock.advance(Duration.ofMillis(1));
      assertApiError(() -> f.tokens.verify(t.accessToken()), 401, "INVALID_TOKEN");
      assertApiError(() -> fresh.verify(t.accessToken()), 401, "INVALID_TOKEN");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void kernelSecret_isSharedByNodesOverOneDatabase(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      byte[] first = new KernelSecrets(f.jdbi, f.clock).jwtKey();
      byte[] second = new KernelSecrets(f.jdbi, f.clock).jwtKey();
      assertThat(first).hasSize(64).isEqualTo(second);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void lastEnabledAdmin_cannotBeDemotedDisabledOrDeleted(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      User admin = f.users.setup("admin", PASSWORD);
      User other = f.users.create("second", PASSWORD, Role.ADMIN);
      f.users.update(other.id(), null, true, null);
      // then: a disabled admin does not count
      assertApiError(() -> f.users.update(admin.id(), Role.USER, null, null), 409, "LAST_ADMIN");
      assertApiError(() -> f.users.update(admin.id(), null, true, null), 409, "LAST_ADMIN");
      assertApiError(() -> f.users.delete(admin.id()), 409, "LAST_ADMIN");
      assertThat(f.users.get(admin.id()).role()).isEqualTo(Role.ADMIN);
      // when another is enabled again, the first may go
      f.users.update(other.id(), null, false, null);
      f.users.delete(admin.id());
      assertApiError(() -> f.users.get(admin.id()), 404, "NOT_FOUND");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void delete_removesSessionsAndKeys(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      f.users.setup("admin", PASSWORD);
      User bob = f.users.create("bob", PASSWORD, Role.USER);
      IssuedTokens session = f.auth.login("bob", PASSWORD, "ip");
      ApiKeyService.Created key = f.apiKeys.create(bob.id(), "tv");
      // when
      f.users.delete(bob.id());
      // then
      long tokensLeft = f.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM refresh_tokens WHERE user_id = " + bob.id())
          .mapTo(Long.class).one());
      assertThat(tokensLeft).isZero();
      assertThat(f.apiKeys.list(bob.id())).isEmpty();
      assertApiError(() -> f.auth.refresh(session.refreshToken()), 401, "INVALID_TOKEN");
      assertThat(f.states.get(bob.id())).isEmpty();
      assertThat(f.jdbi.onDemand(ApiKeyDao.class).findByHash(Secrets.sha256(key.secret()))).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void register_withInvite_takesItsRoleOnce_andTakenNameKeepsTheInvite(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      User admin = f.users.setup("admin", PASSWORD);
      InviteService.Created invite = f.invites.create(admin.id(), Role.ADMIN, null);
      // a taken name fails and leaves the invite unused
      assertApiError(() -> f.users.register("ADMIN", PASSWORD, invite.code()), 409, "USERNAME_TAKEN");
      // when
      User carol = f.users.register("carol", PASSWORD, invite.code());
      // then
      assertThat(carol.role()).isEqualTo(Role.ADMIN);
      Invite used = f.invites.list(0, 10).invites().get(0);
      assertThat(used.usedBy()).isEqualTo(carol.id());
      assertApiError(() -> f.users.register("dave", PASSWORD, invite.code()), 422, "INVALID_INVITE");
      assertApiError(() -> f.users.register("dave", PASSWORD, "made-up"), 422, "INVALID_INVITE");
      assertThat(f.users.findByName("dave")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void register_expiredInvite_isInvalid(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      User admin = f.users.setup("admin", PASSWORD);
      InviteService.Created invite = f.invites.create(admin.id(), Role.USER, Duration.ofHours(1));
      f.clock.advance(Duration.ofHours(1));
      assertApiError(() -> f.users.register("dave", PASSWORD, invite.code()), 422, "INVALID_INVITE");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void apiKey_authenticates_andTouchesLastUsedOncePerMinute(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      User admin = f.users.setup("admin", PASSWORD);
      ApiKeyService.Created created = f.apiKeys.create(admin.id(), "scripts");
      assertThat(created.secret()).startsWith("mq_").startsWith(created.key().displayPrefix());
      // when
      assertThat(f.apiKeys.authenticate(created.secret())).isPresent();
      long firstUse = f.apiKeys.list(admin.id()).get(0).lastUsedAt().toEpochMilli();
      f.clock.advance(Duration.ofSeconds(30));
      f.apiKeys.authenticate(created.secret());
      long afterHalfMinute = f.apiKeys.list(admin.id()).get(0).lastUsedAt().toEpochMilli();
      f.clock.advance(Duration.ofSeconds(31));
      f.apiKeys.authenticate(created.secret());
      long afterMinute = f.apiKeys.list(admin.id()).get(0).lastUsedAt().toEpochMilli();
      // then
      assertThat(afterHalfMinute).isEqualTo(firstUse);
      assertThat(afterMinute).isEqualTo(firstUse + 61_000);
      f.apiKeys.revoke(admin.id(), created.key().id());
      assertThat(f.apiKeys.authenticate(created.secret())).isEmpty();
      assertApiError(() -> f.apiKeys.revoke(admin.id(), created.key().id()), 404, "NOT_FOUND");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void userStates_seeOtherNodesChangesAfterTheTtl(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir)) {
      User admin = f.users.setup("admin", PASSWORD);
      User bob = f.users.create("bob", PASSWORD, Role.USER);
      assertThat(f.states.get(bob.id()).orElseThrow().disabled()).isFalse();
      // when another node disables bob (a second service over the same database)
      new UserService(f.jdbi, f.clock, f.passwords, new UserStates(f.jdbi, f.clock, f.settings), f.settings, f.throttle)
          .update(bob.id(), null, true, null);
      // then this node notices within the TTL
      assertThat(f.states.get(bob.id()).orElseThrow().disabled()).isFalse();
      f.clock.advance(f.settings.userCacheTtl);
      assertThat(f.states.get(bob.id()).orElseThrow().disabled()).isTrue();
      assertThat(admin.id()).isNotEqualTo(bob.id());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void pruneTask_deletesDeadTokensAndInvites_keepsLiveOnes(Engine engine) throws Exception {
    try (AuthFixture f = AuthFixture.create(engine, tempDir, Map.of("auth.refresh-token-ttl", "2d"))) {
      User admin = f.users.setup("admin", PASSWORD);
      IssuedTokens expiring = f.auth.login("admin", PASSWORD, "ip");
      IssuedTokens loggedOut = f.auth.login("admin", PASSWORD, "ip");
      f.auth.logout(loggedOut.refreshToken());
      f.invites.create(admin.id(), Role.USER, Duration.ofHours(1));
      InviteService.Created used = f.invites.create(admin.id(), Role.USER, null);
      f.users.register("bob", PASSWORD, used.code());
      f.clock.advance(Duration.ofDays(1));
      IssuedTokens live = f.auth.login("admin", PASSWORD, "ip");
      InviteService.Created open = f.invites.create(admin.id(), Role.USER, null);
      f.clock.advance(Duration.ofDays(1));
      List<String> progress = new ArrayList<>();
      // when
      new PruneTokensTask(f.jdbi, f.clock).run(context(progress));
      // then
      List<String> tokensLeft = f.jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM refresh_tokens")
          .mapTo(String.class).list());
      assertThat(tokensLeft).containsExactly(Secrets.sha256(live.refreshToken()));
      assertThat(f.invites.list(0, 10).invites()).extracting(Invite::codeHash).containsExactly(Secrets.sha256(open.code()));
      assertThat(progress).last().asString().contains("deleted 2 refresh tokens and 2 invites");
      assertThat(expiring.refreshToken()).isNotEmpty();
    }
  }

  private static TaskContext context(List<String> progress) {
    return new TaskContext() {
      @Override
      public String runId() {
        return "test";
      }

      @Override
      public Optional<Event> triggeringEvent() {
        return Optional.empty();
      }

      @Override
      public void progress(int percent, String message) {
        progress.add(message);
      }

      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public void checkCancelled() {}
    };
  }
}
