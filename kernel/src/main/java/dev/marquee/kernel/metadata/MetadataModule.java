package dev.marquee.kernel.metadata;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.metadata.MetadataProvider;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.tasks.QueueRefillTask;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.plugins.PluginExtensions;
import javax.inject.Singleton;

/**
 * Metadata matching: providers from started plugins, automatic matching of scanned items (and the
 * task {@code metadata.match-pending}), the match, refresh and edit routes. Settings in {@link
 * MetadataSettings}.
 */
@Module
public interface MetadataModule {

  @Provides
  @Singleton
  static MetadataSettings metadataSettings(Config config) {
    return MetadataSettings.from(config);
  }

  @Provides
  static Providers metadataProviders(PluginExtensions extensions) {
    return () -> extensions.extensions(MetadataProvider.class);
  }

  @Binds
  @IntoSet
  RouteContributor metadataRoutes(MetadataRoutes routes);

  /**
   * {@value AutoMatcher#PENDING_TASK}: on start and every {@code metadata.match-pending-interval}
   * (default 15 minutes), queues unmatched items as far as the queue has room: those a full queue
   * turned away, those a restart dropped, and, after {@code metadata.retry-after}, those no provider
   * could match (a provider may know them now).
   */
  @Provides
  @IntoSet
  static ScheduledTask matchPending(AutoMatcher matcher, MetadataSettings settings) {
    return new QueueRefillTask(AutoMatcher.PENDING_TASK, "Match pending media items",
        "Queues unmatched media items for automatic metadata matching.", settings.pendingInterval(),
        "looking for unmatched items", "item", matcher::refill, matcher::backlog);
  }

  @Provides
  @IntoSet
  static Lifecycle autoMatch(AutoMatcher matcher, ImageCache images) {
    return Lifecycle.of(Lifecycle.SERVICES, matcher::start, () -> {
      matcher.stop();
      images.stop();
    });
  }
}
