package dev.marquee.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * GETs TMDb API v3 resources as JSON. Thread-safe.
 *
 * <ul>
 *   <li>Authentication: the v4 access token as {@code Authorization: Bearer}, else the v3 key as
 *       {@code api_key}.
 *   <li>Rate: at most {@code requests-per-second} requests leave this client; a 429 is retried after
 *       its {@code Retry-After} (bounded by {@code max-retry-wait}), a 5xx or a network error after a
 *       short backoff, at most {@code max-retries} times.
 *   <li>Cache: answers are kept by URL (without credentials) for {@code cache-ttl}; 404s too.
 * </ul>
 */
final class TmdbClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final TmdbSettings settings;
  private final HttpClient http;
  private final Logger log;
  private final ObjectMapper mapper = new ObjectMapper();
  /** Cached answers by URL; a missing resource is cached as a JSON null. */
  private final Cache<String, JsonNode> cache;
  private final long intervalNanos;
  private long nextSlot;

  TmdbClient(TmdbSettings settings, PluginContext context) {
    this.settings = settings;
    this.http = context.httpClient();
    this.log = context.logger();
    this.cache = context.caches().create("tmdb-responses", 5_000, settings.cacheTtl());
    this.intervalNanos = 1_000_000_000L / settings.requestsPerSecond();
  }

  /**
   * The resource at {@code path} (for example {@code /movie/603}) with {@code query} parameters.
   *
   * @return empty when TMDb answers 404
   * @throws IOException when TMDb cannot be reached, refuses the credentials or keeps failing
   * @throws CancellationException when {@code progress} is cancelled while waiting
   */
  Optional<JsonNode> get(String path, Map<String, String> query, Progress progress) throws IOException {
    String url = settings.baseUrl() + path + queryString(new TreeMap<>(query));
    JsonNode cached = cache.getIfPresent(url);
    if (cached != null) {
      return cached.isNull() ? Optional.empty() : Optional.of(cached);
    }
    JsonNode answer = fetch(url, progress);
    cache.put(url, answer);
    return answer.isNull() ? Optional.empty() : Optional.of(answer);
  }

  private JsonNode fetch(String url, Progress progress) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(withKey(url))).timeout(TIMEOUT)
        .header("Accept", "application/json").GET();
    settings.accessToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
    IOException last = null;
    for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
      progress.checkCancelled();
      awaitSlot();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        last = e;
        sleep(backoff(attempt), progress);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while calling TMDb");
      }
      int status = response.statusCode();
      if (status == 200) {
        return mapper.readTree(response.body());
      }
      if (status == 404) {
        return mapper.nullNode();
      }
      if (status == 401) {
        throw new IOException("TMDb refused the credentials (401): check plugins.metadata-tmdb.api-key / access-token");
      }
      if (status == 429 || status >= 500) {
        Duration wait = status == 429 ? retryAfter(response) : backoff(attempt);
        log.debug("TMDb answered {} for {}; retrying in {}", status, redact(url), wait);
        last = new IOException("TMDb answered " + status + " for " + redact(url));
        if (attempt < settings.maxRetries()) {
          sleep(wait, progress);
        }
        continue;
      }
      throw new IOException("TMDb answered " + status + " for " + redact(url));
    }
    throw last;
  }

  private Duration retryAfter(HttpResponse<?> response) {
    Duration wait = response.headers().firstValue("Retry-After").map(v -> {
      try {
        return Duration.ofSeconds(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        return Duration.ofSeconds(1);
      }
    }).orElse(Duration.ofSeconds(1));
    return wait.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : wait;
  }

  private static Duration backoff(int attempt) {
    return Duration.ofMillis(250L << Math.min(attempt, 5));
  }

  /** Spaces requests at least 1/requests-per-second apart. */
  private void awaitSlot() {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for TMDb's rate limit");
      }
    }
  }

  private static void sleep(Duration wait, Progress progress) {
    long until = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < until) {
        progress.checkCancelled();
        Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to retry TMDb");
    }
  }

  private String withKey(String url) {
    if (settings.accessToken().isPresent() || settings.apiKey().isEmpty()) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "api_key=" + encode(settings.apiKey().get());
  }

  private static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    return "?" + query.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String redact(String url) {
    return url.replaceAll("api_key=[^&]*", "api_key=***");
  }
}
