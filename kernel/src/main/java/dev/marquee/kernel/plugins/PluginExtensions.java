package dev.marquee.kernel.plugins;

import java.util.List;

/**
 * The kernel's way to use extensions of started plugins that are not routes or tasks (metadata
 * providers, subtitle providers, marker detectors...). Ask each time you need them rather than
 * keeping the list: plugins start and stop while the kernel runs. Thread-safe.
 */
public interface PluginExtensions {

  /**
   * The extensions of {@code type} that started plugins contribute, one instance per extension class
   * and plugin start, in the order of {@link dev.marquee.api.Ordered} (lower first; {@value
   * dev.marquee.api.Ordered#DEFAULT} without it), ties in plugin load order. An extension that cannot
   * be built is logged and left out.
   */
  <T> List<T> extensions(Class<T> type);
}
