package dev.marquee.testkit;

/**
 * How one run of a task ended, as the admin API reports it
 * ({@code GET /api/v1/admin/tasks/{id}/runs}).
 *
 * @param runId the run's id
 * @param taskId the task's id
 * @param status {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED} or {@code INTERRUPTED}
 * @param progress the last progress reported, 0-100 (100 once succeeded)
 * @param message the last progress message, or null
 * @param error why it failed, or null
 */
public record TaskResult(String runId, String taskId, String status, int progress, String message, String error) {

  /** Whether the run succeeded. */
  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }
}
