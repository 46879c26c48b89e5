package dev.marquee.kernel.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.plugins.repository.PluginKeys;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trusted keys and repositories: CRUD through the admin API, stored in the database. */
class PluginTrustRoutesTest {
  private static final String KEYS = "/api/v1/admin/plugins/keys";
  private static final String REPOSITORIES = "/api/v1/admin/plugins/repositories";

  @TempDir
  Path dataDir;

  TestKernel kernel;
  TestHttp admin;

  @BeforeEach
  void start() {
    kernel = TestKernel.start(dataDir, Map.of());
    admin = kernel.admin();
  }

  @AfterEach
  void stop() {
    kernel.close();
  }

  @Test
  void keys_addListDelete() {
    var pair = PluginKeys.generate();
    String publicKey = PluginKeys.publicKeyText(pair.getPublic());

    var added = admin.post(KEYS, "{\"name\":\"Acme\",\"publicKey\":\"" + publicKey + "\"}");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().path("keyId").asText()).isEqualTo(PluginKeys.keyId(pair.getPublic()));
    assertThat(added.json().path("name").asText()).isEqualTo("Acme");
    assertThat(added.json().path("createdAt").asText()).endsWith("Z");
    var list = admin.get(KEYS);
    assertThat(list.json().path("total").asInt()).isEqualTo(1);
    assertThat(list.json().path("items").get(0).path("publicKey").asText()).isEqualTo(publicKey);
    var again = admin.post(KEYS, "{\"name\":\"Acme again\",\"publicKey\":\"" + publicKey + "\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("KEY_EXISTS");
    assertThat(admin.delete(KEYS + "/" + added.json().path("id").asLong()).status()).isEqualTo(204);
    assertThat(admin.get(KEYS).json().path("total").asInt()).isZero();
  }

  @Test
  void keys_malformedInput_400Or422Or404() {
    assertThat(admin.post(KEYS, "{\"name\":").errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(admin.post(KEYS, "{\"name\":\"x\"}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(admin.post(KEYS, "{\"publicKey\":\"abc\"}").errorCode()).isEqualTo("VALIDATION_FAILED");
    var notAKey = admin.post(KEYS, "{\"name\":\"x\",\"publicKey\":\"bm90IGEga2V5\"}");
    assertThat(notAKey.status()).isEqualTo(422);
    assertThat(notAKey.errorCode()).isEqualTo("INVALID_KEY");
    assertThat(admin.delete(KEYS + "/999").status()).isEqualTo(404);
    assertThat(admin.delete(KEYS + "/abc").status()).isEqualTo(404);
    assertThat(admin.get(KEYS + "?limit=501").status()).isIn(400, 422);
  }

  @Test
  void repositories_addGetRenameDelete() {
    var added = admin.post(REPOSITORIES, "{\"name\":\"Official\",\"url\":\"https://plugins.example.org/repository.json\"}");
    assertThat(added.status()).isEqualTo(201);
    long id = added.json().path("id").asLong();

    assertThat(admin.get(REPOSITORIES + "/" + id).json().path("url").asText()).isEqualTo("https://plugins.example.org/repository.json");
    var renamed = admin.patch(REPOSITORIES + "/" + id, "{\"name\":\"Main\"}");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().path("name").asText()).isEqualTo("Main");
    assertThat(renamed.json().path("url").asText()).isEqualTo("https://plugins.example.org/repository.json");
    assertThat(admin.get(REPOSITORIES).json().path("items").get(0).path("name").asText()).isEqualTo("Main");
    assertThat(admin.post(REPOSITORIES, "{\"name\":\"Main\",\"url\":\"https://other.example.org/r.json\"}").errorCode())
        .isEqualTo("REPOSITORY_EXISTS");
    assertThat(admin.delete(REPOSITORIES + "/" + id).status()).isEqualTo(204);
    assertThat(admin.get(REPOSITORIES + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void repositories_malformedInput_400Or422Or404() {
    assertThat(admin.post(REPOSITORIES, "{\"name\":").status()).isEqualTo(400);
    assertThat(admin.post(REPOSITORIES, "{\"url\":\"https://x.org/r.json\"}").status()).isEqualTo(422);
    assertThat(admin.post(REPOSITORIES, "{\"name\":\"x\"}").status()).isEqualTo(422);
    assertThat(admin.post(REPOSITORIES, "{\"name\":\"x\",\"url\":\"file:///etc/passwd\"}").status()).isEqualTo(422);
    assertThat(admin.post(REPOSITORIES, "{\"name\":\"x\",\"url\":\"not a url\"}").status()).isEqualTo(422);
    assertThat(admin.patch(REPOSITORIES + "/999", "{\"name\":\"y\"}").status()).isEqualTo(404);
    long id = admin.post(REPOSITORIES, "{\"name\":\"x\",\"url\":\"https://x.org/r.json\"}").json().path("id").asLong();
    assertThat(admin.patch(REPOSITORIES + "/" + id, "{\"url\":\"ftp://x.org/r.json\"}").status()).isEqualTo(422);
    assertThat(admin.patch(REPOSITORIES + "/" + id, "{\"name\":").status()).isEqualTo(400);
    assertThat(admin.delete(REPOSITORIES + "/999").status()).isEqualTo(404);
  }

  @Test
  void catalog_unreachableRepository_listedAsAnErrorNotA5xx() {
    admin.post(REPOSITORIES, "{\"name\":\"gone\",\"url\":\"http://127.0.0.1:1/repository.json\"}");

    var catalog = admin.get("/api/v1/admin/plugins/catalog");

    assertThat(catalog.status()).isEqualTo(200);
    assertThat(catalog.json().path("items")).isEmpty();
    assertThat(catalog.json().path("repositoryErrors").get(0).path("repository").asText()).isEqualTo("gone");
    assertThat(catalog.json().path("repositoryErrors").get(0).path("error").asText()).contains("127.0.0.1:1");
  }

  @Test
  void trustRoutes_withoutCredentials_401() {
    for (String[] route : List.of(new String[] {"GET", KEYS}, new String[] {"POST", KEYS}, new String[] {"DELETE", KEYS + "/1"},
        new String[] {"GET", REPOSITORIES}, new String[] {"POST", REPOSITORIES}, new String[] {"GET", REPOSITORIES + "/1"},
        new String[] {"PATCH", REPOSITORIES + "/1"}, new String[] {"DELETE", REPOSITORIES + "/1"})) {
      String body = route[0].equals("POST") || route[0].equals("PATCH") ? "{}" : null;
      assertThat(kernel.http().send(route[0], route[1], body).status()).as(route[0] + " " + route[1]).isEqualTo(401);
      assertThat(kernel.user("bob").send(route[0], route[1], body).status()).as(route[0] + " " + route[1]).isEqualTo(403);
    }
  }
}
