package dev.marquee.api.task;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Work the kernel runs on triggers (interval, cron, start-up, event) or on an admin's request.
 * One task never runs twice at once: a trigger that fires while it runs is skipped.
 */
public interface ScheduledTask extends ExtensionPoint {

  /** A stable id, unique across the kernel and all plugins; prefix it with the plugin id. */
  String id();

  /** A short human name. */
  String name();

  /** One sentence on what the task does. */
  String description();

  /** The triggers the task runs on unless an admin changes them; may be empty (manual only). */
  List<Trigger> defaultTriggers();

  /**
   * Does the work on a kernel thread. May block. Should call {@link TaskContext#progress} now and
   * then and stop soon after {@link TaskContext#isCancelled()} turns true (the thread is also
   * interrupted).
   *
   * @throws Exception to mark the run failed; the message is kept in the run's history
   */
  void run(TaskContext context) throws Exception;
}
