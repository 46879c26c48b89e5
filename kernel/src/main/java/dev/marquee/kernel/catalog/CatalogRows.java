package dev.marquee.kernel.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The stored shapes the catalog reads, and their row mappers. */
final class CatalogRows {
  private CatalogRows() {}

  /**
   * Whether the viewer played every present episode of the series {@code i} (and it has one).
   * Episodes sit under a season, or directly under the series.
   */
  static final String SERIES_WATCHED = "(EXISTS (SELECT 1 FROM media_items e WHERE e.kind = 'episode' AND e.missing_since IS NULL "
      + "  AND (e.parent_id = i.id OR e.parent_id IN (SELECT s.id FROM media_items s WHERE s.parent_id = i.id))) "
      + " AND NOT EXISTS (SELECT 1 FROM media_items e WHERE e.kind = 'episode' AND e.missing_since IS NULL "
      + "  AND (e.parent_id = i.id OR e.parent_id IN (SELECT s.id FROM media_items s WHERE s.parent_id = i.id)) "
      + "  AND NOT EXISTS (SELECT 1 FROM user_item_state w WHERE w.item_id = e.id AND w.user_id = :userId AND w.played = TRUE))) ";

  /** The columns {@link ItemMapper} reads: {@code i} is media_items, {@code u} the user's state. */
  static final String ITEM_COLUMNS = "i.id, i.library_id, i.parent_id, i.kind, i.title, i.sort_title, i.original_title, "
      + "i.year, i.index_number, i.index_end, i.parent_index, i.absolute_number, i.release_date, i.overview, i.tagline, "
      + "i.rating, i.official_rating, i.runtime_ms, i.edition, i.extra_type, i.authors, i.series_name, i.language, "
      + "i.isbn, i.match_state, i.added_at, i.updated_at, i.missing_since, "
      + "u.position_ms, u.played, u.play_count, u.last_played_at, "
      // a series is played when all its episodes are; its own state row never says so
      + "CASE WHEN i.kind = 'series' THEN " + SERIES_WATCHED + " ELSE FALSE END AS series_played";

  /** media_items with the calling user's state beside each row. */
  static final String ITEM_FROM = " FROM media_items i "
      + "LEFT JOIN user_item_state u ON u.item_id = i.id AND u.user_id = :userId ";

  /** One user's state of one item; all zero when the user never touched it. */
  record UserState(long positionMs, boolean played, int playCount, Long lastPlayedAt) {
    static final UserState NONE = new UserState(0, false, 0, null);
  }

  /** One media_items row with the calling user's state. */
  record ItemRow(long id, long libraryId, Long parentId, String kind, String title, String sortTitle,
      String originalTitle, Integer year, Integer index, Integer indexEnd, Integer parentIndex,
      Integer absoluteNumber, String releaseDate, String overview, String tagline, Double rating,
      String officialRating, Long runtimeMs, String edition, String extraType, String authors, String seriesName,
      String language, String isbn, String matchState, long addedAt, long updatedAt, Long missingSince,
      UserState state) {}

  /** One media_files row. */
  record FileRow(long id, String path, long size, long mtime, Integer part, String mimeType, String container,
      Long durationMs, Long bitrate, Long missingSince) {}

  /** One credit of an item. */
  record CreditRow(long personId, String name, String role, String character, String imageUrl) {}

  /** An item a person is credited on. */
  record PersonCreditRow(ItemRow item, String role, String character) {}

  /** A genre and how many visible items carry it. */
  record GenreCount(long id, String name, long count) {}

  /** A people row. */
  record PersonRow(long id, String name, String tmdbId, String imageUrl) {}

  /** An item_images row. */
  record ImageRow(long id, long itemId, String kind, String source, String location, String cachedPath, int sortOrder) {}

  static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  /** Maps {@link #ITEM_COLUMNS}. */
  static final class ItemMapper implements RowMapper<ItemRow> {
    @Override
    public ItemRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      Long position = longOrNull(rs, "position_ms");
      UserState state = position == null ? UserState.NONE
          : new UserState(position, rs.getBoolean("played"), rs.getInt("play_count"), longOrNull(rs, "last_played_at"));
      if (rs.getBoolean("series_played") && !state.played()) {
        state = new UserState(state.positionMs(), true, state.playCount(), state.lastPlayedAt());
      }
      return new ItemRow(rs.getLong("id"), rs.getLong("library_id"), longOrNull(rs, "parent_id"), rs.getString("kind"),
          rs.getString("title"), rs.getString("sort_title"), rs.getString("original_title"), intOrNull(rs, "year"),
          intOrNull(rs, "index_number"), intOrNull(rs, "index_end"), intOrNull(rs, "parent_index"),
          intOrNull(rs, "absolute_number"), rs.getString("release_date"), rs.getString("overview"),
          rs.getString("tagline"), doubleOrNull(rs, "rating"), rs.getString("official_rating"),
          longOrNull(rs, "runtime_ms"), rs.getString("edition"), rs.getString("extra_type"), rs.getString("authors"),
          rs.getString("series_name"), rs.getString("language"), rs.getString("isbn"), rs.getString("match_state"),
          rs.getLong("added_at"), rs.getLong("updated_at"), longOrNull(rs, "missing_since"), state);
    }
  }

  /** Maps media_files rows. */
  static final class FileMapper implements RowMapper<FileRow> {
    @Override
    public FileRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new FileRow(rs.getLong("id"), rs.getString("path"), rs.getLong("size"), rs.getLong("mtime"),
          intOrNull(rs, "part"), rs.getString("mime_type"), rs.getString("container"), longOrNull(rs, "duration_ms"),
          longOrNull(rs, "bitrate"), longOrNull(rs, "missing_since"));
    }
  }

  /** Maps item_images rows. */
  static final class ImageMapper implements RowMapper<ImageRow> {
    @Override
    public ImageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new ImageRow(rs.getLong("id"), rs.getLong("item_id"), rs.getString("kind"), rs.getString("source"),
          rs.getString("location"), rs.getString("cached_path"), rs.getInt("sort_order"));
    }
  }
}
