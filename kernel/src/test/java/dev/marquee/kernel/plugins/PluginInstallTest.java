package dev.marquee.kernel.plugins;

import static dev.marquee.kernel.plugins.TestRepository.versioned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.plugins.repository.PluginKeys;
import dev.marquee.kernel.plugins.repository.PluginManifest;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.testplugins.BrokenPlugin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin manager end to end: a repository served over HTTP with versions 1, 2 and a broken 3
 * of a plugin, a tampered artifact and a plugin with a dependency; installs, upgrades, rollbacks and
 * uninstalls through the admin API of a running kernel, without a restart.
 */
class PluginInstallTest {
  private static final String PLUGINS = "/api/v1/admin/plugins";

  @TempDir
  Path tempDir;

  TestRepository repository;
  TestKernel kernel;
  TestHttp admin;

  @BeforeEach
  void start() throws IOException {
    repository = new TestRepository(tempDir.resolve("repo"));
    repository.publish("greeter", "1.0.0", versioned("greeter", "1.0.0", null), ">=0.1.0", List.of());
    repository.publish("greeter", "2.0.0", versioned("greeter", "2.0.0", null), ">=0.1.0 <1.0.0", List.of());
    repository.publish("greeter", "3.0.0", versioned("greeter", "3.0.0", null).mainClass(BrokenPlugin.class), "^0.1.0", List.of());
    repository.publish("greeter", "9.0.0", versioned("greeter", "9.0.0", null), ">=99.0.0", List.of());
    repository.publish("base", "1.0.0", versioned("base", "1.0.0", null), "*", List.of());
    repository.publish("base", "1.1.0", versioned("base", "1.1.0", null), "*", List.of());
    repository.publish("fancy", "1.0.0", versioned("fancy", "1.0.0", "base@>=1.0.0"), "*",
        List.of(new PluginManifest.Dependency("base", ">=1.0.0 <2.0.0")));
    PluginManifest.Release evil = repository.publish("evil", "1.0.0", versioned("evil", "1.0.0", null), "*", List.of());
    tamper(repository.dir.resolve(evil.url()));
    // signed by a key nobody trusts, and one whose signature is a stranger's under the trusted key's id
    KeyPair stranger = PluginKeys.generate();
    PluginManifest.Release unknown = repository.publish("unknown", "1.0.0", versioned("unknown", "1.0.0", null), "*", List.of());
    repository.replace("unknown", withSignature(unknown, PluginKeys.sign(stranger.getPrivate(),
        repository.dir.resolve(unknown.url())), PluginKeys.keyId(stranger.getPublic())));
    PluginManifest.Release forged = repository.publish("forged", "1.0.0", versioned("forged", "1.0.0", null), "*", List.of());
    repository.replace("forged", withSignature(forged, PluginKeys.sign(stranger.getPrivate(),
        repository.dir.resolve(forged.url())), forged.keyId()));
    // a signed artifact that is another plugin, and one longer than its manifest says
    repository.publish("impostor", "1.0.0", versioned("greeter", "1.0.0", null), "*", List.of());
    PluginManifest.Release liar = repository.publish("liar", "1.0.0", versioned("liar", "1.0.0", null), "*", List.of());
    repository.replace("liar", new PluginManifest.Release(liar.version(), liar.requires(), liar.url(), liar.sha512(),
        liar.signature(), liar.keyId(), liar.size() - 100, liar.released(), liar.changelog(), liar.dependencies()));
    repository.write();
    kernel = TestKernel.start(tempDir.resolve("data"), Map.of());
    admin = kernel.admin();
    assertThat(admin.post(PLUGINS + "/keys", "{\"name\":\"tests\",\"publicKey\":\"" + repository.publicKey() + "\"}").status()).isEqualTo(201);
    assertThat(admin.post(PLUGINS + "/repositories", "{\"name\":\"test\",\"url\":\"" + repository.url("repository.json") + "\"}").status())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    kernel.close();
    repository.close();
  }

  @Test
  void installUpgradeBrokenUpgradeTamperedUninstall_atRuntime_theRightVersionAlwaysServes() {
    // install 1
    var installed = admin.post(PLUGINS + "/install", "{\"id\":\"greeter\",\"version\":\"1.0.0\"}");
    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(installed.json().path("state").asText()).isEqualTo("STARTED");
    assertThat(installed.json().path("version").asText()).isEqualTo("1.0.0");
    assertThat(answer("greeter")).isEqualTo("1.0.0");

    // upgrade to 2
    var upgraded = admin.post(PLUGINS + "/greeter/upgrade", "{\"version\":\"2.0.0\"}");
    assertThat(upgraded.status()).as(upgraded.toString()).isEqualTo(200);
    assertThat(answer("greeter")).isEqualTo("2.0.0");
    assertThat(pluginFiles()).containsExactly("greeter-2.0.0.jar");

    // upgrade to the broken 3: refused, 2 keeps serving
    var broken = admin.post(PLUGINS + "/greeter/upgrade", "{\"version\":\"3.0.0\"}");
    assertThat(broken.status()).as(broken.toString()).isEqualTo(422);
    assertThat(broken.errorCode()).isEqualTo("PLUGIN_START_FAILED");
    assertThat(broken.json().path("error").path("message").asText()).contains("com/acme/Missing").contains("previous version was restored");
    assertThat(answer("greeter")).isEqualTo("2.0.0");
    assertThat(plugin("greeter").path("version").asText()).isEqualTo("2.0.0");
    assertThat(pluginFiles()).containsExactly("greeter-2.0.0.jar");

    // the tampered artifact: refused, nothing left behind
    var tampered = admin.post(PLUGINS + "/install", "{\"id\":\"evil\"}");
    assertThat(tampered.status()).as(tampered.toString()).isEqualTo(400);
    assertThat(tampered.errorCode()).isEqualTo("CHECKSUM_MISMATCH");
    assertThat(pluginFiles()).containsExactly("greeter-2.0.0.jar");
    assertThat(downloads()).isEmpty();
    assertThat(kernel.http().get("/api/v1/evil/version").status()).isEqualTo(404);

    // downgrade back to 1
    assertThat(admin.post(PLUGINS + "/greeter/upgrade", "{\"version\":\"1.0.0\"}").status()).isEqualTo(200);
    assertThat(answer("greeter")).isEqualTo("1.0.0");

    // uninstall
    assertThat(admin.delete(PLUGINS + "/greeter").status()).isEqualTo(204);
    assertThat(kernel.http().get("/api/v1/greeter/version").status()).isEqualTo(404);
    assertThat(pluginFiles()).isEmpty();
    assertThat(admin.delete(PLUGINS + "/greeter").status()).isEqualTo(404);
  }

  @Test
  void install_withDependency_installsTheDependencyFirst() {
    var installed = admin.post(PLUGINS + "/install", "{\"id\":\"fancy\"}");

    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(answer("fancy")).isEqualTo("1.0.0");
    assertThat(answer("base")).isEqualTo("1.1.0");
    assertThat(pluginFiles()).containsExactlyInAnyOrder("base-1.1.0.jar", "fancy-1.0.0.jar");
    var needed = admin.delete(PLUGINS + "/base");
    assertThat(needed.status()).isEqualTo(409);
    assertThat(needed.errorCode()).isEqualTo("PLUGIN_NEEDED");

    // upgrading a dependency leaves its dependents loaded and serving
    assertThat(admin.post(PLUGINS + "/base/upgrade", "{\"version\":\"1.0.0\"}").status()).isEqualTo(200);
    assertThat(answer("base")).isEqualTo("1.0.0");
    assertThat(answer("fancy")).isEqualTo("1.0.0");
  }

  @Test
  void install_dependencyInstalledInAnExcludedVersion_conflict409WithTheReason() throws IOException {
    // given: base 1.1.0 is installed, and a plugin needs base <1.1.0
    assertThat(admin.post(PLUGINS + "/install", "{\"id\":\"base\"}").status()).isEqualTo(201);
    repository.publish("picky", "1.0.0", versioned("picky", "1.0.0", null), "*", List.of(new PluginManifest.Dependency("base", "~1.0.0")));
    repository.write();

    // when
    var refused = admin.post(PLUGINS + "/install", "{\"id\":\"picky\"}");

    // then
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("DEPENDENCY_CONFLICT");
    assertThat(refused.json().path("error").path("message").asText()).contains("picky needs base ~1.0.0, but base 1.1.0 is installed");
    assertThat(pluginFiles()).containsExactly("base-1.1.0.jar");
  }

  private static PluginManifest.Release withSignature(PluginManifest.Release release, String signature, String keyId) {
    return new PluginManifest.Release(release.version(), release.requires(), release.url(), release.sha512(), signature, keyId,
        release.size(), release.released(), release.changelog(), release.dependencies());
  }

  @Test
  void installFromManifest_badSignature_400AndNothingLeftBehind() {
    var untrusted = admin.post(PLUGINS, "{\"url\":\"" + repository.url("unknown/plugin.json") + "\"}");
    assertThat(untrusted.status()).as(untrusted.toString()).isEqualTo(400);
    assertThat(untrusted.errorCode()).isEqualTo("UNTRUSTED_KEY");

    var forged = admin.post(PLUGINS, "{\"url\":\"" + repository.url("forged/plugin.json") + "\"}");
    assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
    assertThat(forged.errorCode()).isEqualTo("SIGNATURE_INVALID");

    assertThat(pluginFiles()).isEmpty();
    assertThat(downloads()).isEmpty();
    assertThat(kernel.http().get("/api/v1/forged/version").status()).isEqualTo(404);
  }

  @Test
  void install_artifactOfAnotherPluginOrLongerThanStated_isRefusedAndNothingLeftBehind() {
    var impostor = admin.post(PLUGINS + "/install", "{\"id\":\"impostor\"}");
    assertThat(impostor.status()).as(impostor.toString()).isEqualTo(422);
    assertThat(impostor.errorCode()).isEqualTo("DESCRIPTOR_MISMATCH");
    assertThat(impostor.body()).contains("the artifact is plugin greeter");

    var liar = admin.post(PLUGINS + "/install", "{\"id\":\"liar\"}");
    assertThat(liar.status()).as(liar.toString()).isEqualTo(422);
    assertThat(liar.errorCode()).isEqualTo("SIZE_MISMATCH");

    assertThat(pluginFiles()).isEmpty();
    assertThat(downloads()).isEmpty();
    assertThat(kernel.http().get("/api/v1/greeter/version").status()).isEqualTo(404);
  }

  @Test
  void installFromManifest_newestCompatibleVersion_201() {
    var installed = admin.post(PLUGINS, "{\"url\":\"" + repository.url("base/plugin.json") + "\"}");

    assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
    assertThat(installed.json().path("id").asText()).isEqualTo("base");
    assertThat(installed.json().path("version").asText()).isEqualTo("1.1.0");
    assertThat(installed.json().path("state").asText()).isEqualTo("STARTED");
    assertThat(answer("base")).isEqualTo("1.1.0");
    var again = admin.post(PLUGINS, "{\"url\":\"" + repository.url("base/plugin.json") + "\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("PLUGIN_INSTALLED");
    // the source is remembered: a downgrade reads the same plugin.json
    assertThat(admin.post(PLUGINS + "/base/upgrade", "{\"version\":\"1.0.0\"}").status()).isEqualTo(200);
    assertThat(answer("base")).isEqualTo("1.0.0");
  }

  @Test
  void catalog_listsOfferedVersionsAndWhyOthersAreNot() {
    assertThat(admin.post(PLUGINS + "/install", "{\"id\":\"base\",\"version\":\"1.0.0\"}").status()).isEqualTo(201);

    var catalog = admin.get(PLUGINS + "/catalog");

    assertThat(catalog.status()).isEqualTo(200);
    assertThat(catalog.json().path("total").asInt()).isEqualTo(8);
    JsonNode greeter = find(catalog.json().path("items"), "greeter");
    assertThat(greeter.path("latestVersion").asText()).isEqualTo("3.0.0");
    assertThat(greeter.path("versions").findValuesAsText("version")).containsExactly("3.0.0", "2.0.0", "1.0.0");
    assertThat(greeter.path("notOffered").get(0).path("version").asText()).isEqualTo("9.0.0");
    assertThat(greeter.path("notOffered").get(0).path("reason").asText()).contains("requires plugin API >=99.0.0");
    assertThat(greeter.path("installedVersion").isNull()).isTrue();
    assertThat(find(catalog.json().path("items"), "base").path("installedVersion").asText()).isEqualTo("1.0.0");
    assertThat(catalog.json().path("repositoryErrors")).isEmpty();
  }

  @Test
  void catalog_untrustedKey_versionsNotOfferedWithTheReason() {
    long keyId = admin.get(PLUGINS + "/keys").json().path("items").get(0).path("id").asLong();
    assertThat(admin.delete(PLUGINS + "/keys/" + keyId).status()).isEqualTo(204);

    JsonNode base = find(admin.get(PLUGINS + "/catalog").json().path("items"), "base");
    var refused = admin.post(PLUGINS + "/install", "{\"id\":\"base\"}");

    assertThat(base.path("versions")).isEmpty();
    assertThat(base.path("notOffered").get(0).path("reason").asText()).contains("not trusted");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("VERSION_NOT_OFFERED");
    assertThat(pluginFiles()).isEmpty();
  }

  @Test
  void disable_survivesARestart_enableStartsAgain() {
    assertThat(admin.post(PLUGINS + "/install", "{\"id\":\"base\"}").status()).isEqualTo(201);
    assertThat(admin.post(PLUGINS + "/base/disable", null).json().path("state").asText()).isEqualTo("DISABLED");

    kernel.close();
    kernel = TestKernel.start(tempDir.resolve("data"), Map.of());
    admin = kernel.login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD);

    assertThat(plugin("base").path("state").asText()).isEqualTo("DISABLED");
    assertThat(kernel.http().get("/api/v1/base/version").status()).isEqualTo(404);
    assertThat(admin.post(PLUGINS + "/base/enable", null).json().path("state").asText()).isEqualTo("STARTED");
    assertThat(answer("base")).isEqualTo("1.1.0");
  }

  @Test
  void installRoutes_malformedInput_400Or422() {
    assertThat(admin.post(PLUGINS, "{\"url\":").errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(admin.post(PLUGINS, "{}").status()).isEqualTo(422);
    var file = admin.post(PLUGINS, "{\"url\":\"file:///etc/passwd\"}");
    assertThat(file.status()).isEqualTo(422);
    assertThat(file.errorCode()).isEqualTo("VALIDATION_FAILED");
    var notAManifest = admin.post(PLUGINS, "{\"url\":\"" + repository.url("repository.json") + "\"}");
    assertThat(notAManifest.status()).isEqualTo(400);
    assertThat(notAManifest.errorCode()).isEqualTo("INVALID_MANIFEST");
    assertThat(admin.post(PLUGINS, "{\"url\":\"" + repository.url("missing.json") + "\"}").errorCode()).isEqualTo("FETCH_FAILED");
    assertThat(admin.post(PLUGINS + "/install", "{\"id\":").status()).isEqualTo(400);
    assertThat(admin.post(PLUGINS + "/install", "{}").status()).isEqualTo(422);
    assertThat(admin.post(PLUGINS + "/install", "{\"id\":\"nope\"}").status()).isEqualTo(404);
    assertThat(admin.post(PLUGINS + "/install", "{\"id\":\"greeter\",\"version\":\"one\"}").status()).isEqualTo(422);
    assertThat(admin.post(PLUGINS + "/install", "{\"id\":\"greeter\",\"version\":\"9.0.0\"}").errorCode()).isEqualTo("VERSION_NOT_OFFERED");
    assertThat(admin.post(PLUGINS + "/nope/upgrade", "{}").status()).isEqualTo(404);
    assertThat(admin.post(PLUGINS + "/nope/upgrade", "{\"version\":").status()).isEqualTo(400);
    assertThat(admin.post(PLUGINS + "/nope/enable", null).status()).isEqualTo(404);
    assertThat(admin.post(PLUGINS + "/nope/disable", null).status()).isEqualTo(404);
    assertThat(admin.get(PLUGINS + "/catalog?limit=0").status()).isIn(400, 422);
    assertThat(pluginFiles()).isEmpty();
  }

  @Test
  void installRoutes_withoutCredentials_401() {
    for (String[] route : List.of(new String[] {"POST", PLUGINS}, new String[] {"POST", PLUGINS + "/install"},
        new String[] {"POST", PLUGINS + "/greeter/upgrade"}, new String[] {"POST", PLUGINS + "/greeter/enable"},
        new String[] {"POST", PLUGINS + "/greeter/disable"}, new String[] {"DELETE", PLUGINS + "/greeter"},
        new String[] {"GET", PLUGINS + "/catalog"})) {
      assertThat(kernel.http().send(route[0], route[1], route[0].equals("POST") ? "{}" : null).status()).as(route[1]).isEqualTo(401);
    }
  }

  private String answer(String pluginId) {
    var response = kernel.http().get("/api/v1/" + pluginId + "/version");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().path("version").asText();
  }

  private JsonNode plugin(String id) {
    return find(admin.get(PLUGINS).json(), id);
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode node : array) {
      if (node.path("id").asText().equals(id)) {
        return node;
      }
    }
    throw new AssertionError("no " + id + " in " + array);
  }

  private List<String> pluginFiles() {
    return list(tempDir.resolve("data/plugins"));
  }

  private List<String> downloads() {
    return list(tempDir.resolve("data/plugin-downloads"));
  }

  private static List<String> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Changes one byte in the middle of {@code file}: same size, other content. */
  static void tamper(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
  }
}
