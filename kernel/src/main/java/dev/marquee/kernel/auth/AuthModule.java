package dev.marquee.kernel.auth;

import dagger.Module;
import dagger.Provides;
import dev.marquee.kernel.http.Authenticator;
import java.util.Optional;

/** Users, passwords, tokens and API keys. */
@Module
public interface AuthModule {

  // Replaced by the token/API-key authenticator of the auth feature.
  @Provides
  static Authenticator authenticator() {
    return request -> Optional.empty();
  }

  // Replaced by the auth feature: a hint only while no admin exists.
  @Provides
  static Optional<String> firstBootHint() {
    return Optional.of("First boot: create the administrator with\n"
        + "  curl -X POST http://localhost:{port}/api/v1/auth/setup -H 'Content-Type: application/json' "
        + "-d '{\"username\":\"admin\",\"password\":\"<a long password>\"}'");
  }
}
