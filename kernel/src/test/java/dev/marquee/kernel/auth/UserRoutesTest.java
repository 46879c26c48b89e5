package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/users/me*} through real HTTP. */
class UserRoutesTest {
  private static final String NEW_PASSWORD = "a brand new password";

  @TempDir
  Path dataDir;

  TestKernel kernel;

  @BeforeEach
  void start() {
    kernel = TestKernel.start(dataDir, Map.of());
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  private TestHttp.Response login(String username, String password) {
    return kernel.http().post("/api/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  @Test
  void me_answersTheSignedInUser() {
    var me = kernel.user("bob").get("/api/v1/users/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("bob");
    assertThat(me.json().path("role").asText()).isEqualTo("USER");
    assertThat(me.json().path("disabled").asBoolean()).isFalse();
    assertThat(me.json().has("passwordHash")).isFalse();
  }

  @Test
  void changePassword_wrongCurrent_answers403AndChangesNothing() {
    var response = kernel.user("bob").post("/api/v1/users/me/password",
        "{\"currentPassword\":\"not it at all\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("WRONG_PASSWORD");
    assertThat(login("bob", TestKernel.USER_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void changePassword_weakOrMissing_answers422() {
    TestHttp bob = kernel.user("bob");
    var weak = bob.post("/api/v1/users/me/password",
        "{\"currentPassword\":\"" + TestKernel.USER_PASSWORD + "\",\"newPassword\":\"short\"}");
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.errorCode()).isEqualTo("WEAK_PASSWORD");
    var missing = bob.post("/api/v1/users/me/password", "{\"newPassword\":\"" + NEW_PASSWORD + "\"}");
    assertThat(missing.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(missing.json().path("error").path("message").asText()).contains("currentPassword");
  }

  @Test
  void changePassword_success_revokesOldSessionsAndAccessTokens() {
    // given a second session of bob
    kernel.user("bob");
    var otherSession = login("bob", TestKernel.USER_PASSWORD).json();
    TestHttp oldAccess = kernel.http().withToken(otherSession.path("accessToken").asText());
    // when
    var changed = kernel.user("bob").post("/api/v1/users/me/password",
        "{\"currentPassword\":\"" + TestKernel.USER_PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
    // then
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    var oldRefresh = kernel.http().post("/api/v1/auth/refresh",
        "{\"refreshToken\":\"" + otherSession.path("refreshToken").asText() + "\"}");
    assertThat(oldRefresh.status()).isEqualTo(401);
    assertThat(oldAccess.get("/api/v1/users/me").status()).isEqualTo(401);
    assertThat(kernel.http().withToken(changed.json().path("accessToken").asText()).get("/api/v1/users/me").status())
        .isEqualTo(200);
    assertThat(login("bob", TestKernel.USER_PASSWORD).status()).isEqualTo(401);
    assertThat(login("bob", NEW_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void apiKey_createdOnce_authenticates_listedWithoutSecret_revocable() {
    TestHttp bob = kernel.user("bob");
    // when
    var created = bob.post("/api/v1/users/me/api-keys", "{\"name\":\"living room\"}");
    // then
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String key = created.json().path("key").asText();
    long id = created.json().path("id").asLong();
    assertThat(key).startsWith(created.json().path("prefix").asText());
    TestHttp withKey = kernel.http().withHeader("X-Api-Key", key);
    assertThat(withKey.get("/api/v1/users/me").json().path("username").asText()).isEqualTo("bob");
    var list = bob.get("/api/v1/users/me/api-keys");
    assertThat(list.json().path("items")).hasSize(1);
    assertThat(list.json().path("items").get(0).path("name").asText()).isEqualTo("living room");
    assertThat(list.json().path("items").get(0).path("lastUsedAt").asText()).endsWith("Z");
    assertThat(list.body()).doesNotContain(key);
    // when revoked
    assertThat(bob.delete("/api/v1/users/me/api-keys/" + id).status()).isEqualTo(204);
    // then
    var refused = withKey.get("/api/v1/users/me");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.errorCode()).isEqualTo("INVALID_TOKEN");
    assertThat(bob.delete("/api/v1/users/me/api-keys/" + id).status()).isEqualTo(404);
  }

  @Test
  void apiKey_ofAnotherUser_is404AndStaysValid() {
    String key = kernel.user("bob").post("/api/v1/users/me/api-keys", "{\"name\":\"k\"}").json().path("key").asText();
    long id = kernel.user("bob").get("/api/v1/users/me/api-keys").json().path("items").get(0).path("id").asLong();
    var response = kernel.user("eve").delete("/api/v1/users/me/api-keys/" + id);
    assertThat(response.status()).isEqualTo(404);
    assertThat(kernel.user("eve").get("/api/v1/users/me/api-keys").json().path("items")).isEmpty();
    assertThat(kernel.http().withHeader("X-Api-Key", key).get("/api/v1/users/me").status()).isEqualTo(200);
    assertThat(kernel.user("eve").delete("/api/v1/users/me/api-keys/abc").status()).isEqualTo(404);
  }

  @Test
  void apiKey_missingName_answers422() {
    var response = kernel.user("bob").post("/api/v1/users/me/api-keys", "{}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().path("error").path("message").asText()).contains("name");
    assertThat(kernel.user("bob").get("/api/v1/users/me/api-keys").json().path("items")).isEmpty();
  }
}
