package dev.marquee.kernel.media;

import static dev.marquee.kernel.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestKernel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Probing wired into a whole kernel: the scanner's event and the media.probe-pending task. */
class MediaKernelTest {
  @TempDir
  static Path mediaDir;

  @TempDir
  Path tempDir;

  static Path movie;

  @BeforeAll
  static void generateMedia() throws IOException {
    movie = TestMedia.mkvWithTracks(TestMedia.systemToolkit(), mediaDir);
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void itemAddedAndProbePendingTask_probeFilesTheScannerWrote(TestDatabase.Engine engine) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        TestKernel kernel = TestKernel.start(tempDir, db.settings())) {
      // given
      Jdbi jdbi = kernel.component().database().jdbi();
      EventBus bus = kernel.component().eventBus();
      List<Event> probed = new CopyOnWriteArrayList<>();
      bus.subscribe("media.probed", probed::add);
      long library = insert(jdbi, "INSERT INTO libraries (name, type, settings, created_at, updated_at) "
          + "VALUES ('Movies', 'movie', '{}', 1, 1)");
      long first = insertItem(jdbi, library);
      long second = insertItem(jdbi, library);
      long firstFile = insertFile(jdbi, first, library, movie, "a");
      long secondFile = insertFile(jdbi, second, library, movie, "b");
      // when the scanner announces the first item
      bus.publish("library.item.added", Map.of("itemId", first, "libraryId", library));
      // then (the start-up run of media.probe-pending may have found it first)
      await("the probe of the first file", () -> probed.stream()
          .anyMatch(e -> e.data().equals(Map.of("fileId", firstFile, "itemId", first))));
      // when an admin runs the pending-probe task for the file nobody announced
      assertThat(kernel.admin().post("/api/v1/admin/tasks/" + ProbeQueue.PENDING_TASK + "/run", "").status()).isEqualTo(202);
      // then
      await("the probe of the second file", () -> probed.stream()
          .anyMatch(e -> e.data().equals(Map.of("fileId", secondFile, "itemId", second))));
      int streams = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM media_streams").mapTo(Integer.class).one());
      assertThat(streams).isEqualTo(8);
      // and the media detail shows the probed streams of the file
      var detail = kernel.user("viewer").get("/api/v1/media/" + first);
      assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
      var files = detail.json().path("files");
      assertThat(files.size()).as(detail.toString()).isEqualTo(1);
      assertThat(files.get(0).path("container").asText()).contains("matroska");
      var detailStreams = files.get(0).path("streams");
      assertThat(detailStreams.size()).isEqualTo(4);
      assertThat(detailStreams.get(0).path("type").asText()).isEqualTo("video");
      assertThat(detailStreams.findValuesAsText("type")).contains("audio", "subtitle");
    }
  }

  private static long insertItem(Jdbi jdbi, long library) {
    return insert(jdbi, "INSERT INTO media_items (library_id, kind, title, sort_title, search_text, match_state, "
        + "locked_fields, added_at, updated_at) VALUES (" + library + ", 'movie', 'M', 'm', 'm', 'unmatched', '', 1, 1)");
  }

  private static long insertFile(Jdbi jdbi, long item, long library, Path path, String hash) {
    return insert(jdbi, "INSERT INTO media_files (item_id, library_id, path, path_hash, size, mtime, added_at) VALUES ("
        + item + ", " + library + ", '" + path + "', '" + hash + "', 1, 1, 1)");
  }

  private static long insert(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createUpdate(sql).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }
}
