package dev.marquee.kernel.plugins;

import static dev.marquee.kernel.plugins.PluginJar.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.testplugins.RoutesAndTask;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /api/v1/admin/plugins/{id}/settings} over HTTP, on both database engines. */
class PluginSettingsRoutesTest {
  private static final String ENGINES = "dev.marquee.kernel.testing.TestDatabase#engines";
  private static final String SETTINGS = "/api/v1/admin/plugins/hello/settings";
  static final String SCHEMA = """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object",
       "properties": {"greeting": {"type": "string", "minLength": 1, "maxLength": 40},
                      "loud": {"type": "boolean"}},
       "additionalProperties": false}
      """;

  @TempDir
  Path dataDir;

  private TestKernel start(TestDatabase db) throws Exception {
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    PluginHostTest.hello().resource("settings.schema.json", SCHEMA).writeJar(plugins.resolve("hello.jar"));
    plugin("both").extension(RoutesAndTask.class).writeJar(plugins.resolve("both.jar"));
    return TestKernel.start(dataDir, db.settings());
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void get_pluginWithSchema_schemaAndNoValues(TestDatabase.Engine engine) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, dataDir); TestKernel kernel = start(db)) {
      TestHttp.Response answer = kernel.admin().get(SETTINGS);

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().path("schema").path("properties").path("greeting").path("maxLength").asInt()).isEqualTo(40);
      assertThat(answer.json().path("values").toString()).isEqualTo("{}");
      TestHttp.Response none = kernel.admin().get("/api/v1/admin/plugins/both/settings");
      assertThat(none.json().path("schema").isNull()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void put_validValues_storedAndSeenByThePluginFromItsNextStartAndAfterARestart(TestDatabase.Engine engine) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, dataDir)) {
      try (TestKernel kernel = start(db)) {
        TestHttp admin = kernel.admin();

        // when
        TestHttp.Response put = admin.put(SETTINGS, "{\"greeting\":\"bonjour\",\"loud\":true}");

        // then: stored, and the running plugin keeps its values until it restarts
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("values").path("greeting").asText()).isEqualTo("bonjour");
        assertThat(admin.get(SETTINGS).json().path("values").path("loud").asBoolean()).isTrue();
        assertThat(kernel.http().get("/api/v1/hello/ada").json().path("greeting").asText()).isEqualTo("hello ada");
        admin.post("/api/v1/admin/plugins/hello/stop", null);
        admin.post("/api/v1/admin/plugins/hello/start", null);
        assertThat(kernel.http().get("/api/v1/hello/ada").json().path("greeting").asText()).isEqualTo("bonjour ada");
      }
      // and after the server restarts
      try (TestKernel again = TestKernel.start(dataDir, db.settings())) {
        assertThat(again.http().get("/api/v1/hello/bob").json().path("greeting").asText()).isEqualTo("bonjour bob");
      }
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void put_valuesAgainstTheSchema_unprocessableWithTheValidatorsMessagesAndNothingStored(TestDatabase.Engine engine)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, dataDir); TestKernel kernel = start(db)) {
      TestHttp admin = kernel.admin();
      admin.put(SETTINGS, "{\"greeting\":\"hi\"}");

      TestHttp.Response wrongType = admin.put(SETTINGS, "{\"greeting\":5}");
      TestHttp.Response extra = admin.put(SETTINGS, "{\"greeting\":\"hey\",\"colour\":\"red\"}");
      TestHttp.Response tooLong = admin.put(SETTINGS, "{\"greeting\":\"" + "x".repeat(41) + "\"}");
      TestHttp.Response notAnObject = admin.put(SETTINGS, "[\"greeting\"]");

      assertThat(wrongType.status()).isEqualTo(422);
      assertThat(wrongType.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(wrongType.json().path("error").path("message").asText()).contains("greeting").contains("string");
      assertThat(extra.json().path("error").path("message").asText()).contains("colour");
      assertThat(tooLong.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(notAnObject.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(admin.get(SETTINGS).json().path("values").toString()).isEqualTo("{\"greeting\":\"hi\"}");
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void badRequests_answerTheRightError(TestDatabase.Engine engine) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, dataDir); TestKernel kernel = start(db)) {
      TestHttp admin = kernel.admin();

      assertThat(kernel.http().get(SETTINGS).status()).isEqualTo(401);
      assertThat(kernel.http().put(SETTINGS, "{\"greeting\":\"x\"}").status()).isEqualTo(401);
      assertThat(kernel.user("ann").put(SETTINGS, "{\"greeting\":\"x\"}").status()).isEqualTo(403);
      assertThat(admin.put(SETTINGS, "{\"greeting\":").errorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(admin.get("/api/v1/admin/plugins/nope/settings").status()).isEqualTo(404);
      assertThat(admin.put("/api/v1/admin/plugins/nope/settings", "{}").status()).isEqualTo(404);
      TestHttp.Response noSchema = admin.put("/api/v1/admin/plugins/both/settings", "{\"x\":1}");
      assertThat(noSchema.status()).isEqualTo(409);
      assertThat(noSchema.errorCode()).isEqualTo("PLUGIN_HAS_NO_SETTINGS");
      assertThat(admin.get(SETTINGS).json().path("values").toString()).isEqualTo("{}");
    }
  }
}
