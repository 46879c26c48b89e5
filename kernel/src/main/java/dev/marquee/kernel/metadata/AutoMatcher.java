package dev.marquee.kernel.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.http.Json;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches what the scanner adds: listens to {@value #TOPIC} {@code {itemId, libraryId}} and queues
 * unmatched movies, series, books and episodes for {@link MetadataService#autoMatch}. The listener
 * only enqueues, so the scanner and the event bus never wait for a provider; one worker thread keeps
 * the order of arrival (a series is matched before its episodes, which need its ids). When the
 * bounded queue is full the item is dropped with a warning and stays unmatched until a refresh.
 */
@Singleton
final class AutoMatcher {
  static final String TOPIC = "library.item.added";
  private static final Logger log = LoggerFactory.getLogger(AutoMatcher.class);

  private final MetadataService service;
  private final MetadataStore store;
  private final EventBus events;
  private final MetadataSettings settings;
  private final ObjectMapper mapper = Json.newMapper();
  private ThreadPoolExecutor worker;
  private EventBus.Subscription subscription;

  @Inject
  AutoMatcher(MetadataService service, MetadataStore store, EventBus events, MetadataSettings settings) {
    this.service = service;
    this.store = store;
    this.events = events;
    this.settings = settings;
  }

  synchronized void start() {
    if (!settings.autoMatch()) {
      log.info("automatic metadata matching is off (metadata.auto-match=false)");
      return;
    }
    worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.queueSize()), runnable -> {
      Thread thread = new Thread(runnable, "marquee-metadata-match");
      thread.setDaemon(true);
      return thread;
    });
    subscription = events.subscribe(TOPIC, this::onItemAdded);
  }

  synchronized void stop() throws InterruptedException {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    if (worker != null) {
      worker.shutdownNow();
      worker.awaitTermination(5, TimeUnit.SECONDS);
      worker = null;
    }
  }

  private void onItemAdded(Event event) {
    if (!TOPIC.equals(event.topic()) || event.data() == null) {
      return;
    }
    long itemId;
    try {
      Object id = mapper.convertValue(event.data(), Map.class).get("itemId");
      itemId = id instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(id));
    } catch (RuntimeException e) {
      log.warn("{} without a usable itemId: {}", TOPIC, event.data());
      return;
    }
    ThreadPoolExecutor current;
    synchronized (this) {
      current = worker;
    }
    if (current == null) {
      return;
    }
    try {
      current.execute(() -> match(itemId));
    } catch (RejectedExecutionException e) {
      log.warn("metadata queue full: item {} stays unmatched until refreshed", itemId);
    }
  }

  private void match(long itemId) {
    try {
      store.item(itemId)
          .filter(item -> "unmatched".equals(item.matchState()))
          .filter(item -> item.parentId() == null ? !"extra".equals(item.kind()) && !"season".equals(item.kind())
              : "episode".equals(item.kind()))
          .ifPresent(item -> service.autoMatch(itemId));
    } catch (RuntimeException e) {
      log.warn("matching item {} failed", itemId, e);
    }
  }
}
