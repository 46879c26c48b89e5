package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/admin/users*} and {@code /api/v1/admin/invites*} through real HTTP. */
class AdminUserRoutesTest {
  private static final String PASSWORD = "password-123";

  @TempDir
  Path dataDir;

  TestKernel kernel;
  TestHttp admin;

  @BeforeEach
  void start() {
    kernel = TestKernel.start(dataDir, Map.of());
    admin = kernel.admin();
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  private long idOf(String username) {
    for (JsonNode user : admin.get("/api/v1/admin/users?limit=500").json().path("items")) {
      if (user.path("username").asText().equals(username)) {
        return user.path("id").asLong();
      }
    }
    throw new AssertionError("no user " + username);
  }

  private long adminId() {
    return idOf(TestKernel.ADMIN_USERNAME);
  }

  @Test
  void create_withRole_answers201_andTheUserCanSignIn() {
    var created = admin.post("/api/v1/admin/users", "{\"username\":\"Carol\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().path("role").asText()).isEqualTo("ADMIN");
    assertThat(kernel.login("carol", PASSWORD).get("/api/v1/admin/users").status()).isEqualTo(200);
    var taken = admin.post("/api/v1/admin/users", "{\"username\":\"CAROL\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.errorCode()).isEqualTo("USERNAME_TAKEN");
  }

  @Test
  void create_badRole_answers422AndCreatesNothing() {
    var response = admin.post("/api/v1/admin/users", "{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\",\"role\":\"ROOT\"}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(response.json().path("error").path("message").asText()).contains("role");
    assertThat(admin.get("/api/v1/admin/users").json().path("total").asLong()).isEqualTo(1);
  }

  @Test
  void list_pagesInIdOrderWithTotal() {
    for (int i = 0; i < 4; i++) {
      kernel.user("user" + i);
    }
    var page = admin.get("/api/v1/admin/users?offset=1&limit=2").json();
    assertThat(page.path("total").asLong()).isEqualTo(5);
    assertThat(page.path("offset").asInt()).isEqualTo(1);
    assertThat(page.path("limit").asInt()).isEqualTo(2);
    List<String> names = new ArrayList<>();
    page.path("items").forEach(u -> names.add(u.path("username").asText()));
    assertThat(names).containsExactly("user0", "user1");
    var tooMany = admin.get("/api/v1/admin/users?limit=501");
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.json().path("error").path("message").asText()).contains("limit");
    assertThat(admin.get("/api/v1/admin/users?offset=-1").status()).isEqualTo(422);
  }

  @Test
  void get_unknownOrMalformedId_answers404() {
    assertThat(admin.get("/api/v1/admin/users/" + adminId()).json().path("username").asText()).isEqualTo("admin");
    assertThat(admin.get("/api/v1/admin/users/999999").status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/admin/users/abc").status()).isEqualTo(404);
    assertThat(admin.patch("/api/v1/admin/users/999999", "{\"disabled\":true}").status()).isEqualTo(404);
    assertThat(admin.delete("/api/v1/admin/users/999999").status()).isEqualTo(404);
  }

  @Test
  void patch_roleChange_reachesTheUsersExistingTokenAtOnce() {
    TestHttp bob = kernel.user("bob");
    assertThat(bob.get("/api/v1/admin/users").status()).isEqualTo(403);
    var patched = admin.patch("/api/v1/admin/users/" + idOf("bob"), "{\"role\":\"ADMIN\"}");
    assertThat(patched.json().path("role").asText()).isEqualTo("ADMIN");
    assertThat(bob.get("/api/v1/admin/users").status()).isEqualTo(200);
  }

  @Test
  void patch_disable_killsTheUsersTokensAndKeys_enableDoesNotReviveThem() {
    TestHttp bob = kernel.user("bob");
    String key = bob.post("/api/v1/users/me/api-keys", "{\"name\":\"k\"}").json().path("key").asText();
    long bobId = idOf("bob");
    // when
    var patched = admin.patch("/api/v1/admin/users/" + bobId, "{\"disabled\":true}");
    // then
    assertThat(patched.json().path("disabled").asBoolean()).isTrue();
    assertThat(bob.get("/api/v1/users/me").status()).isEqualTo(401);
    assertThat(kernel.http().withHeader("X-Api-Key", key).get("/api/v1/users/me").status()).isEqualTo(401);
    admin.patch("/api/v1/admin/users/" + bobId, "{\"disabled\":false}");
    assertThat(bob.get("/api/v1/users/me").status()).isEqualTo(401);
    assertThat(kernel.http().withHeader("X-Api-Key", key).get("/api/v1/users/me").status()).isEqualTo(200);
  }

  @Test
  void patch_password_setsItAndEndsSessions() {
    TestHttp bob = kernel.user("bob");
    var patched = admin.patch("/api/v1/admin/users/" + idOf("bob"), "{\"password\":\"" + PASSWORD + "\"}");
    assertThat(patched.status()).isEqualTo(200);
    assertThat(bob.get("/api/v1/users/me").status()).isEqualTo(401);
    assertThat(kernel.login("bob", PASSWORD).get("/api/v1/users/me").status()).isEqualTo(200);
    assertThat(admin.patch("/api/v1/admin/users/" + idOf("bob"), "{\"password\":\"short\"}").errorCode()).isEqualTo("WEAK_PASSWORD");
    assertThat(admin.patch("/api/v1/admin/users/" + idOf("bob"), "{}").errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void lastAdmin_cannotBeDemotedDisabledOrDeleted() {
    long id = adminId();
    for (var response : List.of(
        admin.patch("/api/v1/admin/users/" + id, "{\"role\":\"USER\"}"),
        admin.patch("/api/v1/admin/users/" + id, "{\"disabled\":true}"),
        admin.delete("/api/v1/admin/users/" + id))) {
      assertThat(response.status()).isEqualTo(409);
      assertThat(response.errorCode()).isEqualTo("LAST_ADMIN");
    }
    assertThat(admin.get("/api/v1/users/me").json().path("role").asText()).isEqualTo("ADMIN");
  }

  @Test
  void delete_removesTheUserAndTheirAccess() {
    TestHttp bob = kernel.user("bob");
    String key = bob.post("/api/v1/users/me/api-keys", "{\"name\":\"k\"}").json().path("key").asText();
    long bobId = idOf("bob");
    assertThat(admin.delete("/api/v1/admin/users/" + bobId).status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/admin/users/" + bobId).status()).isEqualTo(404);
    assertThat(bob.get("/api/v1/users/me").status()).isEqualTo(401);
    assertThat(kernel.http().withHeader("X-Api-Key", key).get("/api/v1/users/me").status()).isEqualTo(401);
  }

  @Test
  void invites_createListDelete_codeShownOnce() {
    var created = admin.post("/api/v1/admin/invites", "{\"validForHours\":2}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String code = created.json().path("code").asText();
    long id = created.json().path("id").asLong();
    assertThat(created.json().path("role").asText()).isEqualTo("USER");
    var list = admin.get("/api/v1/admin/invites");
    assertThat(list.json().path("total").asLong()).isEqualTo(1);
    assertThat(list.body()).doesNotContain(code);
    assertThat(admin.post("/api/v1/admin/invites", "{\"validForHours\":0}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(admin.delete("/api/v1/admin/invites/" + id).status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/admin/invites/" + id).status()).isEqualTo(404);
    var register = kernel.http().post("/api/v1/auth/register",
        "{\"username\":\"dave\",\"password\":\"" + PASSWORD + "\",\"inviteCode\":\"" + code + "\"}");
    assertThat(register.errorCode()).isEqualTo("INVALID_INVITE");
  }
}
