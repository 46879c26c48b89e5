package dev.marquee.kernel.plugins.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks repository indexes and single-plugin manifests against the format of {@code
 * docs/plugin-repository.schema.json}; every problem is reported, not only the first. Unknown
 * fields are ignored, so that newer repositories stay readable. Thread-safe.
 */
public final class ManifestParser {
  /** The allowed {@code category} values. */
  public static final Set<String> CATEGORIES = Set.of("metadata", "backend", "transcoder", "subtitles", "markers", "books", "other");
  static final Pattern PLUGIN_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestParser() {}

  /** The mapper that writes manifests (indented, nulls left out). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads a repository index.
   *
   * @throws InvalidManifestException when it is not JSON or not a valid index
   */
  public static RepositoryIndex parseIndex(byte[] json) {
    JsonNode root = tree(json);
    List<String> problems = new ArrayList<>();
    if (!root.isObject()) {
      throw new InvalidManifestException(List.of("a repository index must be a JSON object"));
    }
    JsonNode format = root.get("formatVersion");
    if (format == null || !format.isInt() || format.intValue() != RepositoryIndex.FORMAT_VERSION) {
      problems.add("formatVersion: must be " + RepositoryIndex.FORMAT_VERSION);
    }
    optionalText(root, "name", "name", problems);
    JsonNode plugins = root.get("plugins");
    if (plugins == null || !plugins.isArray()) {
      problems.add("plugins: an array is required");
    } else {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < plugins.size(); i++) {
        checkPlugin(plugins.get(i), "plugins[" + i + "].", problems);
        JsonNode id = plugins.get(i).path("id");
        if (id.isTextual() && !ids.add(id.textValue())) {
          problems.add("plugins[" + i + "].id: '" + id.textValue() + "' is listed twice");
        }
      }
    }
    return bind(root, RepositoryIndex.class, problems);
  }

  /**
   * Reads a single-plugin manifest ({@code plugin.json}).
   *
   * @throws InvalidManifestException when it is not JSON or not a valid plugin manifest
   */
  public static PluginManifest parsePlugin(byte[] json) {
    JsonNode root = tree(json);
    List<String> problems = new ArrayList<>();
    checkPlugin(root, "", problems);
    return bind(root, PluginManifest.class, problems);
  }

  private static JsonNode tree(byte[] json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new InvalidManifestException(List.of("the manifest is empty"));
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new InvalidManifestException(List.of("not JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidManifestException(List.of("not readable: " + e.getMessage()));
    }
  }

  private static <T> T bind(JsonNode root, Class<T> type, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidManifestException(problems);
    }
    try {
      return MAPPER.treeToValue(root, type);
    } catch (JsonProcessingException e) {
      throw new InvalidManifestException(List.of(e.getOriginalMessage()));
    }
  }

  private static void checkPlugin(JsonNode plugin, String at, List<String> problems) {
    if (!plugin.isObject()) {
      problems.add((at.isEmpty() ? "the manifest" : at.substring(0, at.length() - 1)) + ": must be a JSON object");
      return;
    }
    String id = requiredText(plugin, "id", at + "id", problems);
    if (id != null && !PLUGIN_ID.matcher(id).matches()) {
      problems.add(at + "id: '" + id + "' must be 1-64 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
    }
    requiredText(plugin, "name", at + "name", problems);
    for (String field : List.of("description", "author", "homepage", "icon")) {
      optionalText(plugin, field, at + field, problems);
    }
    String category = optionalText(plugin, "category", at + "category", problems);
    if (category != null && !CATEGORIES.contains(category)) {
      problems.add(at + "category: '" + category + "' is not one of " + new java.util.TreeSet<>(CATEGORIES));
    }
    String homepage = optionalText(plugin, "homepage", at + "homepage", problems);
    if (homepage != null && !isHttpUrl(homepage)) {
      problems.add(at + "homepage: must be an absolute http(s) URL");
    }
    JsonNode versions = plugin.get("versions");
    if (versions == null || !versions.isArray() || versions.isEmpty()) {
      problems.add(at + "versions: a non-empty array is required");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < versions.size(); i++) {
      String vat = at + "versions[" + i + "].";
      checkRelease(versions.get(i), vat, problems);
      JsonNode v = versions.get(i).path("version");
      // 1.0.0 and 1.0.0+build are the same version
      if (v.isTextual() && Semver.isValid(v.textValue()) && !seen.add(withoutBuild(Semver.parse(v.textValue())))) {
        problems.add(vat + "version: " + v.textValue() + " is listed twice");
      }
    }
  }

  private static void checkRelease(JsonNode release, String at, List<String> problems) {
    if (!release.isObject()) {
      problems.add(at.substring(0, at.length() - 1) + ": must be a JSON object");
      return;
    }
    String version = requiredText(release, "version", at + "version", problems);
    if (version != null && !Semver.isValid(version)) {
      problems.add(at + "version: '" + version + "' is not a semantic version");
    }
    String requires = requiredText(release, "requires", at + "requires", problems);
    if (requires != null && !SemverRange.isValid(requires)) {
      problems.add(at + "requires: '" + requires + "' is not a version range");
    }
    String url = requiredText(release, "url", at + "url", problems);
    if (url != null && !isArtifactUrl(url)) {
      problems.add(at + "url: must be relative to the manifest or an absolute http(s) URL");
    }
    String sha512 = requiredText(release, "sha512", at + "sha512", problems);
    if (sha512 != null && !SHA512.matcher(sha512).matches()) {
      problems.add(at + "sha512: must be 128 lower-case hex characters");
    }
    String signature = optionalText(release, "signature", at + "signature", problems);
    if (signature != null && (!BASE64.matcher(signature).matches() || signature.length() % 4 != 0)) {
      problems.add(at + "signature: must be base64");
    }
    String keyId = optionalText(release, "keyId", at + "keyId", problems);
    if (keyId != null && !KEY_ID.matcher(keyId).matches()) {
      problems.add(at + "keyId: must be 16 lower-case hex characters");
    }
    if ((signature == null) != (keyId == null)) {
      problems.add(at + "signature and keyId go together: give both or neither");
    }
    JsonNode size = release.get("size");
    if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
      problems.add(at + "size: a whole number of bytes, 0 or more, is required");
    }
    String released = optionalText(release, "released", at + "released", problems);
    if (released != null) {
      try {
        Instant.parse(released);
      } catch (DateTimeParseException e) {
        problems.add(at + "released: '" + released + "' is not an ISO-8601 UTC instant such as 2026-11-24T10:00:00Z");
      }
    }
    optionalText(release, "changelog", at + "changelog", problems);
    JsonNode dependencies = release.get("dependencies");
    if (dependencies != null && !dependencies.isNull()) {
      if (!dependencies.isArray()) {
        problems.add(at + "dependencies: must be an array");
        return;
      }
      for (int i = 0; i < dependencies.size(); i++) {
        String dat = at + "dependencies[" + i + "].";
        JsonNode dependency = dependencies.get(i);
        if (!dependency.isObject()) {
          problems.add(dat.substring(0, dat.length() - 1) + ": must be a JSON object");
          continue;
        }
        String id = requiredText(dependency, "id", dat + "id", problems);
        if (id != null && !PLUGIN_ID.matcher(id).matches()) {
          problems.add(dat + "id: '" + id + "' is not a plugin id");
        }
        String range = requiredText(dependency, "range", dat + "range", problems);
        if (range != null && !SemverRange.isValid(range)) {
          problems.add(dat + "range: '" + range + "' is not a version range");
        }
      }
    }
  }

  private static String withoutBuild(Semver version) {
    return new Semver(version.major(), version.minor(), version.patch(), version.prerelease(), null).toString();
  }

  private static String requiredText(JsonNode node, String field, String at, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
      problems.add(at + ": is required");
      return null;
    }
    if (!value.isTextual()) {
      problems.add(at + ": must be a string");
      return null;
    }
    return value.textValue();
  }

  private static String optionalText(JsonNode node, String field, String at, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(at + ": must be a string");
      return null;
    }
    return value.textValue();
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A relative reference (no scheme) or an absolute http(s) URL. */
  private static boolean isArtifactUrl(String text) {
    try {
      URI uri = new URI(text);
      return uri.getScheme() == null ? uri.getPath() != null && !uri.getPath().isEmpty() : isHttpUrl(text);
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
