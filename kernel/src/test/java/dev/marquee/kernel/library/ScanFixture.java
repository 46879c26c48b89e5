package dev.marquee.kernel.library;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.catalog.ArtworkFinder;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.testing.MutableClock;
import dev.marquee.kernel.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** A migrated database, a library over a temporary root, and a scanner with a clock the test moves. */
final class ScanFixture implements AutoCloseable {
  final TestDatabase testDatabase;
  final Database database;
  final Jdbi jdbi;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final List<Event> events = new CopyOnWriteArrayList<>();
  final LibraryStore store;
  final LibraryScanner scanner;
  final Path root;

  ScanFixture(TestDatabase.Engine engine, Path tempDir) throws IOException {
    testDatabase = TestDatabase.create(engine, tempDir);
    database = Database.open(new Config(testDatabase.settings()));
    database.migrateKernel();
    jdbi = database.jdbi();
    store = new LibraryStore(jdbi);
    EventBus bus = new EventBus() {
      @Override
      public void publish(String topic, Object data) {
        events.add(new Event(topic, data, clock.instant()));
      }

      @Override
      public Subscription subscribe(String topicPrefix, Consumer<Event> listener) {
        throw new UnsupportedOperationException();
      }
    };
    scanner = new LibraryScanner(jdbi, bus, clock, new BookReader(), new ScanArtwork(jdbi, new ArtworkFinder(jdbi)));
    root = Files.createDirectories(tempDir.resolve("media")).toRealPath();
  }

  Library library(LibraryType type) {
    return library(type, LibrarySettings.defaults());
  }

  Library library(LibraryType type, LibrarySettings settings) {
    long id = store.insert("Test " + type.label(), type, List.of(root), settings, clock.instant());
    return store.find(id).orElseThrow();
  }

  ScanResult scan(Library library) throws IOException {
    return scanner.scan(library, LibraryScanner.Progress.NONE);
  }

  /** Creates a file (and its folders) below the root with some content; returns its path. */
  Path file(String relative, String content) throws IOException {
    Path path = root.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    return path;
  }

  Path file(String relative) throws IOException {
    return file(relative, "");
  }

  /** Sets a file's modification time to a new, distinct value. */
  static void touch(Path path, long epochMillis) throws IOException {
    Files.setLastModifiedTime(path, FileTime.fromMillis(epochMillis));
  }

  List<Map<String, Object>> items(long libraryId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE library_id = :id ORDER BY id")
        .bind("id", libraryId).mapToMap().list());
  }

  List<Map<String, Object>> items(long libraryId, String kind) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE library_id = :id AND kind = :kind ORDER BY id")
        .bind("id", libraryId).bind("kind", kind).mapToMap().list());
  }

  List<Map<String, Object>> files(long libraryId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_files WHERE library_id = :id ORDER BY path")
        .bind("id", libraryId).mapToMap().list());
  }

  @Override
  public void close() {
    database.close();
    testDatabase.close();
  }
}
