package dev.marquee.kernel.catalog;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.Lifecycle;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's read API, artwork serving and per-user watch state. Config: {@code
 * playback.played-threshold} (fraction of the runtime from which a progress report marks an item
 * played, default 0.9). Resized artwork is cached under {@code <data dir>/cache/images}.
 */
@Module
public interface CatalogModule {

  /** Bound by the probing feature when it exists. */
  @BindsOptionalOf
  FileStreams fileStreams();

  @Binds
  @IntoSet
  RouteContributor catalogRoutes(CatalogRoutes routes);

  @Binds
  @IntoSet
  RouteContributor watchRoutes(WatchRoutes routes);

  @Binds
  @IntoSet
  RouteContributor artworkRoutes(ArtworkRoutes routes);

  @Binds
  @IntoSet
  ScheduledTask imageCachePrune(ImageCachePruneTask task);

  /** Moves the response cache's catalog version on the catalog's write events. */
  @Provides
  @IntoSet
  static Lifecycle responseCacheInvalidation(ResponseCache cache, EventBus bus) {
    List<EventBus.Subscription> subscriptions = new ArrayList<>();
    return Lifecycle.of(Lifecycle.SERVICES, () -> subscriptions.addAll(cache.subscribe(bus)), () -> {
      subscriptions.forEach(EventBus.Subscription::close);
      subscriptions.clear();
    });
  }
}
