package dev.marquee.metadata.tmdb;

import dev.marquee.api.PluginConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The plugin's settings (keys under {@code plugins.metadata-tmdb.}).
 *
 * @param apiKey {@code api-key}: a v3 API key, sent as the {@code api_key} query parameter
 * @param accessToken {@code access-token}: a v4 read access token, sent as a bearer token; wins over
 *     the key when both are set
 * @param baseUrl {@code base-url} (default {@code https://api.themoviedb.org/3})
 * @param imageBaseUrl {@code image-base-url} (default {@code https://image.tmdb.org/t/p/original})
 * @param requestsPerSecond {@code requests-per-second} (default 20): the client's own limit
 * @param maxRetries {@code max-retries} (default 3): retries of a 429 or 5xx answer
 * @param maxRetryWait {@code max-retry-wait} (default 30s): the longest Retry-After honoured
 * @param cacheTtl {@code cache-ttl} (default 6h): how long answers are cached
 * @param country {@code country} (default {@code US}): whose age ratings to take
 */
record TmdbSettings(Optional<String> apiKey, Optional<String> accessToken, URI baseUrl, String imageBaseUrl,
    int requestsPerSecond, int maxRetries, Duration maxRetryWait, Duration cacheTtl, String country) {

  static final String DEFAULT_BASE_URL = "https://api.themoviedb.org/3";
  static final String DEFAULT_IMAGE_BASE_URL = "https://image.tmdb.org/t/p/original";

  static TmdbSettings from(PluginConfig config) {
    String base = config.get("base-url", DEFAULT_BASE_URL).trim();
    return new TmdbSettings(
        config.get("api-key").map(String::trim).filter(s -> !s.isEmpty()),
        config.get("access-token").map(String::trim).filter(s -> !s.isEmpty()),
        URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
        stripSlash(config.get("image-base-url", DEFAULT_IMAGE_BASE_URL).trim()),
        Math.max(1, config.getInt("requests-per-second", 20)),
        Math.max(0, config.getInt("max-retries", 3)),
        config.getDuration("max-retry-wait", Duration.ofSeconds(30)),
        config.getDuration("cache-ttl", Duration.ofHours(6)),
        config.get("country", "US").trim().toUpperCase(java.util.Locale.ROOT));
  }

  boolean configured() {
    return apiKey.isPresent() || accessToken.isPresent();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
