package dev.marquee.api.marker;

import java.time.Duration;
import java.util.Objects;

/**
 * A skippable part of one episode. Immutable.
 *
 * @param itemId the catalog's id of the episode
 * @param type what the part is
 * @param start where it starts, from the beginning of the file
 * @param end where it ends; after {@code start}
 * @param confidence how sure the detector is, 0.0–1.0
 */
public record Marker(String itemId, Type type, Duration start, Duration end, double confidence) {

  /** What a marked part is. */
  public enum Type {
    /** The opening titles and theme. */
    INTRO,
    /** "Previously on...". */
    RECAP,
    /** The closing credits. */
    CREDITS,
    /** Whatever follows the story other than credits: a preview of the next episode. */
    OUTRO
  }

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException when {@code start} is negative, {@code end} is not after it, or
   *     {@code confidence} is outside 0.0–1.0
   */
  public Marker {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.isNegative() || end.compareTo(start) <= 0) {
      throw new IllegalArgumentException("a marker needs 0 <= start < end: " + start + ".." + end);
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be within 0.0–1.0: " + confidence);
    }
  }
}
