package dev.marquee.kernel.media;

import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.catalog.EmbeddedArtwork;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.events.InProcessEventBus;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated database of one engine with the media services over it, an event bus that records
 * {@code media.*} events, and helpers that insert catalog rows directly with SQL (what the scanner
 * would write).
 */
final class MediaFixture implements AutoCloseable {
  final TestDatabase db;
  final Database database;
  final Jdbi jdbi;
  final ExecutorService eventThreads = Executors.newFixedThreadPool(2);
  final EventBus events = new InProcessEventBus(eventThreads, Clock.systemUTC());
  final List<Event> mediaEvents = new ArrayList<>();
  final MediaSettings settings;
  final KernelMediaToolkit toolkit;
  final EmbeddedArtwork artwork;
  final FileProber prober;
  final ProbeQueue queue;

  MediaFixture(TestDatabase.Engine engine, Path tempDir, Map<String, String> extra) {
    this.db = TestDatabase.create(engine, tempDir);
    Map<String, String> all = new HashMap<>(db.settings());
    all.put(ConfigLoader.DATA_DIR, tempDir.resolve("data").toString());
    all.putAll(extra);
    Config config = new Config(all);
    this.database = Database.open(config);
    database.migrateKernel();
    this.jdbi = database.jdbi();
    this.settings = MediaSettings.from(config);
    this.toolkit = new KernelMediaToolkit(new FfmpegRunner(settings), settings);
    this.artwork = new EmbeddedArtwork(jdbi, events, Clock.systemUTC(), config);
    this.prober = new FileProber(jdbi, toolkit, events, Clock.systemUTC(),
        new VideoCovers(new FfmpegRunner(settings), settings, artwork));
    this.queue = new ProbeQueue(jdbi, events, prober, settings);
    events.subscribe("media", this::record);
  }

  private synchronized void record(Event event) {
    mediaEvents.add(event);
    notifyAll();
  }

  /** Waits up to 20 s until {@code count} {@code media.probed} events arrived; returns them all. */
  synchronized List<Event> awaitProbed(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (probed().size() < count && System.currentTimeMillis() < deadline) {
      wait(Math.max(1, deadline - System.currentTimeMillis()));
    }
    return probed();
  }

  synchronized List<Event> probed() {
    return mediaEvents.stream().filter(e -> e.topic().equals(FileProber.PROBED)).toList();
  }

  long insertLibrary(String type, String settingsJson) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO libraries (name, type, settings, created_at, updated_at) "
            + "VALUES ('Library', :type, :settings, 1, 1)")
        .bind("type", type).bind("settings", settingsJson)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  long insertItem(long libraryId, String kind) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO media_items (library_id, kind, title, sort_title, search_text, "
            + "match_state, locked_fields, added_at, updated_at) VALUES (:libraryId, :kind, 'Movie', 'movie', 'movie', "
            + "'unmatched', '', 1, 1)")
        .bind("libraryId", libraryId).bind("kind", kind)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  long insertFile(long itemId, long libraryId, Path path) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO media_files (item_id, library_id, path, path_hash, size, "
            + "mtime, added_at) VALUES (:itemId, :libraryId, :path, :hash, 1000, :mtime, 1)")
        .bind("itemId", itemId).bind("libraryId", libraryId).bind("path", path.toString())
        .bind("hash", sha256(path.toString())).bind("mtime", System.currentTimeMillis() - 1000)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  ProbeStore.FileToProbe file(long fileId) {
    return jdbi.withExtension(ProbeStore.class, s -> s.file(fileId)).orElseThrow();
  }

  Map<String, Object> fileRow(long fileId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT container, duration_ms, bitrate, probed_at, probe_error "
        + "FROM media_files WHERE id = :id").bind("id", fileId).mapToMap().one());
  }

  Optional<Long> runtime(long itemId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT runtime_ms FROM media_items WHERE id = :id").bind("id", itemId)
        .mapTo(Long.class).findOne());
  }

  List<Map<String, Object>> streams(long fileId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_streams WHERE file_id = :id ORDER BY stream_index")
        .bind("id", fileId).mapToMap().list());
  }

  List<Map<String, Object>> chapters(long fileId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_chapters WHERE file_id = :id ORDER BY idx")
        .bind("id", fileId).mapToMap().list());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    queue.stop();
    eventThreads.shutdownNow();
    database.close();
    db.close();
  }
}
