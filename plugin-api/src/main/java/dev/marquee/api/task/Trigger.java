package dev.marquee.api.task;

import java.time.Duration;
import java.util.Objects;

/** When a {@link ScheduledTask} runs. */
public sealed interface Trigger permits Trigger.Interval, Trigger.Cron, Trigger.OnStart, Trigger.OnEvent {

  /** Every {@code period}, first one period after the task is registered. */
  static Trigger every(Duration period) {
    return new Interval(period);
  }

  /**
   * On a Unix cron expression of five fields (minute hour day-of-month month day-of-week), read in
   * UTC, for example {@code 0 3 * * *} for 03:00 every day.
   */
  static Trigger cron(String expression) {
    return new Cron(expression);
  }

  /** Once, when the task is registered (kernel start or plugin start). */
  static Trigger onStart() {
    return new OnStart();
  }

  /** Whenever an event with this exact topic is published. */
  static Trigger onEvent(String topic) {
    return new OnEvent(topic);
  }

  /** @param period at least one second */
  record Interval(Duration period) implements Trigger {
    public Interval {
      Objects.requireNonNull(period, "period");
      if (period.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("interval must be at least 1s: " + period);
      }
    }
  }

  /** @param expression five-field Unix cron, validated when the task is registered */
  record Cron(String expression) implements Trigger {
    public Cron {
      Objects.requireNonNull(expression, "expression");
    }
  }

  /** Runs once at registration. */
  record OnStart() implements Trigger {}

  /** @param topic the event topic to react to */
  record OnEvent(String topic) implements Trigger {
    public OnEvent {
      Objects.requireNonNull(topic, "topic");
    }
  }
}
