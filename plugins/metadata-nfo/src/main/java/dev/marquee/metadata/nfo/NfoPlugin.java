package dev.marquee.metadata.nfo;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/** The plugin's main class; the provider itself is {@link NfoProvider}. */
public class NfoPlugin extends Plugin {
  private final PluginContext context;

  public NfoPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.logger().info("NFO metadata provider started");
  }
}
