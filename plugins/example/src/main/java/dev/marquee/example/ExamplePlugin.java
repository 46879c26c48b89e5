package dev.marquee.example;

import dev.marquee.api.PluginContext;
import org.pf4j.Plugin;

/**
 * The plugin's main class ({@code Plugin-Class} in the manifest). The kernel has applied the
 * plugin's migrations before {@link #start()}, and registers its routes and tasks after it; most
 * plugins need nothing more here than a log line, or to open and close resources of their own.
 */
public class ExamplePlugin extends Plugin {
  private final PluginContext context;

  public ExamplePlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    context.logger().info("example plugin started");
  }

  @Override
  public void stop() {
    context.logger().info("example plugin stopped");
  }
}
