package dev.marquee.kernel.playback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes trickplay sheets in the background: {@code playback.trickplay-threads} low-priority threads
 * over a queue of {@value #CAPACITY} files, never in a scan's way. A file is queued once it is
 * probed ({@code media.probed} {@code {fileId}}) and has no current sheets; after {@code
 * library.scanned} {@code {libraryId}} the library's files still without are queued. Files a full
 * queue turns away wait in the database for the task {@value #TASK}, which also deletes the sheets
 * of files that are gone and of libraries that turned trickplay off.
 *
 * <p>A library's files get sheets when it holds movies, series or both ({@code movie}, {@code
 * series}, {@code mixed}), unless its settings say {@code "trickplay": false} or {@code "probe":
 * false} (sheets need the probed video stream and duration).
 */
@Singleton
final class TrickplayQueue {
  /** The kernel task that refills the queue from the database and cleans up. */
  static final String TASK = "playback.trickplay";
  /** Files waiting in memory; more wait in the database. */
  static final int CAPACITY = 1000;
  private static final Logger log = LoggerFactory.getLogger(TrickplayQueue.class);
  private static final ObjectMapper JSON = Json.newMapper();
  private static final Set<String> VIDEO_LIBRARIES = Set.of("movie", "series", "mixed");
  private static final int ID_CHUNK = 500;

  private final Jdbi jdbi;
  private final EventBus events;
  private final TrickplayMaker maker;
  private final TrickplaySettings settings;
  private final ThreadPoolExecutor executor;
  /** Files queued or being made: a file is never queued twice. */
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();
  private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
  private volatile boolean stopping;

  @Inject
  TrickplayQueue(Jdbi jdbi, EventBus events, TrickplayMaker maker, TrickplaySettings settings) {
    this.jdbi = jdbi;
    this.events = events;
    this.maker = maker;
    this.settings = settings;
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(CAPACITY), runnable -> {
          Thread thread = new Thread(runnable, "marquee-trickplay-" + count.incrementAndGet());
          thread.setDaemon(true);
          thread.setPriority(Thread.MIN_PRIORITY);
          return thread;
        });
  }

  synchronized void start() {
    subscriptions.add(events.subscribe("library.scanned", this::onScanned));
    subscriptions.add(events.subscribe("media.probed", this::onProbed));
  }

  synchronized void stop() throws InterruptedException {
    stopping = true;
    subscriptions.forEach(EventBus.Subscription::close);
    subscriptions.clear();
    executor.shutdownNow();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn("trickplay threads still running after 10 s");
    }
  }

  /** Files queued or being made. */
  int backlog() {
    return queued.size();
  }

  /**
   * Queues the files without current sheets of every library with trickplay, or of one, as far as
   * the queue has room. Never blocks.
   *
   * @param libraryId one library, or empty for all
   * @return how many files were queued
   */
  int refill(Optional<Long> libraryId) {
    List<TrickplayStore.LibraryRow> libraries = jdbi.withExtension(TrickplayStore.class, s -> libraryId
        .map(id -> s.library(id).stream().toList())
        .orElseGet(s::libraries));
    int offered = 0;
    for (TrickplayStore.LibraryRow library : libraries) {
      if (!enabled(library)) {
        continue;
      }
      int room = executor.getQueue().remainingCapacity();
      if (room == 0 || stopping) {
        break;
      }
      // queued files are pending too until made: ask for enough to get past them
      List<TrickplayStore.FileToMake> pending = jdbi.withExtension(TrickplayStore.class,
          s -> s.pendingOfLibrary(library.id(), settings.intervalMs(), settings.width(), room + queued.size()));
      for (TrickplayStore.FileToMake file : pending) {
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

  /**
   * Deletes the sheets of files that are no longer in the catalog (purged, their library deleted),
   * and the sheets and rows of libraries that turned trickplay off.
   *
   * @return how many files' sheets were deleted
   */
  int clean() {
    int deleted = 0;
    for (TrickplayStore.LibraryRow library : jdbi.withExtension(TrickplayStore.class, TrickplayStore::libraries)) {
      if (enabled(library)) {
        continue;
      }
      for (long fileId : jdbi.withExtension(TrickplayStore.class, s -> s.madeOfLibrary(library.id()))) {
        if (!queued.contains(fileId) && delete(fileId)) {
          jdbi.useExtension(TrickplayStore.class, s -> s.delete(fileId));
          deleted++;
        }
      }
    }
    return deleted + sweep();
  }

  /** Deletes the folders of files the catalog no longer has. */
  private int sweep() {
    List<Long> ids = new ArrayList<>();
    if (Files.isDirectory(settings.dir())) {
      try (Stream<Path> children = Files.list(settings.dir())) {
        children.map(path -> path.getFileName().toString()).filter(name -> name.matches("[1-9][0-9]{0,18}"))
            .map(Long::parseLong).forEach(ids::add);
      } catch (IOException e) {
        log.warn("cannot list {}: {}", settings.dir(), e.getMessage());
        return 0;
      }
    }
    int deleted = 0;
    for (int start = 0; start < ids.size(); start += ID_CHUNK) {
      List<Long> slice = ids.subList(start, Math.min(ids.size(), start + ID_CHUNK));
      Set<Long> existing = new HashSet<>(jdbi.withExtension(TrickplayStore.class, s -> s.existingFiles(slice)));
      for (long fileId : slice) {
        // a file deleted while it is made is cleaned up by its maker
        if (!existing.contains(fileId) && !queued.contains(fileId) && delete(fileId)) {
          deleted++;
        }
      }
    }
    if (deleted > 0) {
      log.info("deleted the trickplay sheets of {} file(s) no longer in the catalog", deleted);
    }
    return deleted;
  }

  private boolean delete(long fileId) {
    try {
      maker.deleteSheets(fileId);
      return true;
    } catch (IOException e) {
      log.warn("cannot delete the trickplay sheets of file {}: {}", fileId, e.getMessage());
      return false;
    }
  }

  /** Queues a file unless it is queued already; false when the queue is full or stopped. */
  private boolean offer(TrickplayStore.FileToMake file) {
    if (!queued.add(file.fileId())) {
      return true;
    }
    try {
      executor.execute(() -> make(file));
      return true;
    } catch (RejectedExecutionException e) {
      queued.remove(file.fileId());
      return false;
    }
  }

  private void make(TrickplayStore.FileToMake file) {
    try {
      maker.make(file, () -> stopping);
    } catch (CancellationException e) {
      log.debug("trickplay of file {} stopped: {}", file.fileId(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      log.warn("trickplay of file {} ({}) failed; it is tried again by {}", file.fileId(), file.path(), TASK, e);
    } finally {
      queued.remove(file.fileId());
    }
  }

  /** A file was probed: new or changed files get their sheets once they are probed. */
  private void onProbed(Event event) {
    JsonNode fileId = data(event).path("fileId");
    if (!fileId.canConvertToLong()) {
      return;
    }
    Optional<TrickplayStore.FileToMake> file = jdbi.withExtension(TrickplayStore.class, s -> s
        .pendingFile(fileId.asLong(), settings.intervalMs(), settings.width())
        .filter(pending -> s.library(pending.libraryId()).map(TrickplayQueue::enabled).orElse(false)));
    if (file.isPresent() && !offer(file.get())) {
      log.debug("trickplay queue full: file {} waits for {}", fileId.asLong(), TASK);
    }
  }

  private void onScanned(Event event) {
    JsonNode data = data(event);
    JsonNode libraryId = data.path("libraryId");
    refill(libraryId.canConvertToLong() ? Optional.of(libraryId.asLong()) : Optional.empty());
    if (data.path("purged").asInt(0) > 0) {
      sweep();
    }
  }

  /**
   * Whether trickplay makes sheets of a library's files: movie, series and mixed libraries unless
   * their settings say {@code "trickplay": false} or {@code "probe": false}. Unreadable settings
   * count as the defaults.
   */
  static boolean enabled(TrickplayStore.LibraryRow library) {
    if (!VIDEO_LIBRARIES.contains(library.type())) {
      return false;
    }
    try {
      JsonNode settings = JSON.readTree(library.settings() == null ? "{}" : library.settings());
      return settings == null
          || (settings.path("trickplay").asBoolean(true) && settings.path("probe").asBoolean(true));
    } catch (IOException e) {
      return true;
    }
  }

  private static JsonNode data(Event event) {
    try {
      return event.data() == null ? JSON.createObjectNode() : JSON.valueToTree(event.data());
    } catch (IllegalArgumentException e) {
      return JSON.createObjectNode();
    }
  }
}
