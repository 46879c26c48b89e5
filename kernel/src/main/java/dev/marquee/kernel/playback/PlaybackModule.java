package dev.marquee.kernel.playback;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.catalog.WatchEvents;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.tasks.QueueRefillTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Singleton;

/**
 * Playback: direct play of the catalog's files (HTTP ranges, caching, zero-copy), the playback
 * decision, HLS sessions with segments made on demand by ffmpeg, and trickplay (timeline thumbnails
 * made in the background). Config in {@link PlaybackSettings} and {@link TrickplaySettings}.
 */
@Module
public interface PlaybackModule {

  @Binds
  @IntoSet
  RouteContributor directPlayRoutes(DirectPlayRoutes routes);

  @Binds
  @IntoSet
  RouteContributor playbackInfoRoutes(PlaybackInfoRoutes routes);

  @Binds
  @IntoSet
  RouteContributor hlsRoutes(HlsRoutes routes);

  @Binds
  @IntoSet
  RouteContributor trickplayRoutes(TrickplayRoutes routes);

  @Provides
  @Singleton
  static PlaybackSettings settings(Config config) {
    return PlaybackSettings.from(config);
  }

  @Provides
  @Singleton
  static TrickplaySettings trickplaySettings(Config config) {
    return TrickplaySettings.from(config);
  }

  /**
   * {@value TrickplayQueue#TASK}: on start and every {@code playback.trickplay-pending-interval},
   * deletes the sheets of files that went and queues the files without current sheets.
   */
  @Provides
  @IntoSet
  static ScheduledTask trickplay(TrickplayQueue queue, TrickplaySettings settings) {
    return new QueueRefillTask(TrickplayQueue.TASK, "Make trickplay thumbnails",
        "Makes timeline thumbnail sheets of the video files that have none or changed since, in the background.",
        settings.pendingInterval(), "looking for files without thumbnails", "file", () -> {
          queue.clean();
          return queue.refill(Optional.empty());
        }, queue::backlog);
  }

  @Provides
  @IntoSet
  static Lifecycle trickplayQueue(TrickplayQueue queue) {
    return Lifecycle.of(Lifecycle.SERVICES, queue::start, queue::stop);
  }

  @Provides
  @IntoSet
  static Lifecycle hlsSessions(HlsSessions sessions, EventBus bus) {
    List<EventBus.Subscription> subscriptions = new ArrayList<>();
    return Lifecycle.of(Lifecycle.SERVICES, () -> {
      sessions.start();
      subscriptions.add(bus.subscribe(WatchEvents.PROGRESS_REPORTED, event -> {
        if (event.data() instanceof Map<?, ?> data && data.get("userId") instanceof Number user
            && data.get("itemId") instanceof Number item) {
          sessions.heartbeat(user.longValue(), item.longValue());
        }
      }));
    }, () -> {
      subscriptions.forEach(EventBus.Subscription::close);
      subscriptions.clear();
      sessions.stop();
    });
  }
}
