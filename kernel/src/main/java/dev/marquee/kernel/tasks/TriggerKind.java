package dev.marquee.kernel.tasks;

import dev.marquee.api.task.Trigger;
import java.util.Locale;

/** What started a run; stored and shown in lower case. */
enum TriggerKind {
  INTERVAL,
  CRON,
  START,
  EVENT,
  MANUAL;

  static TriggerKind of(Trigger trigger) {
    if (trigger instanceof Trigger.Interval) {
      return INTERVAL;
    }
    if (trigger instanceof Trigger.Cron) {
      return CRON;
    }
    if (trigger instanceof Trigger.OnStart) {
      return START;
    }
    return EVENT;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TriggerKind fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
