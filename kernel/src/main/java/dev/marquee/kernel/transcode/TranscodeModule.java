package dev.marquee.kernel.transcode;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.transcode.TranscoderDriver;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.plugins.PluginExtensions;
import javax.inject.Singleton;

/**
 * Transcoder drivers: the {@link TranscoderDriver}s of started plugins, probed in the background
 * once plugins have started, chosen per transcode in the admin's order ({@link TranscoderDrivers}),
 * and the admin routes under {@code /api/v1/admin/transcoding}. Settings in {@link
 * TranscodeSettings}.
 */
@Module
public interface TranscodeModule {

  @Provides
  @Singleton
  static TranscodeSettings transcodeSettings(Config config) {
    return TranscodeSettings.from(config);
  }

  @Provides
  static DriverSource driverSource(PluginExtensions extensions) {
    return () -> extensions.extensions(TranscoderDriver.class);
  }

  @Binds
  @IntoSet
  RouteContributor transcodeRoutes(TranscodeRoutes routes);

  /** The order an administrator stored, once the schema is there. */
  @Provides
  @IntoSet
  static Lifecycle storedTranscoderOrder(TranscoderDrivers drivers) {
    return Lifecycle.of(Lifecycle.SERVICES, drivers::loadStoredOrder, () -> {});
  }

  /**
   * Probes once the plugins have started (their drivers exist only then), in the background once
   * the server answers: until a probe ends, transcodes use the built-in software pipeline.
   */
  @Provides
  @IntoSet
  static Lifecycle transcoderProbes(TranscoderDrivers drivers) {
    return Lifecycle.of(Lifecycle.BACKGROUND, drivers::start, drivers::stop);
  }
}
