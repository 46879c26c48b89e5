package dev.marquee.kernel.auth;

import java.time.Instant;

/**
 * A stored refresh token (its hash only).
 *
 * @param rotatedAt when it was exchanged for its successor, or null while it is the family's current one
 * @param revokedAt when it was revoked, or null
 */
record RefreshToken(long id, long userId, String tokenHash, String familyId, Instant createdAt, Instant expiresAt,
    Instant rotatedAt, Instant revokedAt) {}
