package dev.marquee.kernel.auth;

import dev.marquee.api.http.Role;
import java.time.Instant;

/**
 * A stored invite (its code's hash only).
 *
 * @param createdBy the admin's user id
 * @param usedBy the id of the user who registered with it, or null while unused
 */
record Invite(long id, String codeHash, Role role, long createdBy, Instant createdAt, Instant expiresAt, Long usedBy,
    Instant usedAt) {}
