package dev.marquee.kernel.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.http.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * the order of arrival (a series is matched before its episodes, which need its ids). Once a series
 * is matched, its unmatched seasons and episodes are queued again ({@link #matchDescendants}). When
 * the bounded queue is full the item is turned away (counted in the log) and the task {@value
 * #PENDING_TASK} queues it later; an item no provider could match is retried after {@code
 * metadata.retry-after} (metadata_attempts).
 */
@Singleton
final class AutoMatcher {
  /** The kernel task that refills the queue from the database. */
  static final String PENDING_TASK = "metadata.match-pending";
  static final String TOPIC = "library.item.added";
  private static final Logger log = LoggerFactory.getLogger(AutoMatcher.class);
  private static final int ATTEMPT_BATCH = 500;

  private final MetadataService service;
  private final MetadataStore store;
  private final EventBus events;
  private final MetadataSettings settings;
  private final ObjectMapper mapper = Json.newMapper();
  private final Clock clock;
  /** Items queued and not yet processed: an item is queued once however many times it is announced. */
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();
  private final AtomicLong dropped = new AtomicLong();
  /** Items tried without a match, recorded in batches so that a big scan is not slowed by one write per item. */
  private final List<Long> unmatchedAttempts = new ArrayList<>();
  private ThreadPoolExecutor worker;
  private EventBus.Subscription subscription;

  @Inject
  AutoMatcher(MetadataService service, MetadataStore store, EventBus events, MetadataSettings settings, Clock clock) {
    this.clock = clock;
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
    Object kind;
    try {
      Map<?, ?> data = mapper.convertValue(event.data(), Map.class);
      Object id = data.get("itemId");
      itemId = id instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(id));
      kind = data.get("kind");
    } catch (RuntimeException e) {
      log.warn("{} without a usable itemId: {}", TOPIC, event.data());
      return;
    }
    // Seasons and extras are not matched on their own: skip them before they take a place in the queue.
    if ("season".equals(kind) || "extra".equals(kind)) {
      return;
    }
    enqueue(itemId, false);
  }

  /**
   * Queues the unmatched seasons and episodes of a series that was just matched: they could not be
   * matched without its ids. Does nothing when automatic matching is off.
   */
  void matchDescendants(long seriesId) {
    for (long id : store.unmatchedDescendants(seriesId)) {
      enqueue(id, true);
    }
  }

  /**
   * Queues unmatched items never tried, or tried longer than {@code metadata.retry-after} ago, as far
   * as the queue has room; for the task {@value #PENDING_TASK}.
   *
   * @return how many were queued
   */
  int refill() {
    ThreadPoolExecutor current;
    synchronized (this) {
      current = worker;
    }
    if (current == null) {
      return 0;
    }
    int queuedNow = 0;
    long before = clock.millis() - settings.retryAfter().toMillis();
    for (long id : store.pendingItems(before, current.getQueue().remainingCapacity())) {
      if (enqueue(id, false)) {
        queuedNow++;
      }
    }
    return queuedNow;
  }

  /** Items waiting to be matched. */
  int backlog() {
    return queued.size();
  }

  private boolean enqueue(long itemId, boolean seasonsToo) {
    ThreadPoolExecutor current;
    synchronized (this) {
      current = worker;
    }
    if (current == null || !queued.add(itemId)) {
      return false;
    }
    try {
      current.execute(() -> match(itemId, seasonsToo));
      return true;
    } catch (RejectedExecutionException e) {
      queued.remove(itemId);
      long count = dropped.incrementAndGet();
      if (count == 1 || count % 1000 == 0) {
        log.warn("metadata queue full: {} item(s) turned away so far; task {} queues them later", count, PENDING_TASK);
      }
      return false;
    }
  }

  private void match(long itemId, boolean seasonsToo) {
    try {
      Optional<CatalogItem> item = store.item(itemId)
          .filter(i -> "unmatched".equals(i.matchState()))
          .filter(i -> i.parentId() == null ? !"extra".equals(i.kind()) && !"season".equals(i.kind())
              : "episode".equals(i.kind()) || (seasonsToo && "season".equals(i.kind())));
      if (item.isEmpty()) {
        return;
      }
      if (service.autoMatch(itemId)) {
        if ("series".equals(item.get().kind())) {
          matchDescendants(itemId);
        }
      } else {
        attempted(itemId);
      }
    } catch (RuntimeException e) {
      log.warn("matching item {} failed", itemId, e);
    } finally {
      queued.remove(itemId);
      if (queued.isEmpty()) {
        flushAttempts();
      }
    }
  }

  /** Runs on the one worker thread only. */
  private void attempted(long itemId) {
    unmatchedAttempts.add(itemId);
    if (unmatchedAttempts.size() >= ATTEMPT_BATCH) {
      flushAttempts();
    }
  }

  private void flushAttempts() {
    if (unmatchedAttempts.isEmpty()) {
      return;
    }
    try {
      store.recordAttempts(List.copyOf(unmatchedAttempts));
    } catch (RuntimeException e) {
      // Not fatal: those items are tried again at the next match-pending run.
      log.warn("recording {} match attempt(s) failed: {}", unmatchedAttempts.size(), e.toString());
    }
    unmatchedAttempts.clear();
  }
}
