package dev.marquee.kernel.auth;

import dev.marquee.kernel.config.Config;
import java.time.Duration;
import java.util.Locale;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The {@code auth.*} settings, read and checked once at start.
 *
 * <ul>
 *   <li>{@code auth.access-token-ttl} (15m), {@code auth.refresh-token-ttl} (30d), {@code auth.invite-ttl} (7d);
 *   <li>{@code auth.registration}: {@code closed} (default: invites only) or {@code open};
 *   <li>{@code auth.argon2.memory-kib} (19456), {@code auth.argon2.iterations} (2),
 *       {@code auth.argon2.parallelism} (1): OWASP's Argon2id minimum;
 *   <li>{@code auth.login.max-failures-per-account} (5), {@code auth.login.max-failures-per-ip} (20),
 *       {@code auth.login.window} (15m): login throttling over a sliding window;
 *   <li>{@code auth.user-cache-ttl} (5s): how late a disable, role or password change may reach
 *       access tokens checked on another node.
 * </ul>
 */
@Singleton
final class AuthSettings {
  final Duration accessTokenTtl;
  final Duration refreshTokenTtl;
  final Duration inviteTtl;
  final boolean openRegistration;
  final int argon2MemoryKib;
  final int argon2Iterations;
  final int argon2Parallelism;
  final int maxFailuresPerAccount;
  final int maxFailuresPerIp;
  final Duration loginWindow;
  final Duration userCacheTtl;
  final Duration basicCacheTtl;

  @Inject
  AuthSettings(Config config) {
    accessTokenTtl = positive(config, "auth.access-token-ttl", Duration.ofMinutes(15));
    refreshTokenTtl = positive(config, "auth.refresh-token-ttl", Duration.ofDays(30));
    inviteTtl = positive(config, "auth.invite-ttl", Duration.ofDays(7));
    String registration = config.get("auth.registration", "closed").trim().toLowerCase(Locale.ROOT);
    if (!registration.equals("open") && !registration.equals("closed")) {
      throw new IllegalArgumentException("config auth.registration must be open or closed: " + registration);
    }
    openRegistration = registration.equals("open");
    argon2MemoryKib = atLeast(config, "auth.argon2.memory-kib", 19_456, 8);
    argon2Iterations = atLeast(config, "auth.argon2.iterations", 2, 1);
    argon2Parallelism = atLeast(config, "auth.argon2.parallelism", 1, 1);
    maxFailuresPerAccount = atLeast(config, "auth.login.max-failures-per-account", 5, 1);
    maxFailuresPerIp = atLeast(config, "auth.login.max-failures-per-ip", 20, 1);
    loginWindow = positive(config, "auth.login.window", Duration.ofMinutes(15));
    userCacheTtl = positive(config, "auth.user-cache-ttl", Duration.ofSeconds(5));
    basicCacheTtl = positive(config, "auth.basic-cache-ttl", Duration.ofMinutes(10));
  }

  private static Duration positive(Config config, String key, Duration defaultValue) {
    Duration value = config.getDuration(key, defaultValue);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("config " + key + " must be positive: " + value);
    }
    return value;
  }

  private static int atLeast(Config config, String key, int defaultValue, int min) {
    int value = config.getInt(key, defaultValue);
    if (value < min) {
      throw new IllegalArgumentException("config " + key + " must be at least " + min + ": " + value);
    }
    return value;
  }
}
