package dev.marquee.kernel.playback;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.subtitle.SubtitleProvider;
import dev.marquee.api.subtitle.SubtitleSource;
import dev.marquee.kernel.plugins.PluginExtensions;
import java.util.List;

/**
 * Subtitles: the tracks of an item's file from the plugins' {@link SubtitleSource}s, as WebVTT
 * (cached on disk), and remote search and download through their {@link SubtitleProvider}s; HLS
 * sessions offer the text tracks as renditions.
 */
@Module
public interface SubtitleModule {

  @Binds
  @IntoSet
  RouteContributor subtitleRoutes(SubtitleRoutes routes);

  @Provides
  static SubtitlePlugins subtitlePlugins(PluginExtensions extensions) {
    return new SubtitlePlugins() {
      @Override
      public List<SubtitleSource> sources() {
        return extensions.extensions(SubtitleSource.class);
      }

      @Override
      public List<SubtitleProvider> providers() {
        return extensions.extensions(SubtitleProvider.class);
      }
    };
  }
}
