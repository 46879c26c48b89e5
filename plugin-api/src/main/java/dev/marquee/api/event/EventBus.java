package dev.marquee.api.event;

import java.util.function.Consumer;

/**
 * Publishes events to listeners in this process, and to signed-in clients over {@code
 * /api/v1/events}. Thread-safe. Listeners run on a kernel thread, never on the publisher's, one
 * event at a time per listener and in publishing order; a listener that throws is logged and kept.
 */
public interface EventBus {

  /** Publishes an event now; never blocks. */
  void publish(String topic, Object data);

  /**
   * Listens to events whose topic equals {@code topicPrefix} or starts with {@code topicPrefix + "."};
   * an empty prefix listens to everything.
   *
   * @return a handle whose {@code close()} stops listening
   */
  Subscription subscribe(String topicPrefix, Consumer<Event> listener);

  /** An active subscription. */
  interface Subscription extends AutoCloseable {
    /** Stops delivery; idempotent. */
    @Override
    void close();
  }
}
