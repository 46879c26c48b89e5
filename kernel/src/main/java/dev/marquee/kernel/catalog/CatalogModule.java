package dev.marquee.kernel.catalog;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;

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
}
