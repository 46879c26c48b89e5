package dev.marquee.kernel.plugins.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/** Checks of plugin artifacts (PF4J jars and zips) and what their descriptors say, before any of it is used. */
public final class PluginArchives {
  private PluginArchives() {}

  /** A plugin file is a jar (classes at the root) or a PF4J zip ({@code classes/}, {@code lib/}). */
  public enum Kind {
    JAR(".jar"), ZIP(".zip");

    private final String extension;

    Kind(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /** What is wrong with an archive; the message says what. */
  public static final class UnsafeArchiveException extends Exception {
    public UnsafeArchiveException(String message) {
      super(message);
    }
  }

  /** The plugin's identity as its own descriptor states it. */
  public record Descriptor(String id, String version, String requires, List<PluginManifest.Dependency> dependencies,
      String description, String provider) {}

  /**
   * Reads every entry of the archive, counting entries and inflated bytes, and refuses names that
   * would land outside the folder it is expanded into (zip-slip). Nothing is written.
   *
   * @return whether it is a plugin jar (a manifest with {@code Plugin-Id} at its root) or a PF4J zip
   * @throws UnsafeArchiveException when it is not a zip, has too many entries, expands to more than
   *     {@code maxExpandedBytes}, or has an unsafe entry name
   */
  public static Kind check(Path file, int maxEntries, long maxExpandedBytes) throws UnsafeArchiveException, IOException {
    boolean jar = false;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      int count = 0;
      long expanded = 0;
      byte[] buffer = new byte[65536];
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        if (++count > maxEntries) {
          throw new UnsafeArchiveException("the archive has more than " + maxEntries + " entries");
        }
        checkName(entry.getName());
        if (entry.isDirectory()) {
          continue;
        }
        // The sizes in the headers may lie: count what inflates.
        try (InputStream in = zip.getInputStream(entry)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            expanded += n;
            if (expanded > maxExpandedBytes) {
              throw new UnsafeArchiveException("the archive expands to more than " + maxExpandedBytes / (1024 * 1024) + " MiB");
            }
          }
        }
        if (entry.getName().equals("META-INF/MANIFEST.MF")) {
          try (InputStream in = zip.getInputStream(entry)) {
            jar = new Manifest(in).getMainAttributes().getValue("Plugin-Id") != null;
          }
        }
      }
      if (count == 0) {
        throw new UnsafeArchiveException("the archive is empty");
      }
    } catch (ZipException e) {
      throw new UnsafeArchiveException("not a zip or jar archive: " + e.getMessage());
    }
    return jar ? Kind.JAR : Kind.ZIP;
  }

  private static void checkName(String name) throws UnsafeArchiveException {
    String normal = name.replace('\\', '/');
    if (name.isEmpty() || name.indexOf('\0') >= 0 || normal.startsWith("/") || normal.matches("^[A-Za-z]:.*") || name.contains("\\")) {
      throw new UnsafeArchiveException("unsafe entry name '" + name + "'");
    }
    for (String segment : normal.split("/")) {
      if (segment.equals("..")) {
        throw new UnsafeArchiveException("entry '" + name + "' points outside the plugin folder");
      }
    }
  }

  /**
   * Reads the PF4J descriptor ({@code plugin.properties} or the manifest) of a jar or zip whose
   * file name ends in {@code .jar} or {@code .zip}.
   *
   * @throws IllegalArgumentException when it has none, or no id or version
   */
  public static Descriptor describe(Path file) {
    PluginDescriptor d;
    try {
      d = new CompoundPluginDescriptorFinder()
          .add(new PropertiesPluginDescriptorFinder())
          .add(new ManifestPluginDescriptorFinder())
          .find(file);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("no readable plugin descriptor: " + e.getMessage());
    }
    if (d.getPluginId() == null || d.getPluginId().isBlank() || d.getVersion() == null || d.getVersion().isBlank()) {
      throw new IllegalArgumentException("the plugin descriptor lacks Plugin-Id or Plugin-Version");
    }
    List<PluginManifest.Dependency> dependencies = d.getDependencies().stream()
        .filter(dependency -> !dependency.isOptional())
        .map(dependency -> new PluginManifest.Dependency(dependency.getPluginId(), range(dependency)))
        .toList();
    String requires = d.getRequires() == null || d.getRequires().isBlank() ? "*" : normaliseRange(d.getRequires());
    return new Descriptor(d.getPluginId(), d.getVersion(), requires, dependencies, d.getPluginDescription(), d.getProvider());
  }

  private static String range(PluginDependency dependency) {
    String support = dependency.getPluginVersionSupport();
    return support == null || support.isBlank() ? "*" : normaliseRange(support);
  }

  /** PF4J writes AND as {@code &} and reads a bare version as a minimum: say both the npm way. */
  static String normaliseRange(String pf4j) {
    String text = pf4j.trim().replace("&&", " ").replace('&', ' ').replaceAll("\\s+", " ");
    return Semver.isValid(text) ? ">=" + text : text;
  }
}
