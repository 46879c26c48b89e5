package dev.marquee.kernel.library;

import dev.marquee.api.event.Event;
import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.tasks.TaskRegistry;
import java.time.Clock;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Asks the {@link ScanTask} to scan one library: at once when no scan runs, else right after the
 * scans ahead of it, so asking for several libraries in a row scans them all, one at a time.
 */
@Singleton
final class ScanRequests {
  private final ScanStatus status;
  private final TaskRegistry tasks;
  private final Clock clock;

  @Inject
  ScanRequests(ScanStatus status, TaskRegistry tasks, Clock clock) {
    this.status = status;
    this.tasks = tasks;
    this.clock = clock;
  }

  /**
   * Queues a scan of {@code libraryId} and returns its state.
   *
   * @throws ApiException 409 SCAN_RUNNING when that library is being scanned or waits for its scan
   */
  ScanStatus.State request(long libraryId) {
    ScanStatus.State before = status.of(libraryId);
    if (!before.state().equals("idle")) {
      throw ApiException.conflict("SCAN_RUNNING", "library " + libraryId + " is " + before.state() + " for a scan already");
    }
    String runId = tasks.runSoon(ScanTask.ID, new Event(ScanTask.REQUESTED, Map.of("libraryId", libraryId), clock.instant()))
        .orElse(null);
    status.queued(libraryId, before, runId);
    return status.of(libraryId);
  }
}
