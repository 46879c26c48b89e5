package dev.marquee.kernel.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The background probe queue: events in, probes out, never blocking, library settings honoured. */
class ProbeQueueTest {
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
  void itemAdded_probedLibrary_probesItsFilesInTheBackground(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of())) {
      // given
      media.queue.start();
      long library = media.insertLibrary("movie", "{\"probe\":true}");
      long item = media.insertItem(library, "movie");
      long file = media.insertFile(item, library, movie);
      // when
      media.events.publish("library.item.added", Map.of("itemId", item, "libraryId", library));
      // then
      assertThat(media.awaitProbed(1)).singleElement()
          .satisfies(e -> assertThat(e.data()).isEqualTo(Map.of("fileId", file, "itemId", item)));
      assertThat(media.fileRow(file).get("container")).isEqualTo("matroska,webm");
      assertThat(media.streams(file)).hasSize(4);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void refill_booksAndProbeOff_areLeftAlone(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of())) {
      // given
      long books = media.insertLibrary("book", "{}");
      long off = media.insertLibrary("movie", "{\"probe\":false}");
      long mixed = media.insertLibrary("mixed", "{}");
      long bookFile = media.insertFile(media.insertItem(books, "book"), books, movie);
      long offFile = media.insertFile(media.insertItem(off, "movie"), off, mediaDir.resolve("other.mkv"));
      long bookInMixed = media.insertFile(media.insertItem(mixed, "book"), mixed, mediaDir.resolve("book.epub"));
      // when
      int queued = media.queue.refill(Optional.empty());
      // then
      assertThat(queued).isZero();
      Thread.sleep(300);
      assertThat(media.probed()).isEmpty();
      for (long file : List.of(bookFile, offFile, bookInMixed)) {
        assertThat(media.fileRow(file).get("probed_at")).isNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void offer_fullQueue_returnsAtOnceAndRefillCatchesUp(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of("media.probe-threads", "1", "media.probe-queue", "1"))) {
      // given five files in one library, one thread and room for one waiting file
      long library = media.insertLibrary("series", "{}");
      List<Long> files = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Path copy = Files.copy(movie, tempDir.resolve("episode" + i + ".mkv"));
        files.add(media.insertFile(media.insertItem(library, "episode"), library, copy));
      }
      // when
      long started = System.nanoTime();
      int firstRefill = media.queue.refill(Optional.of(library));
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      // then the queue took what fits and returned without waiting for probes
      assertThat(firstRefill).isBetween(1, 2);
      assertThat(tookMillis).isLessThan(2_000);
      // and refilling later (what media.probe-pending does) gets every file probed
      long deadline = System.currentTimeMillis() + 30_000;
      while (media.probed().size() < 5 && System.currentTimeMillis() < deadline) {
        media.queue.refill(Optional.empty());
        Thread.sleep(50);
      }
      assertThat(media.awaitProbed(5)).extracting(e -> (Object) ((Map<?, ?>) e.data()).get("fileId"))
          .containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(files));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void libraryScanned_probesPendingFilesOnceAndNotAgainUntilChanged(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of())) {
      // given
      media.queue.start();
      long library = media.insertLibrary("movie", "{}");
      long file = media.insertFile(media.insertItem(library, "movie"), library, movie);
      media.events.publish("library.scanned", Map.of("libraryId", library));
      media.awaitProbed(1);
      // when scanned again with nothing changed
      int queued = media.queue.refill(Optional.of(library));
      // then
      assertThat(queued).isZero();
      // when the file changed after its probe
      media.jdbi.useHandle(h -> h.execute("UPDATE media_files SET mtime = probed_at + 1000 WHERE id = ?", file));
      media.events.publish("library.scanned", Map.of("libraryId", library));
      // then
      assertThat(media.awaitProbed(2)).hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void refill_manyFilesOnFourThreads_storesEveryFilesStreams(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of("media.probe-threads", "4"))) {
      // given
      long library = media.insertLibrary("movie", "{}");
      List<Long> files = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Path copy = Files.copy(movie, tempDir.resolve("movie" + i + ".mkv"));
        files.add(media.insertFile(media.insertItem(library, "movie"), library, copy));
      }
      // when
      int queued = media.queue.refill(Optional.empty());
      // then
      assertThat(queued).isEqualTo(8);
      assertThat(media.awaitProbed(8)).hasSize(8);
      for (long file : files) {
        assertThat(media.streams(file)).as("streams of file %d", file).hasSize(4);
        assertThat(media.fileRow(file).get("probe_error")).isNull();
      }
    }
  }
}
