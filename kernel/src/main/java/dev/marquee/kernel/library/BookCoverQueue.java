package dev.marquee.kernel.library;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.catalog.EmbeddedArtwork;
import dev.marquee.kernel.catalog.EmbeddedArtwork.FileState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts book covers in the background, on one low-priority thread, never during a scan: after a
 * scan of a book or mixed library that added, changed or moved files ({@code library.scanned}), and
 * once at start for every such library, it reads the cover of each book file not read at its current
 * size and modification time, {@value #BATCH} files per query, and stores it with {@link
 * EmbeddedArtwork}. A rescan that changed nothing costs nothing here.
 *
 * <p>Covers are read here rather than by {@link BookReader} during the scan: the scan reads a new
 * book's metadata inside its write transaction, and a cover means writing a file (and, for a PDF,
 * rendering a page, a tenth of a second or more), which would slow every first scan of a book
 * library and hold the database's write lock meanwhile; here they cost the scan nothing.
 */
@Singleton
final class BookCoverQueue {
  private static final Logger log = LoggerFactory.getLogger(BookCoverQueue.class);
  static final int BATCH = 100;

  private final Jdbi jdbi;
  private final EventBus bus;
  private final LibraryStore libraries;
  private final EmbeddedArtwork artwork;
  private final BookCovers covers;
  /** Libraries with a pass queued and not yet begun: a scan during a pass queues one more, not many. */
  private final Set<Long> queued = ConcurrentHashMap.newKeySet();
  private ExecutorService executor;
  private EventBus.Subscription subscription;

  @Inject
  BookCoverQueue(Jdbi jdbi, EventBus bus, LibraryStore libraries, EmbeddedArtwork artwork, BookCovers covers) {
    this.jdbi = jdbi;
    this.bus = bus;
    this.libraries = libraries;
    this.artwork = artwork;
    this.covers = covers;
  }

  synchronized void start() {
    executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "marquee-book-covers");
      thread.setDaemon(true);
      thread.setPriority(Thread.NORM_PRIORITY - 1);
      return thread;
    });
    subscription = bus.subscribe(LibraryScanner.SCANNED, this::onScanned);
    libraries.all().stream().filter(BookCoverQueue::holdsBooks).forEach(library -> enqueue(library.id()));
  }

  synchronized void stop() throws InterruptedException {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("book cover thread still running after 10 s");
      }
      executor = null;
    }
  }

  private static boolean holdsBooks(Library library) {
    return library.type() == LibraryType.BOOK || library.type() == LibraryType.MIXED;
  }

  private void onScanned(Event event) {
    if (!(event.data() instanceof Map<?, ?> data) || !(data.get("libraryId") instanceof Number libraryId)) {
      return;
    }
    boolean changed = false;
    for (String count : List.of("added", "updated", "moved")) {
      changed |= data.get(count) instanceof Number n && n.intValue() > 0;
    }
    if (changed && libraries.find(libraryId.longValue()).filter(BookCoverQueue::holdsBooks).isPresent()) {
      enqueue(libraryId.longValue());
    }
  }

  private synchronized void enqueue(long libraryId) {
    if (executor == null || !queued.add(libraryId)) {
      return;
    }
    try {
      executor.execute(() -> {
        queued.remove(libraryId);
        pass(libraryId);
      });
    } catch (RejectedExecutionException e) {
      queued.remove(libraryId);
    }
  }

  /**
   * Reads every pending book of the library in file id order, storing each page of {@value #BATCH}
   * in one transaction; a page that cannot be stored is stored file by file, and a file that fails
   * is left for the next pass.
   */
  private void pass(long libraryId) {
    long after = 0;
    int read = 0;
    while (!Thread.currentThread().isInterrupted()) {
      List<FileState> pending = pending(libraryId, after);
      if (pending.isEmpty()) {
        break;
      }
      after = pending.get(pending.size() - 1).fileId();
      List<EmbeddedArtwork.Read> reads = new ArrayList<>();
      for (FileState file : pending) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        reads.add(new EmbeddedArtwork.Read(file, covers.cover(file.path()).stream().toList()));
      }
      try {
        artwork.store(reads);
      } catch (Exception batch) {
        for (EmbeddedArtwork.Read one : reads) {
          try {
            artwork.store(List.of(one));
          } catch (Exception e) {
            log.warn("cover of {} not stored: {}", one.file().path(), e.toString());
          }
        }
      }
      read += reads.size();
    }
    if (read > 0) {
      log.debug("library {}: {} book file(s) read for their covers", libraryId, read);
    }
  }

  /** Book files after {@code afterId} not read at their current size and modification time. */
  private List<FileState> pending(long libraryId, long afterId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT f.id, f.item_id, f.path, f.size, f.mtime FROM media_files f"
            + " JOIN media_items i ON i.id = f.item_id LEFT JOIN embedded_image_checks c ON c.file_id = f.id"
            + " WHERE f.library_id = :library AND f.id > :after AND f.missing_since IS NULL AND i.kind = 'book'"
            + " AND (c.file_id IS NULL OR c.size <> f.size OR c.mtime <> f.mtime) ORDER BY f.id LIMIT :limit")
        .bind("library", libraryId).bind("after", afterId).bind("limit", BATCH)
        .map((rs, ctx) -> new FileState(rs.getLong("id"), rs.getLong("item_id"), Path.of(rs.getString("path")),
            rs.getLong("size"), rs.getLong("mtime")))
        .list());
  }
}
