package dev.marquee.kernel.auth;

import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets kept in the database, so that every node over one MariaDB shares them: created with
 * {@link java.security.SecureRandom} by whichever node needs one first. Read once per process.
 */
@Singleton
public final class KernelSecrets {
  private static final Logger log = LoggerFactory.getLogger(KernelSecrets.class);
  static final String JWT_KEY = "auth.jwt-hmac-key";
  private static final int KEY_BYTES = 64;

  private final Jdbi jdbi;
  private final Clock clock;
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

  @Inject
  KernelSecrets(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** The HMAC key access tokens are signed with. Needs the migrated schema. */
  byte[] jwtKey() {
    return key(JWT_KEY);
  }

  /**
   * The 64-byte key named {@code name} (a feature's own, such as {@code playback.media-token-key}),
   * created on first use. Needs the migrated schema.
   */
  public byte[] key(String name) {
    return keys.computeIfAbsent(name, n -> Base64.getDecoder().decode(findOrCreate(n)));
  }

  private String findOrCreate(String name) {
    KernelSecretDao secrets = jdbi.onDemand(KernelSecretDao.class);
    return secrets.find(name).orElseGet(() -> {
      String value = Base64.getEncoder().encodeToString(Secrets.randomBytes(KEY_BYTES));
      try {
        secrets.insert(name, value, clock.millis());
        log.info("generated the kernel secret {}", name);
        return value;
      } catch (JdbiException e) {
        // another node created it at the same moment: theirs wins
        return secrets.find(name).orElseThrow(() -> e);
      }
    });
  }
}
