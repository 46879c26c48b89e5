package dev.marquee.kernel.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code libraries} and {@code library_roots} tables. */
@Singleton
final class LibraryStore {
  /** Top-level, present items: what a library "holds" for its count. */
  private static final String COUNT_ITEMS = "(SELECT COUNT(*) FROM media_items i WHERE i.library_id = l.id"
      + " AND i.parent_id IS NULL AND i.kind <> 'extra' AND i.missing_since IS NULL)";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Jdbi jdbi;

  @Inject
  LibraryStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A page of libraries by name, with their item counts, and the total. */
  record LibraryPage(List<Library> items, long total) {}

  LibraryPage list(int offset, int limit) {
    return jdbi.inTransaction(h -> {
      List<Library> page = read(h, "SELECT l.*, " + COUNT_ITEMS + " AS item_count FROM libraries l"
          + " ORDER BY l.name, l.id LIMIT " + limit + " OFFSET " + offset, Map.of());
      long total = h.createQuery("SELECT COUNT(*) FROM libraries").mapTo(Long.class).one();
      return new LibraryPage(page, total);
    });
  }

  /** Every library, without counts. */
  List<Library> all() {
    return jdbi.withHandle(h -> read(h, "SELECT l.*, 0 AS item_count FROM libraries l ORDER BY l.id", Map.of()));
  }

  Optional<Library> find(long id) {
    return jdbi.withHandle(h -> read(h, "SELECT l.*, " + COUNT_ITEMS + " AS item_count FROM libraries l WHERE l.id = :id",
        Map.of("id", id)).stream().findFirst());
  }

  long insert(String name, LibraryType type, List<Path> roots, LibrarySettings settings, Instant now) {
    return jdbi.inTransaction(h -> {
      long id = h.createUpdate("INSERT INTO libraries (name, type, settings, created_at, updated_at)"
              + " VALUES (:name, :type, :settings, :now, :now)")
          .bind("name", name).bind("type", type.label()).bind("settings", settings.stored())
          .bind("now", now.toEpochMilli())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      insertRoots(h, id, roots);
      return id;
    });
  }

  /** Replaces a library's fields and roots; false when it does not exist. */
  boolean update(long id, String name, LibraryType type, List<Path> roots, LibrarySettings settings, Instant now) {
    return jdbi.inTransaction(h -> {
      int changed = h.createUpdate("UPDATE libraries SET name = :name, type = :type, settings = :settings,"
              + " updated_at = :now WHERE id = :id")
          .bind("id", id).bind("name", name).bind("type", type.label()).bind("settings", settings.stored())
          .bind("now", now.toEpochMilli()).execute();
      if (changed == 0) {
        return false;
      }
      h.createUpdate("DELETE FROM library_roots WHERE library_id = :id").bind("id", id).execute();
      insertRoots(h, id, roots);
      return true;
    });
  }

  /** Deletes a library with its roots, items and files (foreign keys cascade). */
  boolean delete(long id) {
    return jdbi.inTransaction(h -> {
      // seasons and episodes reference their parents: delete files and leaves before the tops
      h.createUpdate("DELETE FROM media_files WHERE library_id = :id").bind("id", id).execute();
      h.createUpdate("UPDATE media_items SET parent_id = NULL WHERE library_id = :id AND parent_id IS NOT NULL")
          .bind("id", id).execute();
      h.createUpdate("DELETE FROM media_items WHERE library_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM libraries WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  /**
   * The last finished scan of a library as stored.
   *
   * @param at when it ended, null before the first one
   * @param counts what it changed, null before the first successful one
   * @param error why it failed, null when it succeeded
   */
  record LastScan(Instant at, ScanResult counts, String error) {}

  /** The stored last scan of a library; empty when the library does not exist. */
  Optional<LastScan> lastScan(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT last_scan_at, last_scan_counts, last_scan_error FROM libraries"
            + " WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> {
          long at = rs.getLong("last_scan_at");
          Instant when = rs.wasNull() ? null : Instant.ofEpochMilli(at);
          return new LastScan(when, countsOf(rs.getString("last_scan_counts")), rs.getString("last_scan_error"));
        })
        .findOne());
  }

  /** Stores a scan that finished at {@code at} with {@code counts}, clearing an earlier error. */
  void recordScan(long id, Instant at, ScanResult counts) {
    String json;
    try {
      json = MAPPER.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    jdbi.useHandle(h -> h.createUpdate("UPDATE libraries SET last_scan_at = :at, last_scan_counts = :counts,"
            + " last_scan_error = NULL WHERE id = :id")
        .bind("id", id).bind("at", at.toEpochMilli()).bind("counts", json).execute());
  }

  /** Stores why a scan failed; the last successful scan's time and counts stay. */
  void recordScanFailure(long id, String error) {
    String text = error == null ? "failed" : error.length() > 1000 ? error.substring(0, 1000) : error;
    jdbi.useHandle(h -> h.createUpdate("UPDATE libraries SET last_scan_error = :error WHERE id = :id")
        .bind("id", id).bind("error", text).execute());
  }

  private static ScanResult countsOf(String json) {
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.readValue(json, ScanResult.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static void insertRoots(Handle h, long id, List<Path> roots) {
    var batch = h.prepareBatch("INSERT INTO library_roots (library_id, path) VALUES (:library, :path)");
    for (Path root : roots) {
      batch.bind("library", id).bind("path", root.toString()).add();
    }
    batch.execute();
  }

  private static List<Library> read(Handle h, String sql, Map<String, Object> params) {
    record Row(long id, String name, String type, String settings, long createdAt, long updatedAt, long itemCount) {}
    List<Row> rows = h.createQuery(sql).bindMap(params)
        .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getString("type"), rs.getString("settings"),
            rs.getLong("created_at"), rs.getLong("updated_at"), rs.getLong("item_count")))
        .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<Path>> roots = new LinkedHashMap<>();
    h.createQuery("SELECT library_id, path FROM library_roots WHERE library_id IN (<ids>) ORDER BY id")
        .bindList("ids", rows.stream().map(Row::id).toList())
        .map((rs, ctx) -> Map.entry(rs.getLong(1), Path.of(rs.getString(2))))
        .forEach(e -> roots.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return rows.stream().map(r -> new Library(r.id, r.name, LibraryType.parse(r.type).orElse(LibraryType.MIXED),
        List.copyOf(roots.getOrDefault(r.id, List.of())), LibrarySettings.fromStored(r.settings),
        Instant.ofEpochMilli(r.createdAt), Instant.ofEpochMilli(r.updatedAt), r.itemCount)).toList();
  }
}
