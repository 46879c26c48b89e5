package dev.marquee.kernel.auth;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.http.Authenticator;
import java.util.Optional;

/** Users, passwords, tokens, API keys and invites. */
@Module
public interface AuthModule {
  String FIRST_BOOT_HINT = "First boot: create the administrator with\n"
      + "  curl -X POST http://localhost:{port}/api/v1/auth/setup -H 'Content-Type: application/json' "
      + "-d '{\"username\":\"admin\",\"password\":\"<a long password>\"}'";

  @Binds
  Authenticator authenticator(TokenAuthenticator authenticator);

  @Binds
  @IntoSet
  RouteContributor authRoutes(AuthRoutes routes);

  @Binds
  @IntoSet
  RouteContributor userRoutes(UserRoutes routes);

  @Binds
  @IntoSet
  RouteContributor adminUserRoutes(AdminUserRoutes routes);

  @Binds
  @IntoSet
  ScheduledTask pruneTokens(PruneTokensTask task);

  /** Present only while no administrator exists; asked again at each call. Needs the migrated schema. */
  @Provides
  static Optional<String> firstBootHint(UserService users) {
    return users.adminExists() ? Optional.empty() : Optional.of(FIRST_BOOT_HINT);
  }
}
