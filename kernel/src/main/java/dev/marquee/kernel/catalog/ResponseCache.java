package dev.marquee.kernel.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.config.Config;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The serialised JSON answers of the catalog's read routes, keyed by the route, its parsed
 * parameters, the catalog's version and the viewer with their watch-state version. A catalog write
 * bumps the catalog version and a user's watch-state write that user's version, so a cached answer
 * is never served after a write that could change it: stale entries are just never asked for again
 * and age out by weight.
 *
 * <p>The catalog version moves on the events of {@link #TOPICS} ({@value #CHANGED} is for any other
 * writer of the catalog: metadata, library deletion, plugins). Events arrive on the bus's thread, so
 * a read racing the event may still get the answer of just before the write. Watch-state writes bump
 * synchronously, after their commit. The version is read before the answer is computed, so an answer
 * computed during a write is at worst stored under the older version.
 *
 * <p>Each answer carries a strong ETag, a hash of its bytes, for conditional requests. {@link
 * #cached} looks an answer up without ever computing it, for answers on the I/O thread.
 *
 * <p>Config: {@code catalog.response-cache-mb} (default 32; 0 turns the cache off). Thread-safe.
 */
@Singleton
final class ResponseCache {
  /** Published by any writer of the catalog the kernel has no other event for. */
  static final String CHANGED = "catalog.changed";
  /** The topics (and the topics under them) that bump the catalog version. */
  static final List<String> TOPICS = List.of("library", "media.probed", CHANGED);

  /**
   * What identifies one cached answer.
   *
   * @param params the route's parsed parameters, a record (equality by value)
   */
  record Key(String route, Object params, long userId, boolean includeMissing, long catalogVersion, long userVersion) {}

  /** A serialised answer and its strong ETag, a hash of its bytes (quoted, as the header carries it). */
  record Answer(byte[] body, String etag) {
    static Answer of(byte[] body) {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
        return new Answer(body, "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final Cache<Key, Answer> cache;
  private final Cache<Key, Long> totals;
  private final boolean enabled;
  private final ObjectMapper mapper;
  private final AtomicLong catalogVersion = new AtomicLong();
  private final ConcurrentHashMap<Long, AtomicLong> userVersions = new ConcurrentHashMap<>();

  @Inject
  ResponseCache(ObjectMapper mapper, Config config) {
    this.mapper = mapper;
    long megabytes = config.getInt("catalog.response-cache-mb", 32);
    this.enabled = megabytes > 0;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(Math.max(1, megabytes) * 1024 * 1024)
        .weigher((Key key, Answer answer) -> answer.body().length + 192)
        .build();
    this.totals = Caffeine.newBuilder().maximumSize(enabled ? 10_000 : 0).build();
  }

  /** Subscribes to the catalog's write events; the subscriptions close with the kernel. */
  List<EventBus.Subscription> subscribe(EventBus bus) {
    return TOPICS.stream().map(topic -> bus.subscribe(topic, event -> catalogChanged())).toList();
  }

  /** The catalog was written: no cached answer from before stays visible. */
  void catalogChanged() {
    catalogVersion.incrementAndGet();
  }

  /** A user's watch state was written (after the commit). */
  void userChanged(long userId) {
    userVersions.computeIfAbsent(userId, id -> new AtomicLong()).incrementAndGet();
  }

  /** The JSON of {@code answer} for this route, parameters and viewer, from the cache when it holds it. */
  Answer json(String route, Object params, Viewer viewer, Supplier<Object> answer) {
    if (!enabled) {
      return Answer.of(write(answer.get()));
    }
    Key key = key(route, params, viewer);
    Answer cached = cache.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    // computed outside the cache's lock: a slow query must not block other keys' writers
    Answer computed = Answer.of(write(answer.get()));
    cache.put(key, computed);
    return computed;
  }

  /** The answer for this route, parameters and viewer if the cache holds it; null otherwise. Never blocks. */
  Answer cached(String route, Object params, Viewer viewer) {
    return enabled ? cache.getIfPresent(key(route, params, viewer)) : null;
  }

  private Key key(String route, Object params, Viewer viewer) {
    AtomicLong user = userVersions.get(viewer.userId());
    return new Key(route, params, viewer.userId(), viewer.includeMissing(), catalogVersion.get(),
        user == null ? 0 : user.get());
  }

  /**
   * A list's total under the same versions as the answers; {@code perUser} when the viewer's watch
   * state decides what the list holds.
   */
  long total(Object filter, Viewer viewer, boolean perUser, LongSupplier count) {
    if (!enabled) {
      return count.getAsLong();
    }
    AtomicLong user = perUser ? userVersions.get(viewer.userId()) : null;
    Key key = new Key("total", filter, viewer.userId(), viewer.includeMissing(), catalogVersion.get(),
        user == null ? 0 : user.get());
    Long cached = totals.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    long total = count.getAsLong();
    totals.put(key, total);
    return total;
  }

  private byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serialisable as JSON", e);
    }
  }
}
