package dev.marquee.kernel.auth;

import java.time.Instant;

/**
 * A stored API key (its hash only).
 *
 * @param displayPrefix the key's first characters, shown in lists
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 */
record ApiKey(long id, long userId, String name, String keyHash, String displayPrefix, Instant createdAt,
    Instant lastUsedAt) {}
