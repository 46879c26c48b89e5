package dev.marquee.kernel.http;

import dev.marquee.kernel.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The server's request-handling settings, read once from the configuration.
 *
 * @param maxBodyBytes {@code http.max-body-bytes}: the largest request body read (413 beyond)
 * @param trustProxy {@code http.trust-proxy}: take the client address from X-Forwarded-For
 * @param eventStreamKeepAlive {@code http.sse-keep-alive}: how often an idle event stream sends a
 *     comment; also how soon a client that left is noticed and its subscription dropped
 * @param basicChallengePaths {@code http.basic-challenge-paths} (default {@code /opds/}): path
 *     prefixes, comma-separated, whose 401 answers challenge for HTTP Basic (OPDS readers ask for
 *     a password only then); elsewhere a 401 names Bearer, so browsers never pop a login dialog
 */
record HttpSettings(long maxBodyBytes, boolean trustProxy, Duration eventStreamKeepAlive,
    List<String> basicChallengePaths) {

  static HttpSettings from(Config config) {
    return new HttpSettings(
        config.getLong("http.max-body-bytes", 1 << 20),
        config.getBoolean("http.trust-proxy", false),
        config.getDuration("http.sse-keep-alive", Duration.ofSeconds(15)),
        Arrays.stream(config.get("http.basic-challenge-paths", "/opds/").split(","))
            .map(String::strip).filter(prefix -> prefix.startsWith("/")).toList());
  }

  /** The {@code WWW-Authenticate} value of a 401 answer to a request for {@code path}. */
  String challenge(String path) {
    return basicChallengePaths.stream().anyMatch(path::startsWith)
        ? "Basic realm=\"Marquee\", charset=\"UTF-8\"" : "Bearer realm=\"Marquee\"";
  }
}
