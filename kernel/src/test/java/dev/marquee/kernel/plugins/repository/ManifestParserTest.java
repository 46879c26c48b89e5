package dev.marquee.kernel.plugins.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The format's parser, and the JSON Schema in docs/ agreeing with it on valid and broken samples. */
class ManifestParserTest {
  private static final Schema SCHEMA = schema();

  static final String VALID_PLUGIN = """
      {
        "id": "notes", "name": "Notes", "description": "Keeps notes", "author": "Acme", "category": "other",
        "homepage": "https://example.org/notes", "icon": "icons/notes.png",
        "versions": [ {
          "version": "1.2.0", "requires": ">=0.1.0 <1.0.0", "url": "notes-1.2.0.zip",
          "sha512": "%s", "signature": "c2lnbmF0dXJl", "keyId": "0123456789abcdef", "size": 12345,
          "released": "2026-11-24T10:00:00Z", "changelog": "First.",
          "dependencies": [ {"id": "other-plugin", "range": ">=1.0.0"} ]
        } ]
      }
      """.formatted("ab".repeat(64));

  static final String VALID_INDEX = "{\"formatVersion\": 1, \"name\": \"Example\", \"plugins\": [" + VALID_PLUGIN + "]}";

  @Test
  void parseIndex_validSample_readsEveryField() throws Exception {
    RepositoryIndex index = ManifestParser.parseIndex(VALID_INDEX.getBytes(StandardCharsets.UTF_8));

    PluginManifest plugin = index.plugins().get(0);
    assertThat(plugin.id()).isEqualTo("notes");
    assertThat(plugin.category()).isEqualTo("other");
    PluginManifest.Release release = plugin.versions().get(0);
    assertThat(release.semver()).isEqualTo(Semver.parse("1.2.0"));
    assertThat(release.size()).isEqualTo(12345L);
    assertThat(release.dependencies()).containsExactly(new PluginManifest.Dependency("other-plugin", ">=1.0.0"));
    assertThat(SCHEMA.validate(json(VALID_INDEX))).isEmpty();
    assertThat(SCHEMA.validate(json(VALID_PLUGIN))).isEmpty();
  }

  @Test
  void parsePlugin_notJson_invalidManifest() {
    assertThatThrownBy(() -> ManifestParser.parsePlugin("{\"id\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidManifestException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ManifestParser.parsePlugin(new byte[0])).isInstanceOf(InvalidManifestException.class);
  }

  static Stream<Arguments> brokenPlugins() {
    return Stream.of(
        broken("id", p -> p.put("id", "Not An Id"), "id"),
        broken("no name", p -> p.remove("name"), "name: is required"),
        broken("category", p -> p.put("category", "games"), "category"),
        broken("no versions", p -> p.putArray("versions"), "versions"),
        broken("version", p -> release(p).put("version", "1.2"), "is not a semantic version"),
        broken("sha512", p -> release(p).put("sha512", "ABC"), "sha512"),
        broken("file url", p -> release(p).put("url", "file:///etc/passwd"), "url"),
        broken("size", p -> release(p).put("size", -1), "size"),
        broken("size type", p -> release(p).put("size", "big"), "size"),
        broken("keyId", p -> release(p).put("keyId", "xyz"), "keyId"),
        broken("signature without keyId", p -> release(p).remove("keyId"), "go together"),
        broken("dependency id", p -> ((ObjectNode) release(p).withArray("dependencies").get(0)).put("id", "BAD!"), "dependencies[0].id"),
        broken("no requires", p -> release(p).remove("requires"), "requires: is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenPlugins")
  void parsePlugin_broken_refusedByParserAndSchema(String name, String manifest, String problem) throws Exception {
    assertThatThrownBy(() -> ManifestParser.parsePlugin(manifest.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidManifestException.class).hasMessageContaining(problem);
    assertThat(SCHEMA.validate(json(manifest))).as("the schema refuses it too").isNotEmpty();
  }

  @Test
  void parseIndex_wrongFormatVersionAndDuplicates_everyProblemListed() throws Exception {
    ObjectNode index = (ObjectNode) json(VALID_INDEX);
    index.put("formatVersion", 2);
    ((ArrayNode) index.get("plugins")).add(index.get("plugins").get(0).deepCopy());

    assertThatThrownBy(() -> ManifestParser.parseIndex(index.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(InvalidManifestException.class, e -> assertThat(e.problems())
            .anyMatch(p -> p.startsWith("formatVersion"))
            .anyMatch(p -> p.contains("listed twice")));
  }

  private static Arguments broken(String name, Consumer<ObjectNode> change, String problem) {
    try {
      ObjectNode plugin = (ObjectNode) json(VALID_PLUGIN);
      change.accept(plugin);
      return Arguments.of(name, plugin.toString(), problem);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode release(ObjectNode plugin) {
    return (ObjectNode) plugin.get("versions").get(0);
  }

  private static JsonNode json(String text) throws Exception {
    return ManifestParser.mapper().readTree(text);
  }

  private static Schema schema() {
    Path file = Path.of("..", "docs", "plugin-repository.schema.json");
    try {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Files.readString(file));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
