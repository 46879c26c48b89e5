package dev.marquee.kernel.system;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;

/** Health, version and the OpenAPI document. */
@Module
public interface SystemModule {

  @Binds
  @IntoSet
  RouteContributor systemRoutes(SystemRoutes routes);
}
