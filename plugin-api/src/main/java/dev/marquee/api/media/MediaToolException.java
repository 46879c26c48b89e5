package dev.marquee.api.media;

import java.io.IOException;
import java.util.Objects;

/**
 * An ffmpeg or ffprobe run that failed: it exited with an error, ran over its time limit, or wrote
 * more output than the runner keeps. The message names the tool and carries the end of its
 * standard error.
 */
public class MediaToolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a run failed. */
  public enum Reason {
    /** The process exited with a non-zero code. */
    FAILED,
    /** The process ran over its time limit and was killed. */
    TIMED_OUT,
    /** The process wrote more output than the runner keeps, or output it could not read. */
    BAD_OUTPUT
  }

  private final Reason reason;
  private final String stderrTail;

  /**
   * @param reason why the run failed
   * @param message what failed, for people
   * @param stderrTail the end of the process's standard error; empty when none
   */
  public MediaToolException(Reason reason, String message, String stderrTail) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.stderrTail = stderrTail == null ? "" : stderrTail;
  }

  /** Why the run failed. */
  public Reason reason() {
    return reason;
  }

  /** The end of the process's standard error; empty when none. */
  public String stderrTail() {
    return stderrTail;
  }
}
