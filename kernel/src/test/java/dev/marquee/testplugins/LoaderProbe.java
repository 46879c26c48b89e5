package dev.marquee.testplugins;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a test plugin leaves a weak reference to its class loader. Never packed into a plugin: a
 * plugin reaches this class through its parent, the application class loader, so the reference
 * outlives the plugin without holding it.
 */
public final class LoaderProbe {
  private static final Map<String, WeakReference<ClassLoader>> LOADERS = new ConcurrentHashMap<>();

  private LoaderProbe() {}

  public static void record(String pluginId, ClassLoader loader) {
    LOADERS.put(pluginId, new WeakReference<>(loader));
  }

  /** The reference the plugin left, or null when it has not started. */
  public static WeakReference<ClassLoader> loader(String pluginId) {
    return LOADERS.get(pluginId);
  }
}
