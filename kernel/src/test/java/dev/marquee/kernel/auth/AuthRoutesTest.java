package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.MutableClock;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/auth/*} through real HTTP. */
class AuthRoutesTest {
  private static final String PASSWORD = "correct horse";

  @TempDir
  Path dataDir;

  final MutableClock clock = MutableClock.now();
  TestKernel kernel;
  TestHttp http;

  @AfterEach
  void stop() {
    if (kernel != null) {
      kernel.close();
    }
  }

  private void start(Map<String, String> settings) {
    kernel = TestKernel.start(dataDir, settings, clock);
    http = kernel.http();
  }

  private static String credentials(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
  }

  private TestHttp.Response login(String username, String password) {
    return http.post("/api/v1/auth/login", credentials(username, password));
  }

  @Test
  void setup_firstTime_answers201WithTokens_thenRefuses409() {
    start(Map.of());
    assertThat(kernel.component().firstBootHint()).hasValueSatisfying(h -> h.contains("/api/v1/auth/setup"));
    // when
    var first = http.post("/api/v1/auth/setup", credentials("Root", PASSWORD));
    var second = http.post("/api/v1/auth/setup", credentials("other", PASSWORD));
    // then
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.header("Cache-Control")).isEqualTo("no-store");
    assertThat(first.json().path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(first.json().path("expiresIn").asLong()).isEqualTo(900);
    assertThat(first.json().path("refreshToken").asText()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(first.json().path("user").path("username").asText()).isEqualTo("Root");
    assertThat(first.json().path("user").path("role").asText()).isEqualTo("ADMIN");
    assertThat(first.json().path("user").path("createdAt").asText()).endsWith("Z");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("ALREADY_SET_UP");
    assertThat(kernel.component().firstBootHint()).isEmpty();
    var me = http.withToken(first.json().path("accessToken").asText()).get("/api/v1/users/me");
    assertThat(me.json().path("username").asText()).isEqualTo("Root");
  }

  @Test
  void setup_badInput_answers422AndCreatesNothing() {
    start(Map.of());
    assertThat(http.post("/api/v1/auth/setup", credentials("Root", "short")).errorCode()).isEqualTo("WEAK_PASSWORD");
    assertThat(http.post("/api/v1/auth/setup", credentials("Root", "x".repeat(1025))).errorCode()).isEqualTo("WEAK_PASSWORD");
    assertThat(http.post("/api/v1/auth/setup", credentials("no spaces", PASSWORD)).errorCode()).isEqualTo("INVALID_USERNAME");
    assertThat(http.post("/api/v1/auth/setup", credentials("ab", PASSWORD)).errorCode()).isEqualTo("INVALID_USERNAME");
    var missing = http.post("/api/v1/auth/setup", "{\"password\":\"" + PASSWORD + "\"}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(missing.json().path("error").path("message").asText()).contains("username");
    assertThat(kernel.component().firstBootHint()).isPresent();
  }

  @Test
  void register_closedByDefault_answers403() {
    start(Map.of());
    kernel.admin();
    var response = http.post("/api/v1/auth/register", credentials("bob", PASSWORD));
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("REGISTRATION_CLOSED");
    assertThat(login("bob", PASSWORD).status()).isEqualTo(401);
  }

  @Test
  void register_open_creates201UserWithTokens_andNamesAreCaseInsensitive() {
    start(Map.of("auth.registration", "open"));
    var response = http.post("/api/v1/auth/register", credentials("Bob", PASSWORD));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().path("user").path("role").asText()).isEqualTo("USER");
    assertThat(response.json().path("accessToken").asText()).isNotEmpty();
    var taken = http.post("/api/v1/auth/register", credentials("bOB", PASSWORD));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.errorCode()).isEqualTo("USERNAME_TAKEN");
    assertThat(login("BOB", PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void register_withInvite_takesTheInvitesRole_once() {
    start(Map.of());
    var invite = kernel.admin().post("/api/v1/admin/invites", "{\"role\":\"ADMIN\"}");
    assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
    String code = invite.json().path("code").asText();
    // when
    var carol = http.post("/api/v1/auth/register",
        "{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\",\"inviteCode\":\"" + code + "\"}");
    var again = http.post("/api/v1/auth/register",
        "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\",\"inviteCode\":\"" + code + "\"}");
    var madeUp = http.post("/api/v1/auth/register",
        "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\",\"inviteCode\":\"nope\"}");
    // then
    assertThat(carol.status()).as(carol.toString()).isEqualTo(201);
    assertThat(carol.json().path("user").path("role").asText()).isEqualTo("ADMIN");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.errorCode()).isEqualTo("INVALID_INVITE");
    assertThat(madeUp.errorCode()).isEqualTo("INVALID_INVITE");
  }

  @Test
  void login_unknownUserAndWrongPassword_answerTheSame401() {
    start(Map.of());
    kernel.admin();
    var unknown = login("nobody", PASSWORD);
    var wrong = login(TestKernel.ADMIN_USERNAME, "wrong password");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.errorCode()).isEqualTo("INVALID_CREDENTIALS").isEqualTo(wrong.errorCode());
    assertThat(unknown.json().path("error").path("message").asText()).isEqualTo(wrong.json().path("error").path("message").asText());
  }

  @Test
  void login_disabledUser_answers403OnlyAfterTheRightPassword() {
    start(Map.of());
    kernel.user("bob");
    long bobId = kernel.admin().get("/api/v1/admin/users").json().path("items").get(1).path("id").asLong();
    kernel.admin().patch("/api/v1/admin/users/" + bobId, "{\"disabled\":true}");
    assertThat(login("bob", "wrong password").status()).isEqualTo(401);
    var right = login("bob", TestKernel.USER_PASSWORD);
    assertThat(right.status()).isEqualTo(403);
    assertThat(right.errorCode()).isEqualTo("ACCOUNT_DISABLED");
  }

  @Test
  void login_tooManyFailuresForAnAccount_answers429EvenForTheRightPassword_untilTheWindowPasses() {
    start(Map.of("auth.login.max-failures-per-account", "3", "auth.login.window", "10m"));
    kernel.admin();
    for (int i = 0; i < 3; i++) {
      assertThat(login(TestKernel.ADMIN_USERNAME, "wrong password").status()).isEqualTo(401);
    }
    // when
    var locked = login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD);
    // then
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.errorCode()).isEqualTo("TOO_MANY_ATTEMPTS");
    assertThat(locked.header("Retry-After")).isEqualTo("600");
    clock.advance(Duration.ofMinutes(4));
    assertThat(login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD).header("Retry-After")).isEqualTo("360");
    clock.advance(Duration.ofMinutes(6));
    assertThat(login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void login_successClearsTheAccountsFailures() {
    start(Map.of("auth.login.max-failures-per-account", "3"));
    kernel.admin();
    login(TestKernel.ADMIN_USERNAME, "wrong password");
    login(TestKernel.ADMIN_USERNAME, "wrong password");
    assertThat(login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD).status()).isEqualTo(200);
    login(TestKernel.ADMIN_USERNAME, "wrong password");
    login(TestKernel.ADMIN_USERNAME, "wrong password");
    assertThat(login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void login_tooManyFailuresFromOneIp_locksEveryAccountFromIt() {
    start(Map.of("auth.login.max-failures-per-ip", "4", "auth.login.max-failures-per-account", "100"));
    kernel.admin();
    for (int i = 0; i < 4; i++) {
      login("guess" + i, "wrong password");
    }
    var locked = login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD);
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.header("Retry-After")).isEqualTo("900");
  }

  @Test
  void refresh_rotatesTheToken_andReusingAnOldOneEndsTheSession() {
    start(Map.of());
    kernel.admin();
    String first = login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD).json().path("refreshToken").asText();
    // when
    var rotated = http.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
    String second = rotated.json().path("refreshToken").asText();
    var reused = http.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
    var afterTheft = http.post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + second + "\"}");
    // then
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    assertThat(rotated.json().path("accessToken").asText()).isNotEmpty();
    assertThat(second).isNotEqualTo(first);
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.errorCode()).isEqualTo("INVALID_TOKEN");
    assertThat(afterTheft.status()).isEqualTo(401);
  }

  @Test
  void logout_revokesTheRefreshToken_andIsIdempotent() {
    start(Map.of());
    kernel.admin();
    String token = login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD).json().path("refreshToken").asText();
    String body = "{\"refreshToken\":\"" + token + "\"}";
    assertThat(http.post("/api/v1/auth/logout", body).status()).isEqualTo(204);
    assertThat(http.post("/api/v1/auth/logout", body).status()).isEqualTo(204);
    assertThat(http.post("/api/v1/auth/logout", "{\"refreshToken\":\"unknown\"}").status()).isEqualTo(204);
    assertThat(http.post("/api/v1/auth/refresh", body).status()).isEqualTo(401);
    assertThat(http.post("/api/v1/auth/logout", "{}").errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void accessToken_expiresAfterItsTtl() {
    start(Map.of("auth.access-token-ttl", "5m"));
    TestHttp admin = kernel.admin();
    assertThat(admin.get("/api/v1/users/me").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    var expired = admin.get("/api/v1/users/me");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.errorCode()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void badCredentials_answer401InvalidToken_noCredentials401() {
    start(Map.of());
    kernel.admin();
    assertThat(http.get("/api/v1/users/me").status()).isEqualTo(401);
    assertThat(http.withToken("not.a.jwt").get("/api/v1/users/me").errorCode()).isEqualTo("INVALID_TOKEN");
    assertThat(http.withHeader("Authorization", "Basic YTpi").get("/api/v1/users/me").errorCode())
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(http.withHeader("X-Api-Key", "mq_nope").get("/api/v1/users/me").errorCode()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void everyAuthRoute_malformedJson_answers400() {
    start(Map.of());
    for (String route : new String[] {"setup", "register", "login", "refresh", "logout"}) {
      var response = http.post("/api/v1/auth/" + route, "{\"username\":");
      assertThat(response.status()).as(route).isEqualTo(400);
      assertThat(response.errorCode()).as(route).isEqualTo("MALFORMED_JSON");
    }
  }
}
