package dev.marquee.kernel.plugins;

import java.net.URLClassLoader;

/**
 * A class loader over a plugin's own files only, for Flyway's scan of its migrations. PF4J's loader
 * also answers with the kernel's resources, so a migration folder found twice (a plugin that is also
 * on the class path, as in its own tests) would make Flyway see every migration twice. Classes (Java
 * migrations, if a plugin has any) still come from the plugin's loader. Close it after use.
 */
final class OwnResourcesClassLoader extends URLClassLoader {
  private final ClassLoader plugin;

  OwnResourcesClassLoader(URLClassLoader plugin) {
    super(plugin.getURLs(), null);
    this.plugin = plugin;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    return plugin.loadClass(name);
  }
}
