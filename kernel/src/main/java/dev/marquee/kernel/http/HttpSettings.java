package dev.marquee.kernel.http;

import dev.marquee.kernel.config.Config;
import java.time.Duration;

/**
 * The server's request-handling settings, read once from the configuration.
 *
 * @param maxBodyBytes {@code http.max-body-bytes}: the largest request body read (413 beyond)
 * @param trustProxy {@code http.trust-proxy}: take the client address from X-Forwarded-For
 * @param eventStreamKeepAlive {@code http.sse-keep-alive}: how often an idle event stream sends a
 *     comment; also how soon a client that left is noticed and its subscription dropped
 */
record HttpSettings(long maxBodyBytes, boolean trustProxy, Duration eventStreamKeepAlive) {

  static HttpSettings from(Config config) {
    return new HttpSettings(
        config.getLong("http.max-body-bytes", 1 << 20),
        config.getBoolean("http.trust-proxy", false),
        config.getDuration("http.sse-keep-alive", Duration.ofSeconds(15)));
  }
}
