package dev.marquee.kernel.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer that never fires by itself: it records what was scheduled with which delay, and a test
 * fires the pending commands when it wants, on its own thread.
 */
final class ManualTimer extends ScheduledThreadPoolExecutor {

  /** One scheduled command. */
  final class Pending implements ScheduledFuture<Object> {
    final Runnable command;
    final long delayMillis;
    volatile boolean cancelled;
    volatile boolean fired;

    Pending(Runnable command, long delayMillis) {
      this.command = command;
      this.delayMillis = delayMillis;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(delayMillis, other.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
      return !fired;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled || fired;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }
  }

  private final List<Pending> scheduled = new ArrayList<>();

  ManualTimer() {
    super(0);
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Pending pending = new Pending(command, unit.toMillis(delay));
    scheduled.add(pending);
    return pending;
  }

  /** The delays, in milliseconds, of the commands neither fired nor cancelled, in scheduling order. */
  synchronized List<Long> pendingDelays() {
    return pending().stream().map(p -> p.delayMillis).toList();
  }

  /** Fires every command pending now (not those they schedule); returns how many fired. */
  int fireAll() {
    List<Pending> due;
    synchronized (this) {
      due = pending();
      due.forEach(p -> p.fired = true);
    }
    due.forEach(p -> p.command.run());
    return due.size();
  }

  private List<Pending> pending() {
    List<Pending> open = new ArrayList<>();
    for (Pending p : scheduled) {
      if (!p.cancelled && !p.fired) {
        open.add(p);
      }
    }
    return open;
  }
}
