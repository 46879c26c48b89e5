package dev.marquee.metadata.nfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.testkit.JsonHttp;
import dev.marquee.testkit.PluginTestKernel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged zip in a real kernel (started by the plugin test kit): a scanned movie with a {@code movie.nfo} beside it is matched
 * in the background, and an admin's locked title survives a refresh.
 */
class NfoPluginIT {
  @TempDir
  Path dataDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void packagedZip_matchesScannedMovieFromItsNfo(TestDatabase.Engine engine) throws Exception {
    Path zip = Path.of(System.getProperty("marquee.plugin.zip", "target/marquee-plugin-metadata-nfo-0.1.0.zip"));
    assertThat(zip).as("run `mvn package` first").isRegularFile();
    Path folder = Files.createDirectories(dataDir.resolve("media/The Matrix (1999)"));
    Path media = Files.writeString(folder.resolve("The Matrix (1999).mkv"), "");
    try (InputStream nfo = getClass().getResourceAsStream("/nfo/movie.nfo")) {
      Files.copy(nfo, folder.resolve("movie.nfo"));
    }
    try (TestDatabase db = TestDatabase.create(engine, dataDir);
        PluginTestKernel kernel = PluginTestKernel.builder().plugin(zip).settings(db.settings()).start()) {
      JsonHttp admin = kernel.admin();
      long movie = insertMovie(kernel.jdbi(), media);

      // when: the scanner announces it
      kernel.events().publish("library.item.added", Map.of("itemId", movie, "libraryId", 1));

      // then
      JsonNode matched = await(() -> admin.post("/api/v1/media/" + movie + "/refresh", "").json(),
          item -> item.path("matchState").asText().equals("matched"));
      assertThat(matched.path("title").asText()).isEqualTo("The Matrix");
      assertThat(matched.path("year").asInt()).isEqualTo(1999);
      assertThat(matched.path("externalIds").path("tmdb").asText()).isEqualTo("603");
      assertThat(matched.path("genres").toString()).isEqualTo("[\"Action\",\"Science Fiction\"]");
      assertThat(matched.path("people").get(0).path("name").asText()).isEqualTo("Keanu Reeves");

      // an admin's title is locked against the NFO
      admin.put("/api/v1/media/" + movie + "/metadata", "{\"title\":\"Matrix (Director's Wish)\"}");
      JsonNode refreshed = admin.post("/api/v1/media/" + movie + "/refresh", "").json();
      assertThat(refreshed.path("title").asText()).isEqualTo("Matrix (Director's Wish)");
      assertThat(refreshed.path("tagline").asText()).isEqualTo("Welcome to the Real World.");
      JsonNode candidates = admin.post("/api/v1/media/" + movie + "/match/search", "{\"provider\":\"nfo\"}").json();
      assertThat(candidates.path("items").get(0).path("confidence").asDouble()).isEqualTo(1.0);
    }
  }

  private static long insertMovie(Jdbi jdbi, Path file) {
    return jdbi.withHandle(h -> {
      long library = h.createUpdate("INSERT INTO libraries (name, type, settings, created_at, updated_at)"
          + " VALUES ('Movies', 'movie', '{}', 0, 0)").executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      long item = h.createUpdate("INSERT INTO media_items (library_id, kind, title, sort_title, search_text, year, match_state,"
              + " locked_fields, added_at, updated_at) VALUES (:library, 'movie', 'The Matrix', 'The Matrix', 'the matrix', 1999,"
              + " 'unmatched', '', 0, 0)")
          .bind("library", library).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      h.createUpdate("INSERT INTO media_files (item_id, library_id, path, path_hash, size, mtime, added_at)"
              + " VALUES (:item, :library, :path, :hash, 0, 0, 0)")
          .bind("item", item).bind("library", library).bind("path", file.toString()).bind("hash", "0".repeat(64)).execute();
      return item;
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
