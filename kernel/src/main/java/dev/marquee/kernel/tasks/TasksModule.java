package dev.marquee.kernel.tasks;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.config.Config;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * The task scheduler, its threads, its routes and the kernel's own tasks ({@code @IntoSet
 * ScheduledTask}, registered under the owner {@code kernel}). Config: {@code tasks.threads} (runs at
 * once across all tasks, default 4), {@code tasks.history-retention} (default 30d), {@code
 * tasks.plugin-timeout} (how long a plugin's run may take before it is cancelled and marked failed,
 * default 6h; 0 for no limit).
 */
@Module
public interface TasksModule {

  @Multibinds
  Set<ScheduledTask> kernelTasks();

  @Binds
  TaskRegistry taskRegistry(TaskScheduler scheduler);

  @Binds
  @IntoSet
  ScheduledTask pruneTaskHistory(PruneTaskHistory task);

  @Binds
  @IntoSet
  RouteContributor taskRoutes(TaskRoutes routes);

  /** Only fires triggers; the runs themselves go to the run pool. */
  @Provides
  @Singleton
  @Named("tasks.timer")
  static ScheduledExecutorService taskTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("marquee-task-timer"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  @Provides
  @Singleton
  @Named("tasks.runs")
  static ExecutorService taskRuns(Config config) {
    int threads = config.getInt("tasks.threads", 4);
    if (threads < 1) {
      throw new IllegalArgumentException("config tasks.threads must be at least 1: " + threads);
    }
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        daemonThreads("marquee-task"));
  }

  @Provides
  @Named("tasks.plugin-timeout")
  static Duration pluginTaskTimeout(Config config) {
    return config.getDuration("tasks.plugin-timeout", TaskScheduler.DEFAULT_PLUGIN_TIMEOUT);
  }

  @Provides
  @IntoSet
  static Lifecycle runTasks(TaskScheduler scheduler, Set<ScheduledTask> kernelTasks) {
    return Lifecycle.of(Lifecycle.SERVICES,
        () -> scheduler.start(kernelTasks),
        () -> scheduler.stop());
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
