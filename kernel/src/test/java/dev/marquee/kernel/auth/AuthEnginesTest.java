package dev.marquee.kernel.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole sign-in path through a kernel on each database engine. */
class AuthEnginesTest {
  @TempDir
  Path tempDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void setupLoginRefreshAndAdmin_workOnEveryEngine(TestDatabase.Engine engine) {
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        TestKernel kernel = TestKernel.start(tempDir, db.settings())) {
      // given
      TestHttp admin = kernel.admin();
      TestHttp bob = kernel.user("bob");
      String refresh = kernel.http().post("/api/v1/auth/login",
          "{\"username\":\"bob\",\"password\":\"" + TestKernel.USER_PASSWORD + "\"}").json().path("refreshToken").asText();
      // when
      var rotated = kernel.http().post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
      var reused = kernel.http().post("/api/v1/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
      // then
      assertThat(rotated.status()).isEqualTo(200);
      assertThat(reused.status()).isEqualTo(401);
      assertThat(bob.get("/api/v1/users/me").json().path("username").asText()).isEqualTo("bob");
      assertThat(admin.get("/api/v1/admin/users").json().path("total").asLong()).isEqualTo(2);
      assertThat(kernel.component().firstBootHint()).isEmpty();
    }
  }
}
