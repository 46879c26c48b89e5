package dev.marquee.metadata.tmdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged zip in a real kernel, against the in-test TMDb: a scanned movie is matched in the
 * background by title and year, its poster is cached on disk, and the match routes reach TMDb.
 */
class TmdbPluginIT {
  @TempDir
  Path dataDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void packagedZip_matchesScannedMovieAndCachesItsPoster(TestDatabase.Engine engine) throws Exception {
    Path zip = Path.of(System.getProperty("marquee.plugin.zip", "target/marquee-plugin-metadata-tmdb-0.1.0.zip"));
    assertThat(zip).as("run `mvn package` first").isRegularFile();
    Files.createDirectories(dataDir.resolve("plugins"));
    Files.copy(zip, dataDir.resolve("plugins").resolve(zip.getFileName()));
    try (FakeTmdb tmdb = new FakeTmdb()
            .route("/search/movie", "search-movie-the-matrix.json")
            .route("/movie/603", "movie-603.json")
            .route("/img/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg", "poster.jpg");
        TestDatabase db = TestDatabase.create(engine, dataDir)) {
      Map<String, String> settings = new HashMap<>(db.settings());
      settings.put("plugins.metadata-tmdb.base-url", tmdb.baseUrl());
      settings.put("plugins.metadata-tmdb.image-base-url", tmdb.baseUrl().replace("/3", "/img"));
      settings.put("plugins.metadata-tmdb.api-key", "test-key");
      try (TestKernel kernel = TestKernel.start(dataDir, settings)) {
        TestHttp admin = kernel.admin();
        Jdbi jdbi = kernel.component().database().jdbi();
        long movie = insertMovie(jdbi, "The Matrix", 1999);

        // when: the scanner announces it
        kernel.component().eventBus().publish("library.item.added", Map.of("itemId", movie, "libraryId", 1));

        // then: matched by search, with TMDb's details
        JsonNode matched = await(() -> admin.post("/api/v1/media/" + movie + "/refresh", "").json(),
            item -> item.path("matchState").asText().equals("matched"));
        assertThat(matched.path("tagline").asText()).isEqualTo("Welcome to the Real World.");
        assertThat(matched.path("externalIds").path("tmdb").asText()).isEqualTo("603");
        assertThat(matched.path("externalIds").path("imdb").asText()).isEqualTo("tt0133093");
        assertThat(matched.path("officialRating").asText()).isEqualTo("R");
        assertThat(matched.path("people").get(0).path("name").asText()).isEqualTo("Keanu Reeves");
        Supplier<Boolean> posterCached = () -> {
          for (JsonNode image : admin.post("/api/v1/media/" + movie + "/refresh", "").json().path("images")) {
            if (image.path("kind").asText().equals("poster") && image.path("order").asInt() == 0) {
              return image.path("cached").asBoolean();
            }
          }
          return false;
        };
        assertThat(await(posterCached, Boolean::booleanValue)).isTrue();
        assertThat(dataDir.resolve("cache/images/originals/" + movie).toFile().list())
            .anyMatch(name -> name.startsWith("poster-0-") && name.endsWith(".jpg"));

        // and the match routes reach TMDb through the plugin
        JsonNode candidates = admin.post("/api/v1/media/" + movie + "/match/search", "{\"provider\":\"tmdb\"}").json();
        assertThat(candidates.path("items").get(0).path("externalIds").path("tmdb").asText()).isEqualTo("603");
        assertThat(admin.post("/api/v1/media/" + movie + "/match/apply", "{\"provider\":\"tmdb\",\"id\":\"1\"}").errorCode())
            .isEqualTo("NOT_FOUND_AT_PROVIDER");
      }
    }
  }

  private static long insertMovie(Jdbi jdbi, String title, int year) {
    return jdbi.withHandle(h -> {
      long library = h.createUpdate("INSERT INTO libraries (name, type, settings, created_at, updated_at)"
          + " VALUES ('Movies', 'movie', '{}', 0, 0)").executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      return h.createUpdate("INSERT INTO media_items (library_id, kind, title, sort_title, search_text, year, match_state,"
              + " locked_fields, added_at, updated_at) VALUES (:library, 'movie', :title, :title, :title, :year, 'unmatched', '', 0, 0)")
          .bind("library", library).bind("title", title).bind("year", year)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    });
  }

  private static <T> T await(Supplier<T> probe, Predicate<T> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    T value = probe.get();
    while (!done.test(value) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      value = probe.get();
    }
    return value;
  }
}
