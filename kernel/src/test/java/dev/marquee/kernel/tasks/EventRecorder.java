package dev.marquee.kernel.tasks;

import static org.assertj.core.api.Assertions.fail;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records the events under a topic prefix and lets a test wait for one. */
final class EventRecorder implements AutoCloseable {
  private static final long TIMEOUT_MILLIS = 10_000;
  private final List<Event> events = new ArrayList<>();
  private final EventBus.Subscription subscription;

  EventRecorder(EventBus bus, String prefix) {
    subscription = bus.subscribe(prefix, this::record);
  }

  private synchronized void record(Event event) {
    events.add(event);
    notifyAll();
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** The first recorded event that matches, waiting for it up to 10 s. */
  synchronized Event await(Predicate<Event> matching) throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    while (true) {
      for (Event event : events) {
        if (matching.test(event)) {
          return event;
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return fail("no matching event within " + TIMEOUT_MILLIS + " ms; got " + events);
      }
      wait(left);
    }
  }

  /** Waits for the {@code task.finished} event of {@code runId}. */
  TaskRunContext.RunEvent awaitFinished(String runId) throws InterruptedException {
    return (TaskRunContext.RunEvent) await(e -> e.topic().equals(TaskRunContext.FINISHED)
        && ((TaskRunContext.RunEvent) e.data()).runId().equals(runId)).data();
  }

  /** Waits for the {@code task.finished} event of any run of {@code taskId}. */
  TaskRunContext.RunEvent awaitFinishedTask(String taskId) throws InterruptedException {
    return (TaskRunContext.RunEvent) await(e -> e.topic().equals(TaskRunContext.FINISHED)
        && ((TaskRunContext.RunEvent) e.data()).taskId().equals(taskId)).data();
  }

  @Override
  public void close() {
    subscription.close();
  }
}
