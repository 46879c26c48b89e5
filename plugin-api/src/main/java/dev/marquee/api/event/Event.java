package dev.marquee.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened. Topics are dotted lower-case names, owner first: {@code task.progress},
 * {@code plugin.state}, {@code example.greeted}.
 *
 * @param topic what happened
 * @param data details, serialisable as JSON (a record, a map, a string...); may be null
 * @param at when it happened (UTC)
 */
public record Event(String topic, Object data, Instant at) {
  public Event {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(at, "at");
  }
}
