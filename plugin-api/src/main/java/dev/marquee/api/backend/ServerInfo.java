package dev.marquee.api.backend;

import java.util.Objects;

/**
 * What a media server says about itself. Immutable.
 *
 * @param serverId the server's own stable id (Plex machine identifier, Jellyfin server id)
 * @param name its friendly name
 * @param version its software version
 */
public record ServerInfo(String serverId, String name, String version) {

  /** @throws NullPointerException when any component is null */
  public ServerInfo {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
