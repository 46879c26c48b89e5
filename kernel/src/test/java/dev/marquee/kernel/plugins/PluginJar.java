package dev.marquee.kernel.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a PF4J plugin at test time from classes on the test class path: a jar with a manifest,
 * {@code META-INF/extensions.idx} and extra resources, or the same as a PF4J zip ({@code classes/}).
 */
public final class PluginJar {
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final List<Class<?>> classes = new ArrayList<>();
  private final List<Class<?>> extensions = new ArrayList<>();
  private final Map<String, String> resources = new LinkedHashMap<>();

  private PluginJar(String id) {
    manifest.put("Plugin-Id", id);
    manifest.put("Plugin-Version", "1.0.0");
    manifest.put("Plugin-Provider", "Marquee tests");
    manifest.put("Plugin-Description", "test plugin " + id);
    manifest.put("Plugin-Requires", ">=0.1.0");
  }

  public static PluginJar plugin(String id) {
    return new PluginJar(id);
  }

  public PluginJar mainClass(Class<?> type) {
    manifest.put("Plugin-Class", type.getName());
    classes.add(type);
    return this;
  }

  public PluginJar manifest(String name, String value) {
    manifest.put(name, value);
    return this;
  }

  /** Adds an extension class (and lists it in the extension index). */
  public PluginJar extension(Class<?> type) {
    extensions.add(type);
    classes.add(type);
    return this;
  }

  public PluginJar resource(String path, String content) {
    resources.put(path, content);
    return this;
  }

  /** Writes the plugin as a jar. */
  public Path writeJar(Path file) {
    write(file, "");
    return file;
  }

  /** Writes the plugin as a PF4J zip: the jar's content under {@code classes/}. */
  public Path writeZip(Path file) {
    write(file, "classes/");
    return file;
  }

  private void write(Path file, String prefix) {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
    try (OutputStream raw = Files.newOutputStream(file);
        ZipOutputStream zip = prefix.isEmpty() ? new JarOutputStream(raw) : new ZipOutputStream(raw)) {
      put(zip, prefix + "META-INF/MANIFEST.MF", out -> mf.write(out));
      StringBuilder index = new StringBuilder();
      extensions.forEach(type -> index.append(type.getName()).append('\n'));
      put(zip, prefix + "META-INF/extensions.idx", out -> out.write(index.toString().getBytes(StandardCharsets.UTF_8)));
      Set<String> classFiles = new LinkedHashSet<>();
      classes.forEach(type -> classFiles.addAll(classFiles(type)));
      for (String name : classFiles) {
        try (InputStream in = PluginJar.class.getClassLoader().getResourceAsStream(name)) {
          byte[] bytes = in.readAllBytes();
          put(zip, prefix + name, out -> out.write(bytes));
        }
      }
      for (Map.Entry<String, String> r : resources.entrySet()) {
        put(zip, prefix + r.getKey(), out -> out.write(r.getValue().getBytes(StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class file of {@code type} and of its nested classes. */
  private static List<String> classFiles(Class<?> type) {
    List<String> names = new ArrayList<>();
    names.add(type.getName().replace('.', '/') + ".class");
    for (Class<?> nested : type.getDeclaredClasses()) {
      names.addAll(classFiles(nested));
    }
    return names;
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private static void put(ZipOutputStream zip, String name, Writer writer) throws IOException {
    zip.putNextEntry(prefixEntry(zip, name));
    writer.write(zip);
    zip.closeEntry();
  }

  private static ZipEntry prefixEntry(ZipOutputStream zip, String name) {
    return zip instanceof JarOutputStream ? new JarEntry(name) : new ZipEntry(name);
  }
}
