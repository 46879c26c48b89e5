package dev.marquee.kernel.plugins;

import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.plugins.repository.InvalidManifestException;
import dev.marquee.kernel.plugins.repository.ManifestParser;
import dev.marquee.kernel.plugins.repository.PluginKeys;
import dev.marquee.kernel.plugins.repository.PluginManifest;
import dev.marquee.kernel.plugins.repository.Semver;
import dev.marquee.kernel.plugins.repository.SemverRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, upgrades, downgrades and uninstalls plugins at runtime, and enables and disables them
 * (remembered across restarts).
 *
 * <p>Atomic switch: a checked artifact is written to {@code plugins.dir/.<file>.partial} and
 * fsynced; the intent is recorded ({@code plugin_install_intents}, phase {@code WRITING}); the file
 * is renamed to its final name and the phase becomes {@code SWITCHING}; the old version is unloaded
 * and the new one loaded and started. When it starts, the old file is deleted and the install row
 * and intent change in one transaction; when it does not, the phase becomes {@code ROLLING_BACK},
 * the new file goes and the old version is loaded and started again. {@link #reconcile()} at start
 * finishes a {@code SWITCHING} intent whose new file matches its SHA-512 and undoes every other one,
 * so a crash at any point leaves the old or the new version, never both or half of one.
 *
 * <p>Thread-safe: changes are serialised.
 */
@Singleton
final class PluginInstaller {
  private static final Logger log = LoggerFactory.getLogger(PluginInstaller.class);

  private final PluginHost host;
  private final PluginStore store;
  private final PluginDownloads downloads;
  private final PluginCatalog catalog;
  private final PluginDirs dirs;

  @Inject
  PluginInstaller(PluginHost host, PluginStore store, PluginDownloads downloads, PluginCatalog catalog, PluginDirs dirs) {
    this.host = host;
    this.store = store;
    this.downloads = downloads;
    this.catalog = catalog;
    this.dirs = dirs;
  }

  /** Finishes or undoes what a crash interrupted, then loads and starts every plugin that is not disabled. */
  synchronized void startAll() {
    reconcile();
    host.loadAndStartAll(Set.copyOf(store.disabled()));
  }

  /**
   * Installs the newest offered version of the plugin {@code plugin.json} at {@code url} describes,
   * with its dependencies from the repositories.
   *
   * @throws ApiException 400 INVALID_MANIFEST, 409 when it is installed already or a dependency
   *     conflicts, 422 when the artifact is refused or fails to start
   */
  synchronized PluginView installFromManifest(String url) {
    URI manifestUrl = PluginDownloads.httpUrl(url, "url");
    PluginManifest manifest;
    try {
      manifest = ManifestParser.parsePlugin(downloads.fetchManifest(manifestUrl));
    } catch (InvalidManifestException e) {
      throw ApiException.badRequest("INVALID_MANIFEST", url + ": " + e.getMessage());
    }
    PluginCatalog.Entry entry = catalog.single(manifest, manifestUrl);
    refuseInstalled(entry.id());
    PluginCatalog.Offer offer = entry.newest(SemverRange.parse("*")).orElseThrow(() -> untrusted(entry)
        .orElseGet(() -> notOffered(entry, null)));
    return installWithDependencies(offer, url);
  }

  /**
   * Installs {@code version} (default: the newest offered) of {@code pluginId} from the
   * repositories, installing missing dependencies first.
   *
   * @throws ApiException 404 when no repository lists it, 409 when installed already, not offered or a
   *     dependency conflicts, 422 when an artifact is refused or fails to start
   */
  synchronized PluginView install(String pluginId, String version) {
    refuseInstalled(pluginId);
    PluginCatalog.Offer offer = pick(catalogEntry(pluginId), version);
    return installWithDependencies(offer, offer.manifestUrl().toString());
  }

  /**
   * Replaces the installed version of {@code pluginId} by {@code version} (default: the newest
   * offered), older or newer; when the new one fails to start, the old one is restored.
   *
   * @throws ApiException 404 unknown plugin or version, 409 bundled, same version or conflict, 422
   *     refused or failed to start (the old version keeps serving)
   */
  synchronized PluginView upgrade(String pluginId, String version) {
    PluginView current = host.find(pluginId).orElseThrow(() -> ApiException.notFound("no plugin " + pluginId));
    if (host.isBundled(pluginId)) {
      throw ApiException.conflict("PLUGIN_BUNDLED", "plugin " + pluginId + " comes with the server; it is upgraded with the server");
    }
    // Installed from a plugin.json: its versions come from there; else from the repositories.
    PluginCatalog.Entry entry = store.installed(pluginId)
        .map(PluginStore.Installed::sourceUrl)
        .filter(source -> source != null && !isRepository(source))
        .flatMap(this::singleEntry)
        .filter(single -> single.id().equals(pluginId))
        .orElseGet(() -> catalogEntry(pluginId));
    PluginCatalog.Offer offer = pick(entry, version);
    if (offer.release().version().equals(current.version())) {
      throw ApiException.conflict("ALREADY_INSTALLED", "plugin " + pluginId + " is at version " + current.version() + " already");
    }
    Map<String, PluginCatalog.Offer> plan = new LinkedHashMap<>();
    for (PluginManifest.Dependency dependency : offer.release().dependencies()) {
      resolve(dependency.id(), SemverRange.parse(dependency.range()), pluginId, plan, new HashSet<>(Set.of(pluginId)), null);
    }
    plan.values().forEach(o -> switchTo(o, o.manifestUrl().toString()));
    return switchTo(offer, offer.manifestUrl().toString());
  }

  /**
   * Stops and unloads {@code pluginId} and deletes its file and state.
   *
   * @throws ApiException 404 unknown, 409 bundled or needed by another plugin
   */
  synchronized void uninstall(String pluginId) {
    if (host.find(pluginId).isEmpty() && store.installed(pluginId).isEmpty()) {
      throw ApiException.notFound("no plugin " + pluginId);
    }
    if (host.isBundled(pluginId)) {
      throw ApiException.conflict("PLUGIN_BUNDLED", "plugin " + pluginId + " comes with the server and cannot be uninstalled; disable it");
    }
    List<String> dependents = host.dependentsOf(pluginId);
    if (!dependents.isEmpty()) {
      throw ApiException.conflict("PLUGIN_NEEDED", "plugin " + pluginId + " is needed by " + String.join(", ", dependents));
    }
    Optional<Path> file = host.source(pluginId).filter(source -> source.startsWith(dirs.pluginsDir()))
        .or(() -> store.installed(pluginId).map(installed -> dirs.pluginsDir().resolve(installed.fileName())));
    if (host.find(pluginId).isPresent()) {
      host.unload(pluginId);
    }
    file.ifPresent(PluginDownloads::deleteQuietly);
    store.deleteInstalled(pluginId);
    store.setDisabled(pluginId, false);
    log.info("plugin {} uninstalled", pluginId);
  }

  /** Starts {@code pluginId} and remembers that it is enabled. */
  synchronized PluginView enable(String pluginId) {
    PluginView view = host.enable(pluginId);
    store.setDisabled(pluginId, false);
    return view;
  }

  /** Stops {@code pluginId} and remembers that it is disabled. */
  synchronized PluginView disable(String pluginId) {
    PluginView view = host.disable(pluginId);
    store.setDisabled(pluginId, true);
    return view;
  }

  /**
   * Finishes or undoes install intents left by a crash, removes install rows whose file is gone and
   * leftover partial files and downloads. Runs before any plugin is loaded.
   */
  synchronized void reconcile() {
    for (PluginStore.Intent intent : store.intents()) {
      Path target = pluginFile(intent.newFile());
      boolean complete = intent.phase() == PluginStore.Phase.SWITCHING && Files.isRegularFile(target)
          && intent.newSha512().equals(sha512OrNull(target));
      if (complete) {
        if (intent.oldFile() != null && !intent.oldFile().equals(intent.newFile())) {
          PluginDownloads.deleteQuietly(pluginFile(intent.oldFile()));
        }
        store.completeIntent(intent);
        log.warn("plugin {}: finished the interrupted switch to {}", intent.pluginId(), intent.newVersion());
      } else {
        if (!intent.newFile().equals(intent.oldFile())) {
          PluginDownloads.deleteQuietly(target);
        }
        store.dropIntent(intent.pluginId());
        log.warn("plugin {}: undid the interrupted install of {} ({})", intent.pluginId(), intent.newVersion(), intent.phase());
      }
    }
    deletePartials();
    for (PluginStore.Installed installed : store.installed()) {
      if (!Files.isRegularFile(pluginFile(installed.fileName()))) {
        store.deleteInstalled(installed.pluginId());
        log.warn("plugin {}: its file {} is gone; forgotten", installed.pluginId(), installed.fileName());
      }
    }
    downloads.clearLeftovers();
  }

  private PluginView installWithDependencies(PluginCatalog.Offer offer, String sourceUrl) {
    Map<String, PluginCatalog.Offer> plan = new LinkedHashMap<>();
    String id = offer.plugin().id();
    Set<String> visiting = new HashSet<>(Set.of(id));
    for (PluginManifest.Dependency dependency : offer.release().dependencies()) {
      resolve(dependency.id(), SemverRange.parse(dependency.range()), id, plan, visiting, null);
    }
    plan.values().forEach(o -> switchTo(o, o.manifestUrl().toString()));
    return switchTo(offer, sourceUrl);
  }

  /**
   * Adds to {@code plan} (dependencies first) what is needed so that a plugin {@code id} in {@code
   * range} is there. Snapshot is fetched on first need.
   */
  private PluginCatalog.Snapshot resolve(String id, SemverRange range, String neededBy, Map<String, PluginCatalog.Offer> plan,
      Set<String> visiting, PluginCatalog.Snapshot snapshot) {
    Optional<PluginView> loaded = host.find(id);
    if (loaded.isPresent()) {
      if (!range.matches(loaded.get().version())) {
        throw ApiException.conflict("DEPENDENCY_CONFLICT", neededBy + " needs " + id + " " + range + ", but " + id + " "
            + loaded.get().version() + " is installed");
      }
      return snapshot;
    }
    if (plan.containsKey(id)) {
      if (!range.matches(plan.get(id).version())) {
        throw ApiException.conflict("DEPENDENCY_CONFLICT", neededBy + " needs " + id + " " + range + ", but another plugin needs "
            + id + " " + plan.get(id).release().version());
      }
      return snapshot;
    }
    if (!visiting.add(id)) {
      throw ApiException.conflict("DEPENDENCY_CONFLICT", "dependency cycle through " + id);
    }
    PluginCatalog.Snapshot current = snapshot == null ? catalog.load() : snapshot;
    PluginCatalog.Entry entry = current.entries().get(id);
    if (entry == null) {
      throw ApiException.conflict("DEPENDENCY_MISSING", neededBy + " needs " + id + " " + range + ", which no repository offers");
    }
    PluginCatalog.Offer offer = entry.newest(range).orElseThrow(() -> notOffered(entry, neededBy + " needs " + id + " " + range));
    for (PluginManifest.Dependency dependency : offer.release().dependencies()) {
      current = resolve(dependency.id(), SemverRange.parse(dependency.range()), id, plan, visiting, current);
    }
    plan.put(id, offer);
    return current;
  }

  /** Downloads, checks and writes {@code offer}, and switches the plugin over to it; see the class comment. */
  private PluginView switchTo(PluginCatalog.Offer offer, String sourceUrl) {
    String id = offer.plugin().id();
    String version = offer.release().version();
    PluginDownloads.Verified verified = downloads.download(offer.manifestUrl(), offer.plugin(), offer.release());
    String newFile = id + "-" + version.replace('+', '_') + verified.kind().extension();
    String oldFile = store.installed(id).map(PluginStore.Installed::fileName)
        .or(() -> host.source(id).filter(source -> source.startsWith(dirs.pluginsDir())).map(p -> p.getFileName().toString()))
        .orElse(null);
    Path target = pluginFile(newFile);
    Path partial = pluginFile("." + newFile + ".partial");
    try {
      if (newFile.equals(oldFile)) {
        throw ApiException.conflict("ALREADY_INSTALLED", "plugin " + id + " " + version + " is installed already");
      }
      Files.createDirectories(dirs.pluginsDir());
      Files.copy(verified.file(), partial, StandardCopyOption.REPLACE_EXISTING);
      fsync(partial);
      store.beginIntent(id, newFile, version, verified.sha512(), oldFile, sourceUrl);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsync(dirs.pluginsDir());
      store.setPhase(id, PluginStore.Phase.SWITCHING);
    } catch (IOException e) {
      store.dropIntent(id);
      PluginDownloads.deleteQuietly(target);
      throw new UncheckedIOException("cannot write plugin " + id + " " + version + " to " + dirs.pluginsDir(), e);
    } finally {
      PluginDownloads.deleteQuietly(partial);
      PluginDownloads.deleteQuietly(verified.file());
    }
    boolean wasDisabled = store.disabled().contains(id);
    // PF4J unloads the plugins that depend on this one with it: they are loaded again afterwards.
    Map<String, Path> dependents = new LinkedHashMap<>();
    host.dependentsOf(id).forEach(d -> host.source(d).filter(source -> source.startsWith(dirs.pluginsDir()))
        .ifPresent(source -> dependents.put(d, source)));
    if (host.find(id).isPresent()) {
      host.unload(id);
    }
    String failure;
    try {
      PluginView view = host.load(newFile);
      failure = "STARTED".equals(view.state()) ? null : view.error();
    } catch (ApiException e) {
      failure = e.getMessage();
    }
    if (failure == null) {
      if (oldFile != null) {
        PluginDownloads.deleteQuietly(pluginFile(oldFile));
      }
      store.completeIntent(store.intent(id).orElseThrow());
      if (wasDisabled) {
        host.stop(id);
      }
      reload(dependents);
      log.info("plugin {} {} installed", id, version);
      return host.find(id).orElseThrow();
    }
    rollBack(id, version, target, oldFile);
    reload(dependents);
    throw ApiException.unprocessable("PLUGIN_START_FAILED", "plugin " + id + " " + version + " did not start: " + failure
        + (oldFile == null ? "; it was removed" : "; the previous version was restored"));
  }

  private void rollBack(String id, String version, Path target, String oldFile) {
    store.setPhase(id, PluginStore.Phase.ROLLING_BACK);
    if (host.find(id).isPresent()) {
      host.unload(id);
    }
    PluginDownloads.deleteQuietly(target);
    if (oldFile != null) {
      try {
        host.load(oldFile);
      } catch (ApiException e) {
        log.error("plugin {}: the previous version ({}) could not be loaded again: {}", id, oldFile, e.getMessage());
      }
    }
    store.dropIntent(id);
    log.warn("plugin {} {} failed to start; rolled back", id, version);
  }

  private void reload(Map<String, Path> plugins) {
    Set<String> disabled = Set.copyOf(store.disabled());
    plugins.forEach((pluginId, file) -> {
      if (host.find(pluginId).isEmpty() && Files.isRegularFile(file)) {
        try {
          host.load(file.getFileName().toString());
          if (disabled.contains(pluginId)) {
            host.stop(pluginId);
          }
        } catch (ApiException e) {
          log.error("plugin {} could not be loaded again after its dependency changed: {}", pluginId, e.getMessage());
        }
      }
    });
  }

  private void refuseInstalled(String pluginId) {
    host.find(pluginId).ifPresent(view -> {
      throw ApiException.conflict("PLUGIN_INSTALLED", "plugin " + pluginId + " " + view.version() + " is installed already; upgrade it");
    });
  }

  private PluginCatalog.Entry catalogEntry(String pluginId) {
    PluginCatalog.Entry entry = catalog.load().entries().get(pluginId);
    if (entry == null) {
      throw ApiException.notFound("no repository offers plugin " + pluginId);
    }
    return entry;
  }

  /** The plugin.json at {@code manifestUrl}; empty when it is not one (a repository that was removed) or cannot be read. */
  private Optional<PluginCatalog.Entry> singleEntry(String manifestUrl) {
    try {
      URI url = PluginDownloads.httpUrl(manifestUrl, "url");
      return Optional.of(catalog.single(ManifestParser.parsePlugin(downloads.fetchManifest(url)), url));
    } catch (InvalidManifestException | ApiException e) {
      log.warn("plugin source {} is not a readable plugin.json ({}); looking in the repositories", manifestUrl, e.getMessage());
      return Optional.empty();
    }
  }

  private boolean isRepository(String url) {
    return store.repositories().stream().anyMatch(r -> r.url().equals(url));
  }

  private static PluginCatalog.Offer pick(PluginCatalog.Entry entry, String version) {
    if (version == null) {
      return entry.newest(SemverRange.parse("*")).orElseThrow(() -> notOffered(entry, null));
    }
    if (!Semver.isValid(version)) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "version: '" + version + "' is not a semantic version");
    }
    PluginCatalog.Offer offer = entry.version(version)
        .orElseThrow(() -> ApiException.notFound("plugin " + entry.id() + " has no version " + version));
    if (!offer.offered()) {
      throw ApiException.conflict("VERSION_NOT_OFFERED", "plugin " + entry.id() + " " + version + " is not offered: " + offer.notOfferedReason());
    }
    return offer;
  }

  /**
   * 400 when a manifest's only obstacle is its signatures (none, or by keys not trusted): a bad
   * signature, as the manifest route answers it.
   */
  private Optional<ApiException> untrusted(PluginCatalog.Entry entry) {
    if (entry.versions().isEmpty() || !entry.versions().stream().allMatch(o -> catalog.refusedForTrust(o.release()))) {
      return Optional.empty();
    }
    boolean unsigned = entry.versions().stream().allMatch(o -> o.release().signature() == null);
    StringBuilder reasons = new StringBuilder();
    entry.versions().forEach(o -> reasons.append("; ").append(o.release().version()).append(": ").append(o.notOfferedReason()));
    return Optional.of(ApiException.badRequest(unsigned ? "UNSIGNED" : "UNTRUSTED_KEY", "no version of " + entry.id()
        + " is signed by a trusted key" + reasons));
  }

  private static ApiException notOffered(PluginCatalog.Entry entry, String context) {
    StringBuilder reasons = new StringBuilder();
    entry.versions().forEach(o -> reasons.append("; ").append(o.release().version()).append(": ").append(o.notOfferedReason()));
    return ApiException.conflict("VERSION_NOT_OFFERED", (context == null ? "" : context + ": ") + "no version of " + entry.id()
        + " can be installed here" + reasons);
  }

  private Path pluginFile(String fileName) {
    Path file = dirs.pluginsDir().resolve(fileName).normalize();
    if (!dirs.pluginsDir().equals(file.getParent())) {
      throw new IllegalStateException("not a file of the plugins directory: " + fileName);
    }
    return file;
  }

  private void deletePartials() {
    if (!Files.isDirectory(dirs.pluginsDir())) {
      return;
    }
    try (Stream<Path> files = Files.list(dirs.pluginsDir())) {
      files.filter(f -> f.getFileName().toString().startsWith(".") && f.getFileName().toString().endsWith(".partial"))
          .forEach(PluginDownloads::deleteQuietly);
    } catch (IOException e) {
      log.warn("cannot list {}", dirs.pluginsDir(), e);
    }
  }

  private static String sha512OrNull(Path file) {
    try {
      return PluginKeys.sha512(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Forces a file's content, or a directory's entries, to disk; a file system that cannot is logged, not fatal. */
  private static void fsync(Path path) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("cannot fsync {}: {}", path, e.getMessage());
    }
  }
}
