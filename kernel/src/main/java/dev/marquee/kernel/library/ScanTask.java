package dev.marquee.kernel.library;

import dev.marquee.api.event.Event;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import dev.marquee.kernel.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel task {@value #ID}: scans every library on {@code library.scan-interval} (default 6h),
 * or the one library named by the {@value #REQUESTED} event it is started with ({@code
 * POST /api/v1/libraries/{id}/scan}). Its progress goes out as {@code task.progress} events.
 */
final class ScanTask implements ScheduledTask {
  private static final Logger log = LoggerFactory.getLogger(ScanTask.class);
  static final String ID = "library.scan";
  /** The parameter event of a one-library run: {@code {libraryId}}. */
  static final String REQUESTED = "library.scan.requested";

  private final LibraryStore store;
  private final LibraryScanner scanner;
  private final ScanStatus status;
  private final Duration interval;

  @Inject
  ScanTask(LibraryStore store, LibraryScanner scanner, ScanStatus status, Config config) {
    this.store = store;
    this.scanner = scanner;
    this.status = status;
    this.interval = config.getDuration("library.scan-interval", Duration.ofHours(6));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "Scan libraries";
  }

  @Override
  public String description() {
    return "Finds new, changed, moved and missing files in the libraries' folders and purges long-missing items";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.every(interval));
  }

  @Override
  public void run(TaskContext context) throws Exception {
    Optional<Long> only = context.triggeringEvent().map(Event::data)
        .filter(Map.class::isInstance).map(data -> ((Map<?, ?>) data).get("libraryId"))
        .filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
    List<Library> libraries = new ArrayList<>();
    if (only.isPresent()) {
      store.find(only.get()).ifPresent(libraries::add);
    } else {
      libraries.addAll(store.all());
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < libraries.size(); i++) {
      context.checkCancelled();
      Library library = libraries.get(i);
      int done = i;
      int count = libraries.size();
      LibraryScanner.Progress progress = new LibraryScanner.Progress() {
        @Override
        public void report(int percent, String message) {
          status.progress(library.id(), context.runId(), percent, message);
          context.progress((100 * done + percent) / count, library.name() + ": " + message);
        }

        @Override
        public boolean cancelled() {
          return context.isCancelled();
        }
      };
      try {
        status.progress(library.id(), context.runId(), 0, "starting");
        status.finished(library.id(), scanner.scan(library, progress));
      } catch (Exception e) {
        log.error("scan of library {} ({}) failed", library.id(), library.name(), e);
        status.failed(library.id(), String.valueOf(e.getMessage()));
        failures.add(library.name() + ": " + e.getMessage());
      }
    }
    context.checkCancelled();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("scan failed for " + String.join("; ", failures));
    }
  }
}
