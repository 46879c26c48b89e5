package dev.marquee.kernel.playback;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.catalog.WatchEvents;
import dev.marquee.kernel.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Singleton;

/**
 * Playback: direct play of the catalog's files (HTTP ranges, caching, zero-copy), the playback
 * decision, and HLS sessions with segments made on demand by ffmpeg. Config in {@link
 * PlaybackSettings}.
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

  @Provides
  @Singleton
  static PlaybackSettings settings(Config config) {
    return PlaybackSettings.from(config);
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
