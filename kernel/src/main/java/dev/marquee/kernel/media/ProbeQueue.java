package dev.marquee.kernel.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes library files in the background: {@code media.probe-threads} threads over a queue of
 * {@code media.probe-queue} files. Listens to {@code library.item.added} {@code {itemId,
 * libraryId}} and {@code library.scanned} {@code {libraryId}}. Never blocks a publisher: when the
 * queue is full, files wait in the database (never probed, or changed since) until {@value
 * #PENDING_TASK} refills the queue. Files of book libraries, of books, and of libraries whose
 * settings say {@code "probe": false} are not probed.
 */
@Singleton
final class ProbeQueue {
  /** The kernel task that refills the queue from the database. */
  static final String PENDING_TASK = "media.probe-pending";
  private static final Logger log = LoggerFactory.getLogger(ProbeQueue.class);
  private static final ObjectMapper JSON = Json.newMapper();
  private static final Set<String> NO_FILES_TO_PROBE = Set.of("book", "series", "season");
  private static final long PROBE_FLAG_TTL_MS = 2000;

  private final Jdbi jdbi;
  private final EventBus events;
  private final FileProber prober;
  private final ThreadPoolExecutor executor;
  /** Files queued or being probed: a file is never queued twice. */
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();
  private final Map<Long, ProbeFlag> probeFlags = new ConcurrentHashMap<>();
  private final List<EventBus.Subscription> subscriptions = new ArrayList<>();

  @Inject
  ProbeQueue(Jdbi jdbi, EventBus events, FileProber prober, MediaSettings settings) {
    this.jdbi = jdbi;
    this.events = events;
    this.prober = prober;
    AtomicInteger count = new AtomicInteger();
    // threads start on the first file; offers work before start()
    this.executor = new ThreadPoolExecutor(settings.probeThreads(), settings.probeThreads(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(settings.probeQueue()), runnable -> {
          Thread thread = new Thread(runnable, "marquee-probe-" + count.incrementAndGet());
          thread.setDaemon(true);
          thread.setPriority(Thread.NORM_PRIORITY - 1);
          return thread;
        });
  }

  synchronized void start() {
    subscriptions.add(events.subscribe("library.item.added", this::onItemAdded));
    subscriptions.add(events.subscribe("library.scanned", this::onScanned));
  }

  synchronized void stop() throws InterruptedException {
    subscriptions.forEach(EventBus.Subscription::close);
    subscriptions.clear();
    executor.shutdownNow();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn("probe threads still running after 10 s");
    }
  }

  /**
   * Queues a file unless it is queued already. Never blocks.
   *
   * @return false when the queue is full or stopped
   */
  boolean offer(ProbeStore.FileToProbe file) {
    if (!queued.add(file.fileId())) {
      return true;
    }
    try {
      executor.execute(() -> probe(file));
      return true;
    } catch (RejectedExecutionException e) {
      queued.remove(file.fileId());
      return false;
    }
  }

  /** Room left in the queue. */
  int remainingCapacity() {
    return executor.getQueue().remainingCapacity();
  }

  /** Files queued or being probed. */
  int backlog() {
    return queued.size();
  }

  /**
   * Queues files waiting in the database (never probed, or changed since) of every library that is
   * probed, or of one, until the queue is full.
   *
   * @param libraryId one library, or empty for all
   * @return how many files were queued
   */
  int refill(Optional<Long> libraryId) {
    List<ProbeStore.LibraryRow> libraries = jdbi.withExtension(ProbeStore.class, s -> libraryId
        .map(id -> s.library(id).stream().toList())
        .orElseGet(s::libraries));
    int offered = 0;
    for (ProbeStore.LibraryRow library : libraries) {
      if (!FileProber.probes(library)) {
        continue;
      }
      // queued files are pending too until probed: ask for enough to get past them
      int room = remainingCapacity();
      if (room == 0) {
        break;
      }
      List<ProbeStore.FileToProbe> pending = jdbi.withExtension(ProbeStore.class,
          s -> s.pendingOfLibrary(library.id(), room + queued.size()));
      for (ProbeStore.FileToProbe file : pending) {
        if (queued.contains(file.fileId())) {
          continue;
        }
        if (!offer(file)) {
          return offered;
        }
        offered++;
      }
    }
    return offered;
  }

  private void probe(ProbeStore.FileToProbe file) {
    try {
      prober.probe(file);
    } catch (CancellationException e) {
      log.debug("probe of file {} stopped: {}", file.fileId(), e.getMessage());
    } catch (RuntimeException e) {
      log.warn("probe of file {} failed", file.fileId(), e);
    } finally {
      queued.remove(file.fileId());
    }
  }

  private void onItemAdded(Event event) {
    JsonNode data = data(event);
    if (!data.path("itemId").canConvertToLong()) {
      log.warn("{} without an itemId: {}", event.topic(), event.data());
      return;
    }
    long itemId = data.path("itemId").asLong();
    String itemKind = data.path("kind").asText("");
    // shows, seasons and books have no files to probe; a library that is not probed needs no look-up per item
    if (NO_FILES_TO_PROBE.contains(itemKind)
        || (data.path("libraryId").canConvertToLong() && !probesLibrary(data.path("libraryId").asLong()))) {
      return;
    }
    List<ProbeStore.FileToProbe> pending = jdbi.withExtension(ProbeStore.class, s -> {
      if (s.itemKind(itemId).filter(kind -> !kind.equals("book")).isEmpty()) {
        return List.<ProbeStore.FileToProbe>of();
      }
      List<ProbeStore.FileToProbe> files = s.pendingOfItem(itemId);
      if (files.isEmpty() || !s.library(files.get(0).libraryId()).map(FileProber::probes).orElse(false)) {
        return List.<ProbeStore.FileToProbe>of();
      }
      return files;
    });
    for (ProbeStore.FileToProbe file : pending) {
      if (!offer(file)) {
        log.debug("probe queue full: file {} waits for {}", file.fileId(), PENDING_TASK);
        return;
      }
    }
  }

  /**
   * Whether the library's files are probed, remembered for {@value #PROBE_FLAG_TTL_MS} ms so a scan
   * adding thousands of items asks the database once instead of once per item.
   */
  private boolean probesLibrary(long libraryId) {
    long now = System.nanoTime();
    ProbeFlag flag = probeFlags.get(libraryId);
    if (flag == null || now - flag.readAt() > TimeUnit.MILLISECONDS.toNanos(PROBE_FLAG_TTL_MS)) {
      boolean probes = jdbi.withExtension(ProbeStore.class, s -> s.library(libraryId)).map(FileProber::probes)
          .orElse(false);
      flag = new ProbeFlag(probes, now);
      probeFlags.put(libraryId, flag);
    }
    return flag.probes();
  }

  private record ProbeFlag(boolean probes, long readAt) {}

  private void onScanned(Event event) {
    JsonNode libraryId = data(event).path("libraryId");
    refill(libraryId.canConvertToLong() ? Optional.of(libraryId.asLong()) : Optional.empty());
  }

  private static JsonNode data(Event event) {
    try {
      return event.data() == null ? JSON.createObjectNode() : JSON.valueToTree(event.data());
    } catch (IllegalArgumentException e) {
      return JSON.createObjectNode();
    }
  }
}
