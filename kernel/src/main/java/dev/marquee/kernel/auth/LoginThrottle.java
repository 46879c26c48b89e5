package dev.marquee.kernel.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Counts failed password checks per client IP and per account over a sliding window; once either
 * reaches its limit, every attempt is refused (even with the right password) until enough failures
 * have left the window. Kept in memory, per node. Thread-safe.
 */
@Singleton
final class LoginThrottle {
  private final Clock clock;
  private final long windowMillis;
  private final int maxPerAccount;
  private final int maxPerIp;
  private final Cache<String, Deque<Long>> failures;

  @Inject
  LoginThrottle(Clock clock, AuthSettings settings) {
    this.clock = clock;
    this.windowMillis = settings.loginWindow.toMillis();
    this.maxPerAccount = settings.maxFailuresPerAccount;
    this.maxPerIp = settings.maxFailuresPerIp;
    this.failures = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterAccess(settings.loginWindow)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build();
  }

  /**
   * @param account the lower-cased username
   * @throws TooManyAttemptsException when the IP or the account is locked out now
   */
  void check(String ip, String account) {
    long now = clock.millis();
    long waitMillis = Math.max(wait("ip:" + ip, maxPerIp, now), wait("account:" + account, maxPerAccount, now));
    if (waitMillis > 0) {
      throw new TooManyAttemptsException(Math.max(1, (waitMillis + 999) / 1000));
    }
  }

  void recordFailure(String ip, String account) {
    long now = clock.millis();
    for (String key : new String[] {"ip:" + ip, "account:" + account}) {
      Deque<Long> times = failures.get(key, k -> new ArrayDeque<>());
      synchronized (times) {
        times.addLast(now);
      }
    }
  }

  /** Forgets the account's failures (after a successful sign-in); the IP's stay. */
  void clearAccount(String account) {
    failures.invalidate("account:" + account);
  }

  /** Milliseconds until {@code key} is under {@code max} failures again; 0 when it is now. */
  private long wait(String key, int max, long now) {
    Deque<Long> times = failures.getIfPresent(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
        times.pollFirst();
      }
      if (times.size() < max) {
        return 0;
      }
      // the oldest (size - max + 1) failures must leave the window
      long releasing = times.stream().skip(times.size() - max).findFirst().orElseThrow();
      return releasing + windowMillis - now;
    }
  }
}
