package dev.marquee.kernel.events;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.Lifecycle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.inject.Named;
import javax.inject.Singleton;

/** The event bus, the threads its listeners run on, and its SSE route {@code /api/v1/events}. */
@Module
public interface EventsModule {

  @Binds
  EventBus eventBus(InProcessEventBus bus);

  @Binds
  @IntoSet
  RouteContributor eventRoutes(EventRoutes routes);

  @Provides
  @Singleton
  @Named("events")
  static ExecutorService eventExecutor() {
    return Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "marquee-events");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Provides
  @IntoSet
  static Lifecycle stopEventThreads(@Named("events") ExecutorService executor) {
    return Lifecycle.of(Lifecycle.SERVICES,
        () -> {},
        () -> {
          executor.shutdown();
          executor.awaitTermination(5, TimeUnit.SECONDS);
        });
  }
}
