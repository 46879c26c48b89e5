package dev.marquee.api.task;

/** Thrown by {@link TaskContext#checkCancelled()}; ends the run as cancelled, not failed. */
public class TaskCancelledException extends RuntimeException {
  public TaskCancelledException() {
    super("task run cancelled");
  }
}
