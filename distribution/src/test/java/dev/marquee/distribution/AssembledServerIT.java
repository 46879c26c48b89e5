package dev.marquee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestHttp;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the assembled distribution the way an admin does ({@code bin/marquee run}) as a real
 * process on a fresh data directory, uses it over HTTP, and stops it with SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssembledServerIT {
  @TempDir
  static Path work;

  static AssembledServer server;
  static TestHttp http;
  static String accessToken;

  @BeforeAll
  static void startAssembledServer() throws Exception {
    server = AssembledServer.start(work, List.of());
    http = server.http();
  }

  @AfterAll
  static void killLeftovers() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void run_printsTheUrlAndTheFirstBootSetupStep() {
    String out = server.stdout();
    assertThat(out).contains("Marquee is running at http://localhost:" + server.port() + "/");
    assertThat(out).contains("POST http://localhost:" + server.port() + "/api/v1/auth/setup");
  }

  @Test
  @Order(2)
  void health_answersUpWithTheEmbeddedDatabase() {
    var response = http.get("/api/v1/system/health");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("database").asText()).isEqualTo("UP");
    assertThat(Files.isRegularFile(work.resolve("data/marquee.db"))).as("SQLite database in the data dir").isTrue();
  }

  @Test
  @Order(3)
  void openApi_listsTheKernelRoutes() {
    var doc = http.get("/api/v1/openapi.json").json();
    assertThat(doc.path("paths").has("/api/v1/system/health")).isTrue();
    assertThat(doc.path("paths").has("/api/v1/system/version")).isTrue();
  }

  @Test
  @Order(4)
  void setup_createsTheFirstAdministratorOnce() {
    // when
    var first = http.post("/api/v1/auth/setup", "{\"username\":\"admin\",\"password\":\"a long enough password\"}");
    var second = http.post("/api/v1/auth/setup", "{\"username\":\"other\",\"password\":\"a long enough password\"}");
    // then
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().path("user").path("role").asText()).isEqualTo("ADMIN");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("ALREADY_SET_UP");
  }

  @Test
  @Order(5)
  void login_withTheAdministratorsPassword_givesTokensThatWork() {
    // when
    var login = http.post("/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"a long enough password\"}");
    // then
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    accessToken = login.json().path("accessToken").asText();
    assertThat(login.json().path("refreshToken").asText()).isNotBlank();
    var me = http.withToken(accessToken).get("/api/v1/users/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("username").asText()).isEqualTo("admin");
    assertThat(http.get("/api/v1/users/me").status()).isEqualTo(401);
  }

  @Test
  @Order(6)
  void bundledExamplePlugin_isStartedAndItsRouteAnswersTheUser() {
    // given: bin/marquee run pointed plugins.bundled-dir at the installation's plugins/
    assertThat(server.home().resolve("plugins").toFile().list()).as("bundled plugin zips").contains(
        "marquee-plugin-example-" + server.version() + ".zip", "marquee-plugin-subtitles-" + server.version() + ".zip");
    TestHttp user = http.withToken(accessToken);
    var plugins = user.get("/api/v1/admin/plugins").json();
    assertThat(plugins.findValuesAsText("id")).contains("example", "subtitles");
    // when
    var empty = user.get("/api/v1/example/greetings");
    var added = user.post("/api/v1/example/greetings", "{\"text\":\"hello from the assembled server\"}");
    var listed = user.get("/api/v1/example/greetings");
    // then
    assertThat(http.get("/api/v1/example/greetings").status()).isEqualTo(401);
    assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
    assertThat(empty.json().path("total").asInt()).isZero();
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(listed.json().path("total").asInt()).isEqualTo(1);
    assertThat(listed.json().path("items").get(0).path("text").asText()).isEqualTo("hello from the assembled server");
  }

  @Test
  @Order(7)
  void bundledTranscoderDrivers_areProbedAndSoftwareIsPreferredOnThisGpuLessMachine() throws Exception {
    // given
    assertThat(server.home().resolve("plugins").toFile().list()).contains("marquee-plugin-transcoder-software-" + server.version() + ".zip",
        "marquee-plugin-transcoder-vaapi-" + server.version() + ".zip", "marquee-plugin-transcoder-nvidia-" + server.version() + ".zip",
        "marquee-plugin-transcoder-qsv-" + server.version() + ".zip");
    TestHttp admin = http.withToken(accessToken);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode hardware;
    while (true) {
      // when
      hardware = admin.get("/api/v1/admin/transcoding/hardware").json();
      var drivers = hardware.path("drivers");
      if (drivers.size() == 4 && drivers.findValues("probing").stream().noneMatch(JsonNode::asBoolean)) {
        break;
      }
      assertThat(System.nanoTime()).as("probes finish: " + hardware).isLessThan(deadline);
      Thread.sleep(100);
    }
    // then: in the default order, hardware first, each with why it cannot be used here
    assertThat(hardware.path("drivers").findValuesAsText("id")).containsExactly("nvidia", "vaapi", "qsv", "software");
    assertThat(hardware.path("drivers").findValuesAsText("state"))
        .containsExactly("UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE", "AVAILABLE");
    assertThat(hardware.path("drivers").get(0).path("reason").asText()).startsWith("no NVIDIA device node");
    assertThat(hardware.path("drivers").get(1).path("reason").asText()).startsWith("no VA-API render node");
    assertThat(hardware.path("preferred").asText()).isEqualTo("software");
  }

  @Test
  @Order(100)
  void sigterm_stopsTheServerCleanlyWithinTenSeconds() throws Exception {
    // when
    Process process = server.process();
    process.destroy(); // SIGTERM; bin/marquee exec'd java, so this is the JVM itself
    boolean exited = process.waitFor(10, TimeUnit.SECONDS);
    // then
    assertThat(exited).as("exited within 10 s of SIGTERM").isTrue();
    // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and ended as the signal asks
    assertThat(process.exitValue()).isIn(0, 143);
    assertThat(server.stdout()).doesNotContain("ERROR", "Exception", "warning");
    try (var archives = Files.list(work.resolve("cds"))) {
      assertThat(archives.map(p -> p.getFileName().toString())).as("class-data-sharing archive written at exit")
          .singleElement().asString().startsWith("marquee-").endsWith(".tmp");
    }
    try (ServerSocket socket = new ServerSocket(server.port())) {
      assertThat(socket.getLocalPort()).as("the port is free again").isEqualTo(server.port());
    }
  }
}
