package dev.marquee.kernel.library;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Each library's scan state: running or idle and the progress live in this process; the last
 * finished scan's time, counts and error are also stored with the library, so they survive a
 * restart (read back the first time a library's state is asked for).
 */
@Singleton
final class ScanStatus {

  /**
   * One library's state.
   *
   * @param state {@code idle}, {@code queued} (asked for, waiting its turn in the task), {@code running}
   * @param lastScanAt when the last full scan finished, or null
   * @param last the counts of that scan, or null
   */
  record State(String state, int progress, String message, String runId, Instant lastScanAt, ScanResult last,
      String lastError) {
    static final State IDLE = new State("idle", 0, null, null, null, null, null);
  }

  private final Clock clock;
  private final LibraryStore store;
  private final Map<Long, State> states = new ConcurrentHashMap<>();

  @Inject
  ScanStatus(Clock clock, LibraryStore store) {
    this.clock = clock;
    this.store = store;
  }

  State of(long libraryId) {
    return states.computeIfAbsent(libraryId, this::stored);
  }

  private State stored(long libraryId) {
    return store.lastScan(libraryId)
        .map(last -> new State("idle", 0, null, null, last.at(), last.counts(), last.error()))
        .orElse(State.IDLE);
  }

  /**
   * Marks a library's scan as asked for, unless its state moved on since {@code before} (the run
   * started, or even ended, before the caller got here).
   */
  void queued(long libraryId, State before, String runId) {
    states.compute(libraryId, (id, s) -> Optional.ofNullable(s).orElse(State.IDLE) == before
        ? with(s == null ? stored(id) : s, "queued", 0, null, runId) : s);
  }

  void progress(long libraryId, String runId, int percent, String message) {
    states.compute(libraryId, (id, s) -> with(s == null ? stored(id) : s, "running", percent, message, runId));
  }

  void finished(long libraryId, ScanResult result) {
    // stored as epoch millis: the same instant before and after a restart
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    store.recordScan(libraryId, now, result);
    states.compute(libraryId, (id, s) -> new State("idle", 100, null, null, now, result, null));
  }

  void failed(long libraryId, String error) {
    store.recordScanFailure(libraryId, error);
    states.compute(libraryId, (id, s) -> {
      State old = Optional.ofNullable(s).orElseGet(() -> stored(id));
      return new State("idle", 0, null, null, old.lastScanAt(), old.last(), error);
    });
  }

  void forget(long libraryId) {
    states.remove(libraryId);
  }

  private static State with(State old, String state, int percent, String message, String runId) {
    return new State(state, percent, message, runId, old.lastScanAt(), old.last(), old.lastError());
  }
}
