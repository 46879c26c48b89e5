package dev.marquee.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Puts a plugin into a plugins folder: built files are copied, classes folders packed into a jar. */
final class PluginFiles {
  private static final String MANIFEST = "META-INF/MANIFEST.MF";
  private static final String PROPERTIES = "plugin.properties";

  private PluginFiles() {}

  /**
   * Copies or packs {@code plugin} into {@code pluginsDir}.
   *
   * @return the plugin's id
   * @throws IllegalStateException when it is not a plugin: no such file, or no descriptor
   */
  static String install(Path plugin, Map<String, String> descriptor, Path pluginsDir) {
    Path source = plugin.toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(source)) {
        return pack(source, descriptor, pluginsDir);
      }
      if (!Files.isRegularFile(source)) {
        throw new IllegalStateException("no plugin at " + source + " (build it first: `mvn package` for a zip or jar, "
            + "`mvn test-compile` for target/classes)");
      }
      String name = source.getFileName().toString();
      if (!name.endsWith(".zip") && !name.endsWith(".jar")) {
        throw new IllegalStateException("a plugin is a .zip, a .jar or a classes folder: " + source);
      }
      Files.copy(source, pluginsDir.resolve(name));
      return idOf(source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put plugin " + source + " into " + pluginsDir, e);
    }
  }

  private static String pack(Path classes, Map<String, String> descriptor, Path pluginsDir) throws IOException {
    Manifest manifest = new Manifest();
    Path manifestFile = classes.resolve(MANIFEST);
    if (Files.isRegularFile(manifestFile)) {
      try (InputStream in = Files.newInputStream(manifestFile)) {
        manifest.read(in);
      }
    }
    Attributes main = manifest.getMainAttributes();
    main.putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
    descriptor.forEach(main::putValue);
    String id = main.getValue("Plugin-Id");
    if (id == null) {
      id = propertiesId(classes.resolve(PROPERTIES));
    }
    if (id == null || id.isBlank()) {
      throw new IllegalStateException(classes + " has no plugin descriptor: no Plugin-Id in " + MANIFEST + " or plugin.id in "
          + PROPERTIES + "; give it with PluginTestKernel.builder().descriptor(\"Plugin-Id\", ...)");
    }
    Path jar = pluginsDir.resolve(id + ".jar");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream raw = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(raw, manifest)) {
      for (Path file : files) {
        String name = classes.relativize(file).toString().replace('\\', '/');
        if (name.equals(MANIFEST)) {
          continue;
        }
        out.putNextEntry(new JarEntry(name));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return id;
  }

  /** The id in a built zip's or jar's descriptor, or null when it has none the kit can read. */
  private static String idOf(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (String prefix : List.of("", "classes/")) {
        ZipEntry manifestEntry = zip.getEntry(prefix + MANIFEST);
        if (manifestEntry != null) {
          try (InputStream in = zip.getInputStream(manifestEntry)) {
            String id = new Manifest(in).getMainAttributes().getValue("Plugin-Id");
            if (id != null) {
              return id;
            }
          }
        }
        ZipEntry properties = zip.getEntry(prefix + PROPERTIES);
        if (properties != null) {
          try (InputStream in = zip.getInputStream(properties)) {
            Properties p = new Properties();
            p.load(in);
            if (p.getProperty("plugin.id") != null) {
              return p.getProperty("plugin.id");
            }
          }
        }
      }
    }
    throw new IllegalStateException(file + " has no Plugin-Id in its manifest and no plugin.properties");
  }

  private static String propertiesId(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return p.getProperty("plugin.id");
  }
}
