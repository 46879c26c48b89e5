package dev.marquee.kernel.plugins;

import com.sun.net.httpserver.HttpServer;
import dev.marquee.kernel.plugins.repository.ManifestParser;
import dev.marquee.kernel.plugins.repository.PluginKeys;
import dev.marquee.kernel.plugins.repository.PluginManifest;
import dev.marquee.kernel.plugins.repository.RepositoryIndex;
import dev.marquee.testplugins.VersionedRoutes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin repository served by an in-test HTTP server: artifacts built from test classes, signed
 * with a key made for the test, listed in {@code /repository.json}; every file is served from
 * {@link #dir}.
 */
final class TestRepository implements AutoCloseable {
  final Path dir;
  final KeyPair key = PluginKeys.generate();
  private final HttpServer server;
  private final Map<String, List<PluginManifest.Release>> versions = new LinkedHashMap<>();

  TestRepository(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  String publicKey() {
    return PluginKeys.publicKeyText(key.getPublic());
  }

  /** A plugin whose {@code /api/v1/<id>/version} answers {@code version}, with optional PF4J dependencies. */
  static PluginJar versioned(String id, String version, String pf4jDependencies) {
    PluginJar jar = PluginJar.plugin(id).manifest("Plugin-Version", version).extension(VersionedRoutes.class)
        .resource(VersionedRoutes.RESOURCE, version);
    if (pf4jDependencies != null) {
      jar.manifest("Plugin-Dependencies", pf4jDependencies);
    }
    return jar;
  }

  /**
   * Writes {@code jar} as {@code <id>-<version>.jar} and lists it, signed.
   *
   * @return the release as listed
   */
  PluginManifest.Release publish(String id, String version, PluginJar jar, String requires, List<PluginManifest.Dependency> dependencies) {
    Path file = jar.writeJar(dir.resolve(id + "-" + version + ".jar"));
    try {
      PluginManifest.Release release = new PluginManifest.Release(version, requires, file.getFileName().toString(), PluginKeys.sha512(file),
          PluginKeys.sign(key.getPrivate(), file), PluginKeys.keyId(key.getPublic()), Files.size(file), "2026-11-24T10:00:00Z",
          "version " + version, dependencies);
      versions.computeIfAbsent(id, k -> new ArrayList<>()).add(release);
      return release;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces a listed release (to list a tampered or unsigned one). */
  void replace(String id, PluginManifest.Release release) {
    List<PluginManifest.Release> list = versions.get(id);
    list.removeIf(r -> r.version().equals(release.version()));
    list.add(release);
  }

  /** Writes {@code repository.json} and a {@code <id>/plugin.json} per plugin. */
  TestRepository write() {
    List<PluginManifest> plugins = new ArrayList<>();
    versions.forEach((id, releases) -> plugins.add(manifest(id, releases)));
    try {
      ManifestParser.mapper().writeValue(dir.resolve("repository.json").toFile(), new RepositoryIndex(1, "Test repository", plugins));
      for (PluginManifest plugin : plugins) {
        Files.createDirectories(dir.resolve(plugin.id()));
        List<PluginManifest.Release> relative = plugin.versions().stream().map(r -> new PluginManifest.Release(r.version(), r.requires(),
            "../" + r.url(), r.sha512(), r.signature(), r.keyId(), r.size(), r.released(), r.changelog(), r.dependencies())).toList();
        ManifestParser.mapper().writeValue(dir.resolve(plugin.id() + "/plugin.json").toFile(), plugin.withVersions(relative));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static PluginManifest manifest(String id, List<PluginManifest.Release> releases) {
    return new PluginManifest(id, "Plugin " + id, "A test plugin", "Marquee tests", "other", "https://example.org/" + id, "icon.png",
        releases);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
