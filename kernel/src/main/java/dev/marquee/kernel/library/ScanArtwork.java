package dev.marquee.kernel.library;

import dev.marquee.kernel.catalog.ArtworkFinder;
import dev.marquee.kernel.catalog.ArtworkFinder.StoredImage;
import dev.marquee.kernel.catalog.ArtworkFinder.Target;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan's artwork step: after a reconcile, brings the {@code local} artwork rows in line with the
 * artwork files the walk saw, for just the items it can concern. Those are the items with files in a
 * folder whose artwork differs from the stored rows (an image added or removed there), or in the
 * season folders below such a folder (a show's {@code season01-poster.jpg}), and the items of new or
 * moved files in a folder that holds artwork or below one that does. An episode brings its season
 * and show along.
 *
 * <p>Costs one query when no artwork changed (the library's stored local rows), and nothing more for
 * folders without artwork; a replaced image (same name) changes no row, as serving follows the
 * file's modification time. Never fails a scan: errors are logged.
 */
final class ScanArtwork {
  private static final Logger log = LoggerFactory.getLogger(ScanArtwork.class);
  /** Up to this many folders are matched by path in the query; more read all the library's present files. */
  static final int MAX_PREFIXES = 50;

  private final Jdbi jdbi;
  private final ArtworkFinder finder;

  @Inject
  ScanArtwork(Jdbi jdbi, ArtworkFinder finder) {
    this.jdbi = jdbi;
    this.finder = finder;
  }

  /** A present file of the library with its item, and that item's parent. */
  private record FileRow(long id, long itemId, Path path, int part, String kind, Integer index, Long parentId,
      String parentKind, Integer parentIndex, Long grandparentId) {}

  /**
   * @param libraryId the library just reconciled
   * @param artwork the artwork files its walk found
   * @param inScope what the walk covered: stored rows outside it are not compared
   * @param newMedia media files new to the library in this scan (added or moved there)
   * @return how many rows were written
   */
  int sync(long libraryId, Collection<Path> artwork, Predicate<Path> inScope, Collection<Path> newMedia) {
    try {
      Map<Long, List<StoredImage>> stored = finder.storedOfLibrary(libraryId);
      if (artwork.isEmpty() && stored.isEmpty()) {
        return 0;
      }
      Set<Path> found = new HashSet<>(artwork);
      Set<Path> known = new HashSet<>();
      stored.values().forEach(rows -> rows.forEach(row -> {
        Path path = Path.of(row.location());
        if (path.getFileName() != null && ArtworkFinder.isArtworkName(path.getFileName().toString())) {
          known.add(path);
        }
      }));
      Set<Path> changedFolders = new HashSet<>();
      Set<Path> artworkFolders = new HashSet<>();
      for (Path path : found) {
        artworkFolders.add(path.getParent());
        if (!known.contains(path)) {
          changedFolders.add(path.getParent());
        }
      }
      for (Path path : known) {
        artworkFolders.add(path.getParent());
        if (!found.contains(path) && inScope.test(path)) {
          changedFolders.add(path.getParent());
        }
      }
      Set<Path> newFiles = new HashSet<>();
      for (Path path : newMedia) {
        Path folder = path.getParent();
        if (folder != null && (artworkFolders.contains(folder) || artworkFolders.contains(folder.getParent()))) {
          newFiles.add(path);
        }
      }
      if (changedFolders.isEmpty() && newFiles.isEmpty()) {
        return 0;
      }
      int written = finder.sync(targets(libraryId, changedFolders, newFiles), stored);
      if (written > 0) {
        log.debug("library {}: {} local artwork row(s) written for {} folder(s) and {} new file(s)", libraryId, written,
            changedFolders.size(), newFiles.size());
      }
      return written;
    } catch (RuntimeException e) {
      log.warn("library {}: local artwork not updated: {}", libraryId, e.toString(), e);
      return 0;
    }
  }

  private List<Target> targets(long libraryId, Set<Path> changedFolders, Set<Path> newFiles) {
    // a few folders (a watched change, a rescan) are matched in the query, not among all the library's files
    Set<Path> folders = new HashSet<>(changedFolders);
    newFiles.forEach(path -> folders.add(path.getParent()));
    List<String> prefixes = folders.size() > MAX_PREFIXES ? List.of()
        : folders.stream().map(folder -> likeEscape(folder.toString() + folder.getFileSystem().getSeparator()) + "%").toList();
    StringBuilder where = new StringBuilder();
    for (int i = 0; i < prefixes.size(); i++) {
      where.append(i == 0 ? " AND (" : " OR ").append("f.path LIKE :prefix").append(i).append(" ESCAPE '!'");
    }
    where.append(prefixes.isEmpty() ? "" : ")");
    List<FileRow> files = jdbi.withHandle(h -> {
      Query query = h.createQuery("SELECT f.id, f.item_id, f.path, f.part, i.kind,"
              + " i.index_number, i.parent_id, p.kind AS parent_kind, p.index_number AS parent_index,"
              + " p.parent_id AS grandparent_id FROM media_files f JOIN media_items i ON i.id = f.item_id"
              + " LEFT JOIN media_items p ON p.id = i.parent_id WHERE f.library_id = :library AND f.missing_since IS NULL"
              + where)
          .bind("library", libraryId);
      for (int i = 0; i < prefixes.size(); i++) {
        query.bind("prefix" + i, prefixes.get(i));
      }
      return query.map((rs, ctx) -> new FileRow(rs.getLong("id"), rs.getLong("item_id"), Path.of(rs.getString("path")),
              rs.getInt("part"), rs.getString("kind"), intOrNull(rs, "index_number"), longOrNull(rs, "parent_id"),
              rs.getString("parent_kind"), intOrNull(rs, "parent_index"), longOrNull(rs, "grandparent_id")))
          .list();
    });
    // an item's artwork is found beside its first file (parts in order), as ArtworkFinder.refresh does
    Map<Long, FileRow> first = new HashMap<>();
    for (FileRow file : files) {
      first.merge(file.itemId(), file, (a, b) -> a.part() < b.part() || (a.part() == b.part() && a.id() < b.id()) ? a : b);
    }
    Map<Long, Target> targets = new LinkedHashMap<>();
    for (FileRow file : files) {
      Path folder = file.path().getParent();
      if (folder == null) {
        continue;
      }
      boolean here = changedFolders.contains(folder) || newFiles.contains(file.path());
      boolean above = folder.getParent() != null && changedFolders.contains(folder.getParent());
      if (here) {
        FileRow own = first.get(file.itemId());
        targets.putIfAbsent(file.itemId(), new Target(file.itemId(), file.kind(), file.index(), own.path()));
      }
      if ((here || above) && "episode".equals(file.kind()) && file.parentId() != null) {
        if ("season".equals(file.parentKind())) {
          targets.putIfAbsent(file.parentId(), new Target(file.parentId(), "season", file.parentIndex(), file.path()));
          if (file.grandparentId() != null) {
            targets.putIfAbsent(file.grandparentId(), new Target(file.grandparentId(), "series", null, file.path()));
          }
        } else if ("series".equals(file.parentKind())) {
          targets.putIfAbsent(file.parentId(), new Target(file.parentId(), "series", null, file.path()));
        }
      }
    }
    return List.copyOf(targets.values());
  }

  private static String likeEscape(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
