package dev.marquee.kernel.metadata;

import dev.marquee.kernel.catalog.SearchText;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** A migrated catalog on one engine, with helpers that write rows the way the scanner does. */
final class CatalogFixture implements AutoCloseable {
  final TestDatabase testDatabase;
  final Database database;
  final Config config;
  final long libraryId;

  CatalogFixture(TestDatabase.Engine engine, Path tempDir, Map<String, String> settings) {
    testDatabase = TestDatabase.create(engine, tempDir);
    Map<String, String> all = new HashMap<>(testDatabase.settings());
    all.put(ConfigLoader.DATA_DIR, tempDir.toString());
    all.putAll(settings);
    config = new Config(all);
    database = Database.open(config);
    database.migrateKernel();
    libraryId = insertLibrary(jdbi());
  }

  Jdbi jdbi() {
    return database.jdbi();
  }

  MetadataStore store() {
    return new MetadataStore(database, Clock.systemUTC());
  }

  private static long insertLibrary(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO libraries (name, type, settings, created_at, updated_at)"
            + " VALUES ('Movies', 'mixed', '{}', 0, 0)")
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  long item(String kind, String title, Integer year, Long parentId) {
    return item(kind, title, year, parentId, null, null);
  }

  long item(String kind, String title, Integer year, Long parentId, Integer index, Integer parentIndex) {
    return jdbi().withHandle(h -> h.createUpdate("INSERT INTO media_items (library_id, parent_id, kind, title, sort_title,"
            + " search_text, year, index_number, parent_index, match_state, locked_fields, added_at, updated_at)"
            + " VALUES (:library, :parent, :kind, :title, :title, :search, :year, :index, :parentIndex, 'unmatched', '', 0, 0)")
        .bind("library", libraryId).bind("parent", parentId).bind("kind", kind).bind("title", title)
        .bind("search", SearchText.fold(title)).bind("year", year).bind("index", index).bind("parentIndex", parentIndex)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  void file(long itemId, Path path) {
    jdbi().useHandle(h -> h.createUpdate("INSERT INTO media_files (item_id, library_id, path, path_hash, size, mtime, added_at)"
            + " VALUES (:item, :library, :path, :hash, 1, 0, 0)")
        .bind("item", itemId).bind("library", libraryId).bind("path", path.toString())
        .bind("hash", String.format("%064x", new java.math.BigInteger(1, path.toString().getBytes())).substring(0, 64))
        .execute());
  }

  void externalId(long itemId, String provider, String value) {
    jdbi().useHandle(h -> h.createUpdate("INSERT INTO external_ids (item_id, provider, value) VALUES (:item, :provider, :value)")
        .bind("item", itemId).bind("provider", provider).bind("value", value).execute());
  }

  void lock(long itemId, String fields) {
    jdbi().useHandle(h -> h.createUpdate("UPDATE media_items SET locked_fields = :f WHERE id = :id")
        .bind("f", fields).bind("id", itemId).execute());
  }

  Map<String, Object> row(long itemId) {
    return jdbi().withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE id = :id").bind("id", itemId).mapToMap().one());
  }

  List<Map<String, Object>> rows(String sql, Object... args) {
    return jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapToMap().list();
    });
  }

  long count(String sql, Object... args) {
    return jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  @Override
  public void close() {
    database.close();
    testDatabase.close();
  }
}
