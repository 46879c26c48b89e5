package dev.marquee.kernel.tasks;

/** Where a task run stands. Every status but {@link #RUNNING} is final. */
enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Ended after an admin, an unregistration or the kernel's stop asked it to. */
  CANCELLED,
  /** Found still RUNNING at start-up: the process died under it. */
  INTERRUPTED
}
