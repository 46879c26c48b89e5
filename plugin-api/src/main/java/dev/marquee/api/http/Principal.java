package dev.marquee.api.http;

import java.util.Objects;

/**
 * The signed-in user a request acts for.
 *
 * @param userId the user's id
 * @param username the user's name
 * @param role the user's role
 */
public record Principal(long userId, String username, Role role) {
  public Principal {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }

  /** Whether this user is an administrator. */
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
