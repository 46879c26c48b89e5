package dev.marquee.kernel.plugins;

import org.pf4j.PluginRuntimeException;

/** A plugin file that the kernel will not load: not a plugin, a bad id, or an API version it does not offer. */
final class PluginRefusedException extends PluginRuntimeException {
  private final String pluginId;

  PluginRefusedException(String pluginId, String reason) {
    super(reason);
    this.pluginId = pluginId;
  }

  /** The refused plugin's id, or null when the file has no readable descriptor. */
  String pluginId() {
    return pluginId;
  }
}
