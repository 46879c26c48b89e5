package dev.marquee.metadata.tmdb;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/** The plugin's main class: it says at start whether TMDb credentials are set. */
public class TmdbPlugin extends Plugin {
  private final PluginContext context;

  public TmdbPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    TmdbSettings settings = TmdbSettings.from(context.config());
    if (settings.configured()) {
      context.logger().info("TMDb metadata provider started ({})", settings.baseUrl());
    } else {
      context.logger().warn("TMDb metadata provider has no credentials: set plugins.metadata-tmdb.api-key"
          + " or plugins.metadata-tmdb.access-token; until then it finds nothing");
    }
  }
}
