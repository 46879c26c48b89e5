package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthRoutesTest {
  @TempDir
  Path dataDir;

  TestKernel kernel;

  @AfterEach
  void stop() {
    if (kernel != null) {
      kernel.close();
    }
  }

  private TestHttp start(Map<String, String> settings) {
    kernel = TestKernel.start(dataDir, settings);
    return kernel.http();
  }

  @Test
  void setup_firstTime_creates201WithTokens_thenRefuses409() {
    TestHttp http = start(Map.of());
    assertThat(kernel.component().firstBootHint()).isPresent();
    // when
    var first = http.post("/api/v1/auth/setup", "{\"username\":\"Root\",\"password\":\"correct horse\"}");
    var second = http.post("/api/v1/auth/setup", "{\"username\":\"other\",\"password\":\"correct horse\"}");
    // then
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().path("tokenType").asText()).isEqualTo("Bearer");
    assertThat(first.json().path("expiresIn").asLong()).isEqualTo(900);
    assertThat(first.json().path("refreshToken").asText()).hasSizeGreaterThan(40);
    assertThat(first.json().path("user").path("username").asText()).isEqualTo("Root");
    assertThat(first.json().path("user").path("role").asText()).isEqualTo("ADMIN");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("ALREADY_SET_UP");
    assertThat(kernel.component().firstBootHint()).isEmpty();
    var me = http.withToken(first.json().path("accessToken").asText()).get("/api/v1/users/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("Root");
  }

  @Test
  void fixtures_adminAndUser_areSignedIn() {
    start(Map.of());
    assertThat(kernel.admin().get("/api/v1/users/me").json().path("role").asText()).isEqualTo("ADMIN");
    var bob = kernel.user("bob").get("/api/v1/users/me");
    assertThat(bob.json().path("role").asText()).isEqualTo("USER");
    assertThat(kernel.user("bob").get("/api/v1/admin/users").status()).isEqualTo(403);
  }
}
