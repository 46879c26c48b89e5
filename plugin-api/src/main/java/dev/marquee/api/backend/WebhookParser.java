package dev.marquee.api.backend;

import java.util.List;
import java.util.Map;

/**
 * An optional ability of a {@link BackendConnector}: understanding the webhooks its server type
 * sends (Plex webhooks, the Jellyfin and Emby webhook plugins). The kernel receives the request on
 * its webhook route, checks the shared secret, and hands over the raw request.
 *
 * <p>Thread-safe. Pure: no I/O, never blocks.
 */
public interface WebhookParser {

  /**
   * Reads one webhook request.
   *
   * @param headers request headers, names in lower case
   * @param body the raw body (JSON, or Plex's multipart form with a {@code payload} part)
   * @return the events it carries; empty for events Marquee does not use
   * @throws IllegalArgumentException when the body is not a webhook of this server type; the kernel
   *     answers 400
   */
  List<BackendEvent> parse(Map<String, List<String>> headers, byte[] body);
}
