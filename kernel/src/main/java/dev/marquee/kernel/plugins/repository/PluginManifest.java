package dev.marquee.kernel.plugins.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One plugin of a repository, or a single-plugin manifest ({@code plugin.json}) on its own.
 *
 * @param id the PF4J plugin id
 * @param category one of {@link ManifestParser#CATEGORIES}, or null
 * @param icon an absolute URL or one relative to the manifest
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginManifest(
    String id,
    String name,
    String description,
    String author,
    String category,
    String homepage,
    String icon,
    List<Release> versions) {

  public PluginManifest {
    versions = versions == null ? null : List.copyOf(versions);
  }

  /** A copy with {@code versions} instead. */
  public PluginManifest withVersions(List<Release> newVersions) {
    return new PluginManifest(id, name, description, author, category, homepage, icon, newVersions);
  }

  /**
   * One published version of a plugin.
   *
   * @param version semver
   * @param requires the range of plugin-API versions it works with ({@link SemverRange})
   * @param url the artifact: relative to the manifest's own URL, or absolute http(s)
   * @param sha512 128 lower-case hex characters of the artifact's SHA-512
   * @param signature base64 Ed25519 signature over the artifact's bytes; null when unsigned
   * @param keyId the signer's key id ({@link PluginKeys#keyId}); null when unsigned
   * @param size the artifact's size in bytes
   * @param released ISO-8601 UTC instant, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Release(
      String version,
      String requires,
      String url,
      String sha512,
      String signature,
      String keyId,
      Long size,
      String released,
      String changelog,
      List<Dependency> dependencies) {

    public Release {
      dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** The parsed {@link #version}. */
    public Semver semver() {
      return Semver.parse(version);
    }
  }

  /** Another plugin this version needs, with the range of its versions that will do. */
  public record Dependency(String id, String range) {}
}
