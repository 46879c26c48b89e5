package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP Basic credentials and {@code ?apikey=}, as OPDS readers send them, and the 401 challenges. */
class BasicCredentialsTest {
  @TempDir
  Path dataDir;

  TestKernel kernel;
  TestHttp bob;

  @BeforeEach
  void start() {
    kernel = TestKernel.start(dataDir, Map.of("auth.login.max-failures-per-account", "3"));
    bob = kernel.user("bob");
    // a route where OPDS readers live, as the OPDS plugin will register it
    kernel.component().routeTable().register("test", List.of(Route.get("/opds/v1.2/catalog", Access.USER,
        request -> request.json(Map.of("user", request.requirePrincipal().username())))));
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  private TestHttp basic(String username, String password) {
    String credentials = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return kernel.http().withHeader("Authorization", "Basic " + credentials);
  }

  @Test
  void basic_withThePassword_actsForTheUser_onEveryRequest() {
    TestHttp reader = basic("bob", TestKernel.USER_PASSWORD);
    for (int i = 0; i < 3; i++) {
      TestHttp.Response me = reader.get("/api/v1/users/me");
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.json().path("username").asText()).isEqualTo("bob");
    }
    assertThat(reader.get("/opds/v1.2/catalog").json().path("user").asText()).isEqualTo("bob");
  }

  @Test
  void basic_withAWrongPassword_is401_andThrottledLikeALogin() {
    TestHttp.Response wrong = basic("bob", "not the password").get("/api/v1/users/me");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.errorCode()).isEqualTo("INVALID_CREDENTIALS");
    basic("bob", "not the password").get("/api/v1/users/me");
    basic("bob", "not the password").get("/api/v1/users/me");

    TestHttp.Response throttled = basic("bob", TestKernel.USER_PASSWORD).get("/api/v1/users/me");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotBlank();
  }

  @Test
  void basic_malformed_is401() {
    for (String header : new String[] {"Basic !!!not-base64", "Basic " + Base64.getEncoder().encodeToString(
        "no-colon".getBytes(StandardCharsets.UTF_8)), "Basic " + Base64.getEncoder().encodeToString(
        ":".getBytes(StandardCharsets.UTF_8))}) {
      TestHttp.Response response = kernel.http().withHeader("Authorization", header).get("/api/v1/users/me");
      assertThat(response.status()).as(header).isEqualTo(401);
      assertThat(response.errorCode()).as(header).isEqualTo("INVALID_TOKEN");
    }
  }

  @Test
  void basic_afterAPasswordChange_theOldPasswordNoLongerWorks() {
    // given: the old password was accepted (and remembered)
    TestHttp reader = basic("bob", TestKernel.USER_PASSWORD);
    assertThat(reader.get("/api/v1/users/me").status()).isEqualTo(200);

    // when
    assertThat(bob.post("/api/v1/users/me/password", "{\"currentPassword\":\"" + TestKernel.USER_PASSWORD
        + "\",\"newPassword\":\"a brand new password\"}").status()).isEqualTo(200);

    // then
    assertThat(reader.get("/api/v1/users/me").status()).isEqualTo(401);
    assertThat(basic("bob", "a brand new password").get("/api/v1/users/me").status()).isEqualTo(200);
  }

  @Test
  void apiKey_asBasicPasswordOrQueryParameter_actsForItsUser() {
    String key = bob.post("/api/v1/users/me/api-keys", "{\"name\":\"reader\"}").json().path("key").asText();
    assertThat(key).startsWith("mq_");

    assertThat(basic("anything", key).get("/api/v1/users/me").json().path("username").asText()).isEqualTo("bob");
    assertThat(kernel.http().get("/opds/v1.2/catalog?apikey=" + key).json().path("user").asText()).isEqualTo("bob");
    TestHttp.Response unknown = kernel.http().get("/opds/v1.2/catalog?apikey=mq_unknown");
    assertThat(unknown.status()).isEqualTo(401);
  }

  @Test
  void unauthenticated_opdsPathsChallengeForBasic_apiPathsForBearer() {
    TestHttp.Response opds = kernel.http().get("/opds/v1.2/catalog");
    assertThat(opds.status()).isEqualTo(401);
    assertThat(opds.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Marquee\", charset=\"UTF-8\"");
    assertThat(opds.errorCode()).isEqualTo("UNAUTHORIZED");

    TestHttp.Response api = kernel.http().get("/api/v1/users/me");
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"Marquee\"");
  }
}
