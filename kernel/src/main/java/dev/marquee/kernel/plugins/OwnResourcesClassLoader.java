package dev.marquee.kernel.plugins;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

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

  /**
   * Whether the plugin's own files hold anything under {@code folder} (such as {@code
   * db/migration/<id>}): looked up in its folders and jars directly, as a jar need not list its
   * folders as entries of their own.
   */
  boolean hasFolder(String folder) throws IOException {
    String prefix = folder.endsWith("/") ? folder : folder + "/";
    for (URL url : getURLs()) {
      Path path;
      try {
        path = Path.of(url.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        return true; // not a local file: let Flyway look
      }
      if (Files.isDirectory(path)) {
        if (Files.isDirectory(path.resolve(prefix))) {
          return true;
        }
      } else if (Files.isRegularFile(path)) {
        try (JarFile jar = new JarFile(path.toFile())) {
          if (jar.stream().anyMatch(entry -> entry.getName().startsWith(prefix))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    return plugin.loadClass(name);
  }
}
