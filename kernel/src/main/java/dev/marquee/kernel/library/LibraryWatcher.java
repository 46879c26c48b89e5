package dev.marquee.kernel.library;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.marquee.kernel.config.Config;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the roots of libraries whose {@code watch} setting is on (the default) and scans just
 * the changed paths once they have been quiet for {@code library.watch-debounce} (default 2s). New
 * folders are watched as they appear. Starts and stops with the kernel, and follows libraries as
 * they are created, changed and deleted.
 */
@Singleton
final class LibraryWatcher {
  private static final Logger log = LoggerFactory.getLogger(LibraryWatcher.class);

  private final LibraryStore store;
  private final LibraryScanner scanner;
  private final ScanStatus status;
  private final Duration debounce;
  private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
  private ScheduledExecutorService scans;

  @Inject
  LibraryWatcher(LibraryStore store, LibraryService libraries, LibraryScanner scanner, ScanStatus status, Config config) {
    this.store = store;
    this.scanner = scanner;
    this.status = status;
    this.debounce = config.getDuration("library.watch-debounce", Duration.ofSeconds(2));
    libraries.onChange(this::refresh);
  }

  synchronized void start() {
    scans = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "marquee-library-watch-scan");
      thread.setDaemon(true);
      return thread;
    });
    store.all().forEach(this::watch);
  }

  synchronized void stop() {
    watches.values().forEach(Watch::close);
    watches.clear();
    if (scans != null) {
      scans.shutdownNow();
      scans = null;
    }
  }

  /** Re-reads one library: watches it anew, or stops watching it when it is gone or unwatched. */
  synchronized void refresh(long libraryId) {
    Watch old = watches.remove(libraryId);
    if (old != null) {
      old.close();
    }
    Optional<Library> library = store.find(libraryId);
    if (library.isEmpty()) {
      scanner.forget(libraryId);
      status.forget(libraryId);
      return;
    }
    if (scans != null) {
      watch(library.get());
    }
  }

  private void watch(Library library) {
    if (!library.settings().watch()) {
      return;
    }
    try {
      Watch watch = new Watch(library.id(), library.roots());
      watches.put(library.id(), watch);
      watch.thread.start();
    } catch (IOException e) {
      log.warn("cannot watch library {} ({}): {}", library.id(), library.name(), e.toString());
    }
  }

  /** One library's watch service, its thread and the paths waiting for their scan. */
  private final class Watch {
    private final long libraryId;
    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
    private final Thread thread;
    // guarded by this
    private final Set<Path> pending = new TreeSet<>();
    private ScheduledFuture<?> flush;

    Watch(long libraryId, List<Path> roots) throws IOException {
      this.libraryId = libraryId;
      this.service = roots.get(0).getFileSystem().newWatchService();
      try {
        for (Path root : roots) {
          if (Files.isDirectory(root)) {
            registerTree(root);
          }
        }
      } catch (IOException e) {
        // typically the inotify watch limit (fs.inotify.max_user_watches): scheduled scans still run
        service.close();
        throw e;
      }
      this.thread = new Thread(this::loop, "marquee-library-watch-" + libraryId);
      thread.setDaemon(true);
    }

    private void registerTree(Path start) throws IOException {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (!dir.equals(start) && MediaWalker.skippedName(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          dirs.put(dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) {
          return FileVisitResult.CONTINUE;
        }
      });
    }

    private void loop() {
      try {
        while (true) {
          WatchKey key = service.take();
          Path dir = dirs.get(key);
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || dir == null) {
              // events were lost: look at everything below the folder (or the whole library)
              dirty(dir);
              continue;
            }
            Path path = dir.resolve((Path) event.context());
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(path) && !MediaWalker.skippedName(path)) {
              try {
                registerTree(path);
              } catch (IOException e) {
                log.warn("cannot watch {}: {}", path, e.toString());
              }
            }
            dirty(path);
          }
          if (!key.reset()) {
            dirs.remove(key);
          }
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        // closed: the library is no longer watched
      }
    }

    /** Queues a path (null: the whole library) and restarts the quiet-period timer. */
    private synchronized void dirty(Path path) {
      if (path == null) {
        store.find(libraryId).ifPresent(l -> pending.addAll(l.roots()));
      } else {
        pending.add(path);
      }
      if (flush != null) {
        flush.cancel(false);
      }
      ScheduledExecutorService executor = scans;
      if (executor != null && !executor.isShutdown()) {
        flush = executor.schedule(this::scan, debounce.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    private void scan() {
      List<Path> paths;
      synchronized (this) {
        paths = new ArrayList<>();
        for (Path path : pending) {
          // sorted: a folder comes before what is inside it, which its scan covers
          if (paths.isEmpty() || !path.startsWith(paths.get(paths.size() - 1))) {
            paths.add(path);
          }
        }
        pending.clear();
        flush = null;
      }
      try {
        Optional<Library> library = store.find(libraryId);
        if (library.isPresent()) {
          scanner.scanPaths(library.get(), paths);
        }
      } catch (Exception e) {
        log.warn("scan of {} changed path(s) in library {} failed: {}", paths.size(), libraryId, e.toString());
      }
    }

    void close() {
      try {
        service.close();
      } catch (IOException e) {
        log.debug("closing the watch service of library {}: {}", libraryId, e.toString());
      }
      thread.interrupt();
    }
  }
}
