package dev.marquee.transcoder.vaapi;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/** The plugin's main class; the driver itself is {@link VaapiDriver}. */
public class VaapiTranscoderPlugin extends Plugin {
  private final PluginContext context;

  public VaapiTranscoderPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.logger().info("VA-API transcoder driver started{}",
        context.config().get(VaapiDriver.DEVICE).map(d -> " (device " + d + ")").orElse(""));
  }
}
