package dev.marquee.kernel.plugins;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.marquee.api.CacheFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Caffeine caches whose expiry follows the kernel's {@link Clock}, so tests can move time. */
final class ClockCacheFactory implements CacheFactory {
  private final Ticker ticker;

  ClockCacheFactory(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    this.ticker = () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }

  @Override
  public <K, V> Cache<K, V> create(String name, long maximumSize, Duration expireAfterWrite) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a cache needs a name");
    }
    if (maximumSize <= 0) {
      throw new IllegalArgumentException("cache " + name + ": maximumSize must be positive, was " + maximumSize);
    }
    if (expireAfterWrite == null || expireAfterWrite.isNegative() || expireAfterWrite.isZero()) {
      throw new IllegalArgumentException("cache " + name + ": expireAfterWrite must be positive, was " + expireAfterWrite);
    }
    return Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfterWrite(expireAfterWrite)
        .ticker(ticker)
        .build();
  }
}
