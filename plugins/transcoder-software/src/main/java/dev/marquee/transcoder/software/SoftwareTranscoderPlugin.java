package dev.marquee.transcoder.software;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/** The plugin's main class; the driver itself is {@link SoftwareDriver}. */
public class SoftwareTranscoderPlugin extends Plugin {
  private final PluginContext context;

  public SoftwareTranscoderPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.logger().info("software transcoder driver started (libx264, libx265)");
  }
}
