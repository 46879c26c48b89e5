package dev.marquee.kernel.plugins;

import dev.marquee.api.ApiVersion;
import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.plugins.repository.InvalidManifestException;
import dev.marquee.kernel.plugins.repository.ManifestParser;
import dev.marquee.kernel.plugins.repository.PluginManifest;
import dev.marquee.kernel.plugins.repository.RepositoryIndex;
import dev.marquee.kernel.plugins.repository.Semver;
import dev.marquee.kernel.plugins.repository.SemverRange;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What the repositories offer, merged: per plugin id, every version from every repository (the
 * first repository, by id, that lists a version wins it), each either offered or not with the
 * reason (a plugin API this server does not provide, no signature, a key the admin does not trust).
 */
@Singleton
final class PluginCatalog {
  /** A version and where it came from. */
  record Offer(PluginManifest plugin, PluginManifest.Release release, URI manifestUrl, String repository, String notOfferedReason) {
    boolean offered() {
      return notOfferedReason == null;
    }

    Semver version() {
      return release.semver();
    }
  }

  /** A plugin with all of its versions, newest first. */
  record Entry(String id, PluginManifest plugin, String repository, List<Offer> versions) {
    /** The newest offered version in {@code range}, if any. */
    Optional<Offer> newest(SemverRange range) {
      return versions.stream().filter(Offer::offered).filter(o -> range.matches(o.version())).findFirst();
    }

    Optional<Offer> version(String version) {
      return versions.stream().filter(o -> o.release().version().equals(version)).findFirst();
    }
  }

  /** The merged catalog and the repositories that could not be read. */
  record Snapshot(Map<String, Entry> entries, List<RepositoryError> errors) {}

  /** A repository whose index could not be fetched or read. */
  record RepositoryError(String repository, String url, String error) {}

  private final PluginStore store;
  private final PluginDownloads downloads;
  private final InstallSettings settings;

  @Inject
  PluginCatalog(PluginStore store, PluginDownloads downloads, InstallSettings settings) {
    this.store = store;
    this.downloads = downloads;
    this.settings = settings;
  }

  /** Fetches every repository now and merges them. */
  Snapshot load() {
    Map<String, List<Offer>> byId = new LinkedHashMap<>();
    Map<String, PluginManifest> firstManifest = new LinkedHashMap<>();
    Map<String, String> firstRepository = new LinkedHashMap<>();
    List<RepositoryError> errors = new ArrayList<>();
    for (PluginStore.Repository repository : store.repositories()) {
      RepositoryIndex index;
      URI url;
      try {
        url = PluginDownloads.httpUrl(repository.url(), "url");
        index = ManifestParser.parseIndex(downloads.fetchManifest(url));
      } catch (ApiException | InvalidManifestException e) {
        errors.add(new RepositoryError(repository.name(), repository.url(), e.getMessage()));
        continue;
      }
      for (PluginManifest plugin : index.plugins()) {
        firstManifest.putIfAbsent(plugin.id(), plugin);
        firstRepository.putIfAbsent(plugin.id(), repository.name());
        for (PluginManifest.Release release : plugin.versions()) {
          byId.computeIfAbsent(plugin.id(), id -> new ArrayList<>()).add(offer(plugin, release, url, repository.name()));
        }
      }
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    byId.forEach((id, offers) -> entries.put(id, entry(firstManifest.get(id), firstRepository.get(id), offers)));
    return new Snapshot(entries, errors);
  }

  /** One plugin manifest on its own ({@code plugin.json}) as a catalog entry. */
  Entry single(PluginManifest plugin, URI manifestUrl) {
    return entry(plugin, null, plugin.versions().stream().map(r -> offer(plugin, r, manifestUrl, null)).toList());
  }

  private Entry entry(PluginManifest plugin, String repository, List<Offer> offers) {
    Set<Semver> seen = new HashSet<>();
    List<Offer> versions = offers.stream()
        .sorted(Comparator.comparing(Offer::version).reversed())
        .filter(o -> seen.add(withoutBuild(o.version())))
        .toList();
    return new Entry(plugin.id(), plugin, repository, versions);
  }

  private Offer offer(PluginManifest plugin, PluginManifest.Release release, URI manifestUrl, String repository) {
    return new Offer(plugin, release, manifestUrl, repository, whyNotOffered(release));
  }

  /** Whether {@code release} fits this server's plugin API but its signature is missing or untrusted. */
  boolean refusedForTrust(PluginManifest.Release release) {
    return !settings.allowUnsigned() && SemverRange.parse(release.requires()).matches(ApiVersion.current())
        && (release.signature() == null || store.keyByKeyId(release.keyId()).isEmpty());
  }

  /** Null when {@code release} can be installed here, else the reason. */
  String whyNotOffered(PluginManifest.Release release) {
    String api = ApiVersion.current();
    if (!SemverRange.parse(release.requires()).matches(api)) {
      return "requires plugin API " + release.requires() + ", this server provides " + api;
    }
    if (!settings.allowUnsigned()) {
      if (release.signature() == null) {
        return "not signed (plugins.allow-unsigned is off)";
      }
      if (store.keyByKeyId(release.keyId()).isEmpty()) {
        return "signed by key " + release.keyId() + ", which is not trusted";
      }
    }
    return null;
  }

  private static Semver withoutBuild(Semver v) {
    return new Semver(v.major(), v.minor(), v.patch(), v.prerelease(), null);
  }
}
