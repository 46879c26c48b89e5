package dev.marquee.example;

import java.time.Instant;

/**
 * One stored greeting.
 *
 * @param id its id, assigned by the database
 * @param text what it says, 1 to {@value #MAX_LENGTH} characters
 * @param createdAt when it was stored (UTC)
 */
public record Greeting(long id, String text, Instant createdAt) {
  /** The longest text a greeting may have, in characters (code points). */
  public static final int MAX_LENGTH = 280;
}
