package dev.marquee.kernel.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The users as credentials are checked against, cached for {@code auth.user-cache-ttl}: a change
 * made on this node takes effect at once (the service invalidates), one made on another node within
 * the TTL. Thread-safe.
 */
@Singleton
final class UserStates {
  private final LoadingCache<Long, Optional<User>> cache;

  @Inject
  UserStates(Jdbi jdbi, Clock clock, AuthSettings settings) {
    UserDao users = jdbi.onDemand(UserDao.class);
    this.cache = Caffeine.newBuilder()
        .maximumSize(10_000)
        .expireAfterWrite(settings.userCacheTtl)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build(users::find);
  }

  /** The user now (give or take the TTL), or empty when deleted. */
  Optional<User> get(long userId) {
    return cache.get(userId);
  }

  /**
   * The user as cached now, without asking the database; empty when the user is not cached (or was
   * found deleted).
   */
  Optional<User> getIfCached(long userId) {
    Optional<User> user = cache.getIfPresent(userId);
    return user == null ? Optional.empty() : user;
  }

  /** Forgets what is cached of {@code userId}; call after committing a change to the user. */
  void invalidate(long userId) {
    cache.invalidate(userId);
  }
}
