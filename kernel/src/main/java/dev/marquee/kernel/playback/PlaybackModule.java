package dev.marquee.kernel.playback;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;

/** Playback: direct play of the catalog's files (HTTP ranges, caching, zero-copy) and the playback decision. */
@Module
public interface PlaybackModule {

  @Binds
  @IntoSet
  RouteContributor directPlayRoutes(DirectPlayRoutes routes);

  @Binds
  @IntoSet
  RouteContributor playbackInfoRoutes(PlaybackInfoRoutes routes);
}
