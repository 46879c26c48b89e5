package dev.marquee.transcoder.nvidia;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/** The plugin's main class; the driver itself is {@link NvidiaDriver}. */
public class NvidiaTranscoderPlugin extends Plugin {
  private final PluginContext context;

  public NvidiaTranscoderPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.logger().info("NVIDIA transcoder driver started (GPU {})", context.config().getInt(NvidiaDriver.GPU, 0));
  }
}
