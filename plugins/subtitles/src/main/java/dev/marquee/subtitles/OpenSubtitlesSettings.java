package dev.marquee.subtitles;

import dev.marquee.api.ApiVersion;
import dev.marquee.api.PluginConfig;
import java.net.URI;
import java.util.Optional;

/**
 * The OpenSubtitles settings (keys under {@code plugins.subtitles.}).
 *
 * @param apiKey {@code opensubtitles.api-key}: the consumer's API key, sent as {@code Api-Key}
 * @param username {@code opensubtitles.username}: with the password, downloads are counted against
 *     this account's quota (a bearer token from {@code /login}) rather than the anonymous one
 * @param password {@code opensubtitles.password}
 * @param baseUrl {@code opensubtitles.base-url} (default {@code https://api.opensubtitles.com/api/v1})
 * @param userAgent {@code opensubtitles.user-agent} (default {@code Marquee v<version>}): the
 *     application name OpenSubtitles asks every client to send
 */
record OpenSubtitlesSettings(Optional<String> apiKey, Optional<String> username, Optional<String> password,
    URI baseUrl, String userAgent) {

  static final String DEFAULT_BASE_URL = "https://api.opensubtitles.com/api/v1";
  static final String API_KEY = "plugins.subtitles.opensubtitles.api-key";

  static OpenSubtitlesSettings from(PluginConfig config) {
    String base = config.get("opensubtitles.base-url", DEFAULT_BASE_URL).trim();
    return new OpenSubtitlesSettings(
        nonBlank(config.get("opensubtitles.api-key")),
        nonBlank(config.get("opensubtitles.username")),
        nonBlank(config.get("opensubtitles.password")),
        URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
        config.get("opensubtitles.user-agent", "Marquee v" + ApiVersion.current()).trim());
  }

  boolean configured() {
    return apiKey.isPresent();
  }

  boolean login() {
    return username.isPresent() && password.isPresent();
  }

  private static Optional<String> nonBlank(Optional<String> value) {
    return value.map(String::trim).filter(s -> !s.isEmpty());
  }
}
