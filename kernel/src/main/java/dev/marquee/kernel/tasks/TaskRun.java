package dev.marquee.kernel.tasks;

import java.time.Instant;
import java.util.Optional;

/**
 * One run of a task as stored in the history, or a snapshot of a run in progress.
 *
 * @param progress 0–100
 * @param message the task's latest progress message, or null
 * @param error why the run failed, or null
 * @param finishedAt null while running
 */
record TaskRun(
    String runId,
    String taskId,
    String owner,
    TriggerKind trigger,
    RunStatus status,
    int progress,
    String message,
    String error,
    Instant startedAt,
    Instant finishedAt) {

  Optional<Instant> finished() {
    return Optional.ofNullable(finishedAt);
  }
}
