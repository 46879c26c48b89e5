package dev.marquee.kernel.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.Main;
import dev.marquee.kernel.plugins.repository.ManifestParser;
import dev.marquee.kernel.plugins.repository.PluginKeys;
import dev.marquee.kernel.plugins.repository.PluginManifest;
import dev.marquee.kernel.plugins.repository.RepositoryIndex;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code marquee plugin keygen | sign | index}, run in-process, and a kernel installing from what they wrote. */
class PluginCommandTest {
  @TempDir
  Path tempDir;

  record Run(int exitCode, String out, String err) {}

  static Run marquee(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void keygen_writesKeysAndPrintsTheKeyId() throws Exception {
    Run run = marquee("plugin", "keygen", "--out", tempDir.resolve("keys").toString(), "--name", "acme");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path privateKey = tempDir.resolve("keys/acme.key");
    Path publicKey = tempDir.resolve("keys/acme.pub");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
    var pub = PluginKeys.parsePublicKey(Files.readString(publicKey));
    assertThat(run.out().trim()).isEqualTo(PluginKeys.keyId(pub)).matches("[0-9a-f]{16}");
    assertThat(PluginKeys.keyId(PluginKeys.publicKeyOf(PluginKeys.parsePrivateKey(Files.readString(privateKey))))).isEqualTo(run.out().trim());
    assertThat(marquee("plugin", "keygen", "--out", tempDir.resolve("keys").toString(), "--name", "acme").exitCode())
        .as("no overwrite").isNotZero();
  }

  @Test
  void sign_printsASignatureThatVerifies() throws Exception {
    marquee("plugin", "keygen", "--out", tempDir.toString(), "--name", "k");
    Path artifact = TestRepository.versioned("base", "1.0.0", null).writeJar(tempDir.resolve("base.jar"));

    Run run = marquee("plugin", "sign", "--key", tempDir.resolve("k.key").toString(), artifact.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().trim().split("\n");
    var pub = PluginKeys.parsePublicKey(Files.readString(tempDir.resolve("k.pub")));
    assertThat(PluginKeys.verify(pub, artifact, lines[0].trim())).isTrue();
    assertThat(lines[1].trim()).isEqualTo("keyId " + PluginKeys.keyId(pub));
  }

  @Test
  void index_thenInstall_theKernelInstallsWhatTheCliPublished() throws Exception {
    // given: a key and two artifacts, one needing the other
    marquee("plugin", "keygen", "--out", tempDir.toString(), "--name", "k");
    Path base = TestRepository.versioned("base", "1.0.0", null).manifest("Plugin-Requires", ">=0.1.0 & <1.0.0")
        .writeJar(tempDir.resolve("base-1.0.0.jar"));
    Path fancy = TestRepository.versioned("fancy", "2.0.0", "base@>=1.0.0").writeJar(tempDir.resolve("fancy-2.0.0.jar"));
    Path repo = tempDir.resolve("repo");

    // when
    Run first = marquee("plugin", "index", "--key", tempDir.resolve("k.key").toString(), "--repo", repo.toString(), base.toString());
    Run second = marquee("plugin", "index", "--key", tempDir.resolve("k.key").toString(), "--repo", repo.toString(),
        "--changelog", "first release", fancy.toString());

    // then
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    RepositoryIndex index = ManifestParser.parseIndex(Files.readAllBytes(repo.resolve("repository.json")));
    assertThat(index.plugins()).extracting(PluginManifest::id).containsExactly("base", "fancy");
    PluginManifest.Release baseRelease = index.plugins().get(0).versions().get(0);
    assertThat(baseRelease.requires()).isEqualTo(">=0.1.0 <1.0.0");
    assertThat(baseRelease.url()).isEqualTo("base-1.0.0.jar");
    assertThat(baseRelease.size()).isEqualTo(Files.size(base));
    assertThat(baseRelease.sha512()).isEqualTo(PluginKeys.sha512(base));
    PluginManifest.Release fancyRelease = index.plugins().get(1).versions().get(0);
    assertThat(fancyRelease.dependencies()).containsExactly(new PluginManifest.Dependency("base", ">=1.0.0"));
    assertThat(fancyRelease.changelog()).isEqualTo("first release");
    assertThat(repo.resolve("fancy-2.0.0.jar")).exists();

    // and a kernel trusting the key installs from it
    try (TestRepository served = new TestRepository(repo);
        TestKernel kernel = TestKernel.start(tempDir.resolve("data"), Map.of())) {
      TestHttp admin = kernel.admin();
      admin.post("/api/v1/admin/plugins/keys", "{\"name\":\"k\",\"publicKey\":\"" + Files.readString(tempDir.resolve("k.pub")).trim() + "\"}");
      admin.post("/api/v1/admin/plugins/repositories", "{\"name\":\"cli\",\"url\":\"" + served.url("repository.json") + "\"}");
      var installed = admin.post("/api/v1/admin/plugins/install", "{\"id\":\"fancy\"}");
      assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
      assertThat(kernel.http().get("/api/v1/base/version").json().path("version").asText()).isEqualTo("1.0.0");
      assertThat(kernel.http().get("/api/v1/fancy/version").json().path("version").asText()).isEqualTo("2.0.0");
    }
  }

  @Test
  void index_reindexingAVersion_replacesItWithoutDuplicates() throws Exception {
    marquee("plugin", "keygen", "--out", tempDir.toString(), "--name", "k");
    Path base = TestRepository.versioned("base", "1.0.0", null).writeJar(tempDir.resolve("base-1.0.0.jar"));
    Path repo = tempDir.resolve("repo");
    marquee("plugin", "index", "--key", tempDir.resolve("k.key").toString(), "--repo", repo.toString(), base.toString());

    Run again = marquee("plugin", "index", "--key", tempDir.resolve("k.key").toString(), "--repo", repo.toString(), base.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    RepositoryIndex index = ManifestParser.parseIndex(Files.readAllBytes(repo.resolve("repository.json")));
    assertThat(index.plugins().get(0).versions()).hasSize(1);
    assertThat(List.of(Files.list(repo).map(p -> p.getFileName().toString()).sorted().toArray()))
        .containsExactly("base-1.0.0.jar", "repository.json");
  }
}
