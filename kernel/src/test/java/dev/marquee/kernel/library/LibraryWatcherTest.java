package dev.marquee.kernel.library;

import static dev.marquee.kernel.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LibraryWatcherTest {
  @TempDir
  Path tempDir;

  private static int count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  @Test
  void watchedLibrary_seesNewChangedAndDeletedFiles() throws Exception {
    Path media = Files.createDirectories(tempDir.resolve("media")).toRealPath();
    try (TestKernel kernel = TestKernel.start(tempDir.resolve("data"), Map.of("library.watch-debounce", "200ms"))) {
      TestHttp admin = kernel.admin();
      Jdbi jdbi = kernel.component().database().jdbi();
      TestHttp.Response created = admin.post("/api/v1/libraries",
          "{\"name\":\"Movies\",\"type\":\"movie\",\"roots\":[\"" + media + "\"]}");
      assertThat(created.status()).isEqualTo(201);
      // when: a new movie appears in a new folder
      Path folder = Files.createDirectories(media.resolve("Heat (1995)"));
      Thread.sleep(100);
      Path heat = Files.writeString(folder.resolve("Heat (1995).mkv"), "heat");
      // then
      await("the new movie", () -> count(jdbi, "SELECT COUNT(*) FROM media_items WHERE title = 'Heat'") == 1);
      // and a deleted one goes missing
      Files.delete(heat);
      await("the missing movie", () -> count(jdbi, "SELECT COUNT(*) FROM media_items WHERE title = 'Heat'"
          + " AND missing_since IS NOT NULL") == 1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void watchedLibrary_posterCreatedBesideAMovieThenDeleted_itsArtworkFollows(TestDatabase.Engine engine)
      throws Exception {
    Path media = Files.createDirectories(tempDir.resolve("media")).toRealPath();
    Path folder = Files.createDirectories(media.resolve("Heat (1995)"));
    Files.writeString(folder.resolve("Heat (1995).mkv"), "heat");
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        TestKernel kernel = TestKernel.start(tempDir.resolve("data"), withDebounce(db.settings()))) {
      TestHttp admin = kernel.admin();
      Jdbi jdbi = kernel.component().database().jdbi();
      long library = admin.post("/api/v1/libraries", "{\"name\":\"Movies\",\"type\":\"movie\",\"roots\":[\"" + media
          + "\"],\"settings\":{\"probe\":false}}").json().path("id").asLong();
      assertThat(admin.post("/api/v1/libraries/" + library + "/scan", "").status()).isEqualTo(202);
      await("the movie", () -> count(jdbi, "SELECT COUNT(*) FROM media_items WHERE title = 'Heat'") == 1);
      long heat = jdbi.withHandle(h -> h.createQuery("SELECT id FROM media_items WHERE title = 'Heat'").mapTo(Long.class).one());
      // when: a poster appears beside it
      Path poster = Files.write(folder.resolve("poster.jpg"), Books.image(60, 90, Color.RED, "jpg"));
      // then: the watcher's scan of that one path gives the movie its poster
      await("the new poster", () -> admin.get("/api/v1/media/" + heat + "/images/poster").status() == 200);
      assertThat(count(jdbi, "SELECT COUNT(*) FROM item_images WHERE item_id = " + heat + " AND kind = 'poster'"
          + " AND source = 'local'")).isEqualTo(1);
      // when: it is deleted
      Files.delete(poster);
      // then
      await("the poster's removal", () -> count(jdbi, "SELECT COUNT(*) FROM item_images WHERE item_id = " + heat) == 0);
      assertThat(admin.get("/api/v1/media/" + heat + "/images/poster").status()).isEqualTo(404);
    }
  }

  private static Map<String, String> withDebounce(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("library.watch-debounce", "200ms");
    return all;
  }

  @Test
  void unwatchedLibrary_isLeftAlone() throws Exception {
    Path media = Files.createDirectories(tempDir.resolve("media")).toRealPath();
    try (TestKernel kernel = TestKernel.start(tempDir.resolve("data"), Map.of("library.watch-debounce", "100ms"))) {
      kernel.admin().post("/api/v1/libraries",
          "{\"name\":\"Movies\",\"type\":\"movie\",\"roots\":[\"" + media + "\"],\"settings\":{\"watch\":false}}");
      Files.writeString(media.resolve("Heat (1995).mkv"), "heat");
      Thread.sleep(1000);
      assertThat(count(kernel.component().database().jdbi(), "SELECT COUNT(*) FROM media_items")).isZero();
    }
  }
}
