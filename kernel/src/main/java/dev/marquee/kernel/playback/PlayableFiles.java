package dev.marquee.kernel.playback;

import dev.marquee.api.http.ApiException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Resolves what may be played from the catalog only: a present file of an item, inside one of its
 * library's roots. A path that the catalog holds but that lies outside every root (the library's
 * roots changed since its scan) is never served.
 */
@Singleton
final class PlayableFiles {

  /**
   * A file that may be sent.
   *
   * @param id its {@code media_files} id
   * @param itemId the item it belongs to
   * @param path where it is
   * @param mimeType its media type as the scanner found it
   */
  record Playable(long id, long itemId, Path path, String mimeType) {}

  private record Row(long id, long itemId, long libraryId, String path, String mimeType) {}

  private final Jdbi jdbi;

  @Inject
  PlayableFiles(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The item's first present file (part 1 of a multi-part movie); 404 when it has none. */
  Playable primary(long itemId) {
    return jdbi.withHandle(h -> {
      Optional<Row> row = h.createQuery("SELECT id, item_id, library_id, path, mime_type FROM media_files"
              + " WHERE item_id = :item AND missing_since IS NULL ORDER BY CASE WHEN part IS NULL THEN 0 ELSE part END, id")
          .bind("item", itemId).map((rs, ctx) -> row(rs)).findFirst();
      return checked(h, row.orElseThrow(() -> ApiException.notFound("item " + itemId + " has no playable file")));
    });
  }

  /** Every present file of the item, part 1 first; 404 when it has none. */
  List<Playable> all(long itemId) {
    return jdbi.withHandle(h -> {
      List<Row> rows = h.createQuery("SELECT id, item_id, library_id, path, mime_type FROM media_files"
              + " WHERE item_id = :item AND missing_since IS NULL ORDER BY CASE WHEN part IS NULL THEN 0 ELSE part END, id")
          .bind("item", itemId).map((rs, ctx) -> row(rs)).list();
      List<Playable> playable = new java.util.ArrayList<>();
      for (Row row : rows) {
        try {
          playable.add(checked(h, row));
        } catch (ApiException outsideTheRoots) {
          // left out, as if it were missing
        }
      }
      if (playable.isEmpty()) {
        throw ApiException.notFound("item " + itemId + " has no playable file");
      }
      return playable;
    });
  }

  /** One present file of the item; 404 when the item has no such file. */
  Playable file(long itemId, long fileId) {
    return jdbi.withHandle(h -> {
      Optional<Row> row = h.createQuery("SELECT id, item_id, library_id, path, mime_type FROM media_files"
              + " WHERE id = :file AND item_id = :item AND missing_since IS NULL")
          .bind("file", fileId).bind("item", itemId).map((rs, ctx) -> row(rs)).findOne();
      return checked(h, row.orElseThrow(() -> ApiException.notFound("item " + itemId + " has no file " + fileId)));
    });
  }

  private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Row(rs.getLong("id"), rs.getLong("item_id"), rs.getLong("library_id"), rs.getString("path"),
        rs.getString("mime_type"));
  }

  private static Playable checked(Handle h, Row row) {
    Path path = Path.of(row.path()).normalize();
    List<Path> roots = h.createQuery("SELECT path FROM library_roots WHERE library_id = :library")
        .bind("library", row.libraryId()).mapTo(String.class).map(Path::of).list();
    if (roots.stream().noneMatch(path::startsWith)) {
      throw ApiException.notFound("file " + row.id() + " is outside its library's folders");
    }
    String type = row.mimeType() == null ? "application/octet-stream" : row.mimeType();
    return new Playable(row.id(), row.itemId(), path, type);
  }
}
