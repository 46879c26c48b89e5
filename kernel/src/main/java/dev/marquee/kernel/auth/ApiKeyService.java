package dev.marquee.kernel.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.api.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-user API keys ({@code X-Api-Key}): {@value #PREFIX} plus 256 random bits, shown once and
 * stored as SHA-256. Lookups are cached for {@code auth.user-cache-ttl}; a revocation on this node
 * takes effect at once. The last use is written at most once a {@link #TOUCH_EVERY}. Thread-safe.
 */
@Singleton
final class ApiKeyService {
  static final String PREFIX = "mq_";
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final int DISPLAY_PREFIX_LENGTH = 10;
  private static final int MAX_NAME = 100;

  /** A key just created, with the secret the caller sees this once. */
  record Created(ApiKey key, String secret) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final Cache<String, Optional<ApiKey>> byHash;

  @Inject
  ApiKeyService(Jdbi jdbi, Clock clock, AuthSettings settings) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.byHash = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(settings.userCacheTtl)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build();
  }

  Created create(long userId, String name) {
    Fields.required(name, "name");
    if (name.length() > MAX_NAME) {
      throw Fields.invalid("name must be at most " + MAX_NAME + " characters");
    }
    String secret = PREFIX + Secrets.randomToken(32);
    String prefix = secret.substring(0, DISPLAY_PREFIX_LENGTH);
    long now = clock.millis();
    ApiKey key = jdbi.inTransaction(h -> {
      ApiKeyDao keys = h.attach(ApiKeyDao.class);
      return keys.find(keys.insert(userId, name.trim(), Secrets.sha256(secret), prefix, now)).orElseThrow();
    });
    return new Created(key, secret);
  }

  List<ApiKey> list(long userId) {
    return jdbi.onDemand(ApiKeyDao.class).listOfUser(userId);
  }

  /** @throws ApiException 404 when the user has no such key (another user's key included) */
  void revoke(long userId, long keyId) {
    ApiKey key = jdbi.inTransaction(h -> {
      ApiKeyDao keys = h.attach(ApiKeyDao.class);
      Optional<ApiKey> found = keys.find(keyId).filter(k -> k.userId() == userId);
      found.ifPresent(k -> keys.delete(k.id(), userId));
      return found.orElseThrow(() -> ApiException.notFound("no API key " + keyId));
    });
    byHash.invalidate(key.keyHash());
  }

  /** The key {@code secret} names, noting its use; empty when there is none. */
  Optional<ApiKey> authenticate(String secret) {
    String hash = Secrets.sha256(secret);
    Optional<ApiKey> found = byHash.get(hash, h -> jdbi.onDemand(ApiKeyDao.class).findByHash(h));
    if (found.isEmpty()) {
      return found;
    }
    ApiKey key = found.get();
    Instant now = clock.instant();
    if (key.lastUsedAt() == null || !key.lastUsedAt().plus(TOUCH_EVERY).isAfter(now)) {
      jdbi.useExtension(ApiKeyDao.class,
          dao -> dao.touch(key.id(), now.toEpochMilli(), now.minus(TOUCH_EVERY).toEpochMilli()));
      byHash.put(hash, Optional.of(new ApiKey(key.id(), key.userId(), key.name(), key.keyHash(), key.displayPrefix(),
          key.createdAt(), now)));
    }
    return found;
  }
}
