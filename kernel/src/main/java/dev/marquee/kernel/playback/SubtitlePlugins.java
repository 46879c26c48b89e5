package dev.marquee.kernel.playback;

import dev.marquee.api.subtitle.SubtitleProvider;
import dev.marquee.api.subtitle.SubtitleSource;
import java.util.List;

/**
 * The subtitle sources and providers of started plugins, in their order; asked anew for each
 * request as plugins come and go.
 */
interface SubtitlePlugins {
  List<SubtitleSource> sources();

  List<SubtitleProvider> providers();
}
