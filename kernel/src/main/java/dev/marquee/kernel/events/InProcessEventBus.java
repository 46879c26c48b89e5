package dev.marquee.kernel.events;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventBus}: each subscription has its own queue drained on the shared event executor,
 * so a listener sees events one at a time and in order, and a slow listener delays only itself.
 */
@Singleton
public final class InProcessEventBus implements EventBus {
  private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);
  /** A listener this far behind loses its oldest events rather than the process its memory. */
  static final int MAX_QUEUED = 10_000;

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService executor;
  private final Clock clock;

  @Inject
  public InProcessEventBus(@Named("events") ExecutorService executor, Clock clock) {
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  public void publish(String topic, Object data) {
    Event event = new Event(topic, data, clock.instant());
    for (Listener listener : listeners) {
      if (listener.accepts(topic)) {
        listener.enqueue(event);
      }
    }
  }

  @Override
  public Subscription subscribe(String topicPrefix, Consumer<Event> consumer) {
    Listener listener = new Listener(topicPrefix, consumer);
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private final class Listener {
    private final String prefix;
    private final Consumer<Event> consumer;
    private final Queue<Event> queue = new ArrayDeque<>();
    private boolean draining;

    Listener(String prefix, Consumer<Event> consumer) {
      this.prefix = prefix;
      this.consumer = consumer;
    }

    boolean accepts(String topic) {
      return prefix.isEmpty() || topic.equals(prefix) || topic.startsWith(prefix + ".");
    }

    void enqueue(Event event) {
      synchronized (this) {
        if (queue.size() >= MAX_QUEUED) {
          queue.poll();
          log.warn("event listener on '{}' is {} events behind; dropping the oldest", prefix, MAX_QUEUED);
        }
        queue.add(event);
        if (draining) {
          return;
        }
        draining = true;
      }
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // the kernel is stopping: publish() must not throw at its callers, so the event is dropped
        log.debug("event bus stopped: {} not delivered to '{}'", event.topic(), prefix);
        synchronized (this) {
          draining = false;
        }
      }
    }

    private void drain() {
      while (true) {
        Event next;
        synchronized (this) {
          next = queue.poll();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          consumer.accept(next);
        } catch (RuntimeException e) {
          log.warn("event listener on '{}' failed on {}", prefix, next.topic(), e);
        }
      }
    }
  }
}
