package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLibraryTest {
  @TempDir
  Path dataDir;

  @TempDir
  Path demo;

  @Test
  void firstBoot_withDemoPath_createsAndScansTheDemoLibraryOnce() throws Exception {
    // given
    Path movie = demo.resolve("Demo Movie (2020)/Demo Movie (2020).mkv");
    Files.createDirectories(movie.getParent());
    Files.createFile(movie);
    Map<String, String> settings = Map.of("library.demo-path", demo.toString(), "metadata.auto-match", "false");

    // when
    try (TestKernel kernel = TestKernel.start(dataDir, settings)) {
      // then
      kernel.admin();
      var user = kernel.user("viewer");
      JsonNode libraries = user.get("/api/v1/libraries").json();
      assertThat(libraries.path("total").asInt()).isEqualTo(1);
      JsonNode library = libraries.path("items").get(0);
      assertThat(library.path("name").asText()).isEqualTo("Demo");
      assertThat(library.path("type").asText()).isEqualTo("mixed");
      String items = "/api/v1/libraries/" + library.path("id").asLong() + "/items";
      long deadline = System.currentTimeMillis() + 20_000;
      while (user.get(items).json().path("total").asInt() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      JsonNode first = user.get(items).json().path("items").get(0);
      assertThat(first.path("title").asText()).isEqualTo("Demo Movie");
      assertThat(first.path("year").asInt()).isEqualTo(2020);
    }

    // when the server starts again on the same data
    try (TestKernel kernel = TestKernel.start(dataDir, settings)) {
      // then no second demo library appears
      var admin = kernel.login(TestKernel.ADMIN_USERNAME, TestKernel.ADMIN_PASSWORD);
      assertThat(admin.get("/api/v1/libraries").json().path("total").asInt()).isEqualTo(1);
    }
  }

  @Test
  void firstBoot_withoutDemoPath_createsNothing() {
    try (TestKernel kernel = TestKernel.start(dataDir, Map.of())) {
      assertThat(kernel.admin().get("/api/v1/libraries").json().path("total").asInt()).isZero();
    }
  }
}
