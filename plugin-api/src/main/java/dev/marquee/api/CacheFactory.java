package dev.marquee.api;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;

/** Builds Caffeine caches that are always bounded, named, and expire. Thread-safe. */
public interface CacheFactory {

  /**
   * A new cache.
   *
   * @param name a name for logs and statistics, unique within the plugin
   * @param maximumSize the most entries kept; must be positive
   * @param expireAfterWrite how long an entry lives; must be positive
   * @throws IllegalArgumentException on a blank name or a non-positive bound
   */
  <K, V> Cache<K, V> create(String name, long maximumSize, Duration expireAfterWrite);
}
