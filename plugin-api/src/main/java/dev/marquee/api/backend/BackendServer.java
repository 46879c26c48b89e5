package dev.marquee.api.backend;

import java.net.URI;
import java.util.Objects;

/**
 * A configured media server, as the backend sync hands it to its connector. Immutable. {@link
 * #toString()} leaves the token out, so a server may be logged.
 *
 * @param type the connector type ({@code plex}, {@code jellyfin}, {@code emby})
 * @param baseUrl the server's address, for example {@code http://nas:32400}
 * @param token the credential: a Plex token, a Jellyfin/Emby API key or access token
 */
public record BackendServer(String type, URI baseUrl, String token) {

  /** @throws NullPointerException when any component is null */
  public BackendServer {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "BackendServer[type=" + type + ", baseUrl=" + baseUrl + "]";
  }
}
