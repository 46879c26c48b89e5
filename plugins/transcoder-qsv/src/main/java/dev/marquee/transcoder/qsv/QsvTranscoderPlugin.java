package dev.marquee.transcoder.qsv;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/** The plugin's main class; the driver itself is {@link QsvDriver}. */
public class QsvTranscoderPlugin extends Plugin {
  private final PluginContext context;

  public QsvTranscoderPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.logger().info("Quick Sync transcoder driver started{}",
        context.config().get(QsvDriver.DEVICE).map(d -> " (device " + d + ")").orElse(""));
  }
}
