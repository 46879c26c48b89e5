package dev.marquee.kernel.catalog;

import dev.marquee.api.http.Page;
import dev.marquee.api.http.Paging;
import dev.marquee.kernel.catalog.CatalogRows.ItemMapper;
import dev.marquee.kernel.catalog.CatalogRows.ItemRow;
import dev.marquee.kernel.catalog.CatalogRows.UserState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code user_item_state} table: each user's position, played flag and play count per item. */
final class WatchStore {
  private final Jdbi jdbi;

  @Inject
  WatchStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One episode of a series in progress, with the user's state of it. */
  record EpisodeState(long id, long seriesId, int season, int episode, boolean played, Long lastPlayedAt) {}

  <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    return jdbi.inTransaction(work);
  }

  static Optional<UserState> state(Handle h, long userId, long itemId) {
    return h.createQuery("SELECT position_ms, played, play_count, last_played_at FROM user_item_state "
            + "WHERE user_id = :userId AND item_id = :itemId")
        .bind("userId", userId).bind("itemId", itemId)
        .map((rs, ctx) -> new UserState(rs.getLong("position_ms"), rs.getBoolean("played"), rs.getInt("play_count"),
            CatalogRows.longOrNull(rs, "last_played_at")))
        .findOne();
  }

  /** Writes a user's state of an item, inserting the row the first time. */
  static void put(Handle h, long userId, long itemId, UserState state, long now) {
    int updated = h.createUpdate("UPDATE user_item_state SET position_ms = :position, played = :played, "
            + "play_count = :count, last_played_at = :last, updated_at = :now WHERE user_id = :userId AND item_id = :itemId")
        .bind("position", state.positionMs()).bind("played", state.played()).bind("count", state.playCount())
        .bind("last", state.lastPlayedAt()).bind("now", now).bind("userId", userId).bind("itemId", itemId).execute();
    if (updated == 0) {
      h.createUpdate("INSERT INTO user_item_state (user_id, item_id, position_ms, played, play_count, last_played_at, "
              + "updated_at) VALUES (:userId, :itemId, :position, :played, :count, :last, :now)")
          .bind("position", state.positionMs()).bind("played", state.played()).bind("count", state.playCount())
          .bind("last", state.lastPlayedAt()).bind("now", now).bind("userId", userId).bind("itemId", itemId).execute();
    }
  }

  /** The runtime of an item: its own, else its longest file's duration; null when unknown. */
  static Long runtimeMs(Handle h, long itemId) {
    return h.createQuery("SELECT COALESCE(i.runtime_ms, (SELECT MAX(f.duration_ms) FROM media_files f WHERE f.item_id = i.id)) "
            + "FROM media_items i WHERE i.id = :id")
        .bind("id", itemId).mapTo(Long.class).findOne().orElse(null);
  }

  /** The item and its seasons and episodes (an extra is not watched with its movie). */
  static List<Long> withDescendants(Handle h, long itemId) {
    List<Long> ids = new ArrayList<>(List.of(itemId));
    List<Long> level = List.of(itemId);
    for (int depth = 0; depth < 2 && !level.isEmpty(); depth++) {
      level = h.createQuery("SELECT id FROM media_items WHERE parent_id IN (<ids>) AND kind IN ('season', 'episode')")
          .bindList("ids", level).mapTo(Long.class).list();
      ids.addAll(level);
    }
    return ids;
  }

  int clear(long userId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM user_item_state WHERE user_id = :userId")
        .bind("userId", userId).execute());
  }

  /** Items the user started and did not finish, last played first. */
  Page<ItemRow> continueWatching(Viewer viewer, Paging paging) {
    String where = " WHERE u.position_ms > 0 AND u.played = FALSE AND " + viewer.visible();
    return jdbi.inTransaction(h -> paging.page(
        h.createQuery("SELECT " + CatalogRows.ITEM_COLUMNS + CatalogRows.ITEM_FROM + where
                + " ORDER BY u.last_played_at DESC, i.id DESC LIMIT :limit OFFSET :offset")
            .bind("userId", viewer.userId()).bind("limit", paging.limit()).bind("offset", paging.offset())
            .map(new ItemMapper()).list(),
        h.createQuery("SELECT COUNT(*)" + CatalogRows.ITEM_FROM + where).bind("userId", viewer.userId())
            .mapTo(Long.class).one()));
  }

  /** Every present episode of each series in which the user played at least one episode. */
  List<EpisodeState> episodesOfStartedSeries(long userId) {
    String seriesOf = "CASE WHEN p.kind = 'season' THEN p.parent_id ELSE p.id END";
    return jdbi.withHandle(h -> {
      List<Long> series = h.createQuery("SELECT DISTINCT " + seriesOf + " FROM user_item_state u "
              + "JOIN media_items e ON e.id = u.item_id JOIN media_items p ON p.id = e.parent_id "
              + "WHERE u.user_id = :userId AND u.played = TRUE AND e.kind = 'episode'")
          .bind("userId", userId).mapTo(Long.class).list();
      if (series.isEmpty()) {
        return List.of();
      }
      return h.createQuery("SELECT e.id, " + seriesOf + " AS series_id, "
              + "COALESCE(e.parent_index, p.index_number, 1) AS season, COALESCE(e.index_number, 0) AS episode, "
              + "u.played, u.last_played_at FROM media_items e JOIN media_items p ON p.id = e.parent_id "
              + "LEFT JOIN user_item_state u ON u.item_id = e.id AND u.user_id = :userId "
              + "WHERE e.kind = 'episode' AND e.missing_since IS NULL "
              + "AND ((p.kind = 'season' AND p.parent_id IN (<series>)) OR p.id IN (<series>))")
          .bind("userId", userId).bindList("series", series)
          .map((rs, ctx) -> new EpisodeState(rs.getLong("id"), rs.getLong("series_id"), rs.getInt("season"),
              rs.getInt("episode"), rs.getBoolean("played"), CatalogRows.longOrNull(rs, "last_played_at")))
          .list();
    });
  }

  /** The given items, visible ones only, in the given order. */
  List<ItemRow> items(List<Long> ids, Viewer viewer) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<ItemRow> rows = jdbi.withHandle(h -> h.createQuery("SELECT " + CatalogRows.ITEM_COLUMNS + CatalogRows.ITEM_FROM
            + "WHERE i.id IN (<ids>) AND " + viewer.visible())
        .bindList("ids", ids).bind("userId", viewer.userId()).map(new ItemMapper()).list());
    return rows.stream().sorted(java.util.Comparator.comparingInt(row -> ids.indexOf(row.id()))).toList();
  }
}
