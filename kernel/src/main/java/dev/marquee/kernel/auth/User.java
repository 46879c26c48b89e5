package dev.marquee.kernel.auth;

import dev.marquee.api.http.Role;
import java.time.Instant;

/**
 * A stored user.
 *
 * @param usernameKey the lower-cased username, unique
 * @param tokenVersion moves on password change and disable; access tokens of an older one are dead
 */
record User(long id, String username, String usernameKey, String passwordHash, Role role, boolean disabled,
    int tokenVersion, Instant createdAt, Instant updatedAt) {}
