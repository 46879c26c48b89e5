package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryWatcherTest {
  @TempDir
  Path tempDir;

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

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
