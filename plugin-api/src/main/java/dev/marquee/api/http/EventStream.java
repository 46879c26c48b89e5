package dev.marquee.api.http;

/**
 * An open Server-Sent Events response. Thread-safe: any thread may send. Sending never blocks; a
 * client that cannot keep up is disconnected rather than buffered without bound.
 */
public interface EventStream extends AutoCloseable {

  /**
   * Sends one event.
   *
   * @param event the event name ({@code event:} field), or null for the default "message"
   * @param id the event id ({@code id:} field), or null for none
   * @param data the data, usually JSON; may hold newlines
   */
  void send(String event, String id, String data);

  /** Whether the client is still connected. */
  boolean isOpen();

  /** Runs {@code listener} once, on any thread, when the stream closes for whatever reason. */
  void onClose(Runnable listener);

  /** Ends the stream. Idempotent. */
  @Override
  void close();
}
