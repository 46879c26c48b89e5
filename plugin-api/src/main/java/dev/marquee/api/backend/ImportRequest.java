package dev.marquee.api.backend;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a library to import. Immutable.
 *
 * @param libraryId the library
 * @param userId whose play state to read
 * @param cursor where the previous page ended (its {@link ImportPage#nextCursor()}); empty for the
 *     first page
 * @param changedSince only items added or changed since then, when the server can filter so; empty
 *     for all
 * @param limit the most items in the page, 1–500
 */
public record ImportRequest(String libraryId, String userId, Optional<String> cursor, Optional<Instant> changedSince, int limit) {

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException when {@code limit} is outside 1–500
   */
  public ImportRequest {
    Objects.requireNonNull(libraryId, "libraryId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(changedSince, "changedSince");
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must be within 1–500: " + limit);
    }
  }
}
