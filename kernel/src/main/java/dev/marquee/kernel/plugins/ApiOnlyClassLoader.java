package dev.marquee.kernel.plugins;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * PF4J's plugin class loader (the plugin's own classes first), with the kernel's classes out of
 * reach: a plugin links against {@code dev.marquee.api} and the libraries it names, never against
 * kernel internals that change without notice.
 */
final class ApiOnlyClassLoader extends PluginClassLoader {
  private static final String KERNEL_PACKAGE = "dev.marquee.kernel.";

  ApiOnlyClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
    super(manager, descriptor, parent);
  }

  @Override
  public Class<?> loadClass(String className) throws ClassNotFoundException {
    if (className.startsWith(KERNEL_PACKAGE)) {
      throw new ClassNotFoundException(className + ": plugins may use the plugin API (dev.marquee.api), not kernel classes");
    }
    return super.loadClass(className);
  }
}
