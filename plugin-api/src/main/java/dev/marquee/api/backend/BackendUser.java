package dev.marquee.api.backend;

import java.util.Objects;

/**
 * A user account on a media server. Immutable.
 *
 * @param id the server's id for the user
 * @param name the user's display name
 * @param admin whether the user administers that server
 */
public record BackendUser(String id, String name, boolean admin) {

  /** @throws NullPointerException when any component is null */
  public BackendUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
