package dev.marquee.kernel.http;

import dev.marquee.api.http.EventStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link EventStream} over Undertow's non-blocking SSE connection: no thread is held per client.
 * Events sent before the connection is up are queued; a client with more than {@link #MAX_PENDING}
 * unsent events is disconnected.
 */
final class SseEventStream implements EventStream {
  static final int MAX_PENDING = 1_000;

  private record Pending(String event, String id, String data) {}

  private final AtomicInteger pending = new AtomicInteger();
  private final Queue<Pending> early = new ArrayDeque<>();
  private final List<Runnable> closeListeners = new ArrayList<>();
  private ServerSentEventConnection connection;
  private boolean closed;

  private SseEventStream() {}

  /**
   * Must run inside the exchange's handler call. The handshake starts only once the handler has
   * returned, so that what the handler set up after opening the stream (a bus subscription) is in
   * place before the client sees the response headers; until then sent events are queued.
   */
  static SseEventStream open(HttpServerExchange exchange, Duration keepAlive) {
    SseEventStream stream = new SseEventStream();
    exchange.getResponseHeaders().put(io.undertow.util.Headers.CACHE_CONTROL, "no-cache");
    exchange.getResponseHeaders().put(new io.undertow.util.HttpString("X-Accel-Buffering"), "no");
    ServerSentEventHandler handshake = new ServerSentEventHandler(
        (connection, lastEventId) -> stream.connected(connection, keepAlive));
    exchange.dispatch(SameThreadExecutor.INSTANCE, handshake);
    return stream;
  }

  private void connected(ServerSentEventConnection connection, Duration keepAlive) {
    // Undertow notices a client that left only when a write fails: the keep-alive comment is that
    // write on an idle stream, so it bounds how long a departed client keeps its subscriptions.
    connection.setKeepAliveTime(keepAlive.toMillis());
    connection.addCloseTask(c -> markClosed());
    synchronized (this) {
      this.connection = connection;
      if (closed) {
        early.clear();
        shutdown(connection);
        return;
      }
      // replayed under the lock so that no event sent meanwhile overtakes the early ones
      while (!early.isEmpty()) {
        Pending p = early.poll();
        send(p.event, p.id, p.data);
      }
    }
  }

  @Override
  public void send(String event, String id, String data) {
    ServerSentEventConnection c;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (connection == null) {
        if (early.size() < MAX_PENDING) {
          early.add(new Pending(event, id, data));
          return;
        }
        c = null;
      } else {
        c = connection;
      }
    }
    if (c == null) {
      // never connected and already too far behind
      close();
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      close();
      return;
    }
    c.send(data, event, id, new ServerSentEventConnection.EventCallback() {
      @Override
      public void done(ServerSentEventConnection connection, String data, String event, String id) {
        pending.decrementAndGet();
      }

      @Override
      public void failed(ServerSentEventConnection connection, String data, String event, String id, IOException e) {
        pending.decrementAndGet();
        close();
      }
    });
  }

  @Override
  public synchronized boolean isOpen() {
    return !closed && (connection == null || connection.isOpen());
  }

  @Override
  public void onClose(Runnable listener) {
    boolean runNow;
    synchronized (this) {
      runNow = closed;
      if (!runNow) {
        closeListeners.add(listener);
      }
    }
    if (runNow) {
      listener.run();
    }
  }

  @Override
  public void close() {
    ServerSentEventConnection c;
    synchronized (this) {
      c = connection;
    }
    if (c != null) {
      shutdown(c);
    }
    markClosed();
  }

  private static void shutdown(ServerSentEventConnection c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // the client is gone already
    }
  }

  private void markClosed() {
    List<Runnable> listeners;
    synchronized (this) {
      if (closed && closeListeners.isEmpty()) {
        return;
      }
      closed = true;
      listeners = new ArrayList<>(closeListeners);
      closeListeners.clear();
    }
    listeners.forEach(Runnable::run);
  }
}
