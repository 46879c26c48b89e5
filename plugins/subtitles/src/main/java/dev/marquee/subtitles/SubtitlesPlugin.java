package dev.marquee.subtitles;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/** The plugin's main class: it says at start whether OpenSubtitles can be used. */
public class SubtitlesPlugin extends Plugin {
  private final PluginContext context;

  public SubtitlesPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    OpenSubtitlesSettings settings = OpenSubtitlesSettings.from(context.config());
    if (settings.configured()) {
      context.logger().info("subtitles: sidecar and embedded sources; OpenSubtitles at {}{}", settings.baseUrl(),
          settings.login() ? " as " + settings.username().get() : " (anonymous downloads)");
    } else {
      context.logger().info("subtitles: sidecar and embedded sources; OpenSubtitles needs {} to search",
          OpenSubtitlesSettings.API_KEY);
    }
  }
}
