package dev.marquee.kernel.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Argon2id password hashes (password4j). New hashes use the configured cost; a stored hash is
 * checked with the cost written in it, so changing the settings does not lock anyone out.
 *
 * <p>The Argon2 function is made on first use: password4j keeps a zeroed template as large as the
 * memory cost (19 MiB by default) for as long as the process lives, and a server that nobody has
 * signed in to yet has no use for it.
 */
@Singleton
final class Passwords {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final AuthSettings settings;
  private volatile String decoyHash;

  @Inject
  Passwords(AuthSettings settings) {
    this.settings = settings;
  }

  /** The encoded Argon2id hash of {@code password}, with a fresh random salt. */
  String hash(String password) {
    Argon2Function argon2 = Argon2Function.getInstance(settings.argon2MemoryKib, settings.argon2Iterations,
        settings.argon2Parallelism, HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2).getResult();
  }

  /** Whether {@code password} matches {@code encodedHash}; false for a hash that cannot be read. */
  boolean matches(String password, String encodedHash) {
    try {
      return Password.check(password, encodedHash).with(Argon2Function.getInstanceFromHash(encodedHash));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the time of a check against nothing, so that unknown users answer as slowly as known ones. */
  void matchesNothing(String password) {
    String decoy = decoyHash;
    if (decoy == null) {
      // racing first calls may each make one; any of them will do
      decoy = hash(Secrets.randomToken(16));
      decoyHash = decoy;
    }
    matches(password, decoy);
  }
}
