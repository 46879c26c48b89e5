package dev.marquee.kernel.catalog;

import dev.marquee.api.http.Page;
import dev.marquee.api.http.Paging;
import dev.marquee.kernel.catalog.CatalogRows.CreditRow;
import dev.marquee.kernel.catalog.CatalogRows.FileMapper;
import dev.marquee.kernel.catalog.CatalogRows.FileRow;
import dev.marquee.kernel.catalog.CatalogRows.GenreCount;
import dev.marquee.kernel.catalog.CatalogRows.ImageMapper;
import dev.marquee.kernel.catalog.CatalogRows.ImageRow;
import dev.marquee.kernel.catalog.CatalogRows.ItemMapper;
import dev.marquee.kernel.catalog.CatalogRows.ItemRow;
import dev.marquee.kernel.catalog.CatalogRows.PersonCreditRow;
import dev.marquee.kernel.catalog.CatalogRows.PersonRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads the catalog: library listings with their filters and sorts, items with everything attached to
 * them, children, search candidates, recently added, genres and people. Every read takes a
 * {@link Viewer}, so missing items stay hidden unless an administrator asked for them.
 */
final class CatalogStore {
  /** Top-level kinds: what a library lists. */
  static final String TOP_LEVEL = " i.parent_id IS NULL AND i.kind IN ('movie', 'series', 'book') ";

  /**
   * Whether the viewer watched {@code i}: a played state row, or for a series, at least one episode
   * and every (present) episode played. Episodes sit under a season, or directly under the series.
   */
  static final String WATCHED = " (CASE WHEN i.kind = 'series' THEN " + CatalogRows.SERIES_WATCHED
      + "ELSE EXISTS (SELECT 1 FROM user_item_state w WHERE w.item_id = i.id AND w.user_id = :userId AND w.played = TRUE) END) ";

  /** How a library listing is sorted. */
  enum Sort {
    TITLE("i.sort_title %s, i.id %s", false),
    ADDED("i.added_at %s, i.id %s", true),
    YEAR("CASE WHEN i.year IS NULL THEN 1 ELSE 0 END, i.year %s, i.sort_title, i.id", true),
    RATING("CASE WHEN i.rating IS NULL THEN 1 ELSE 0 END, i.rating %s, i.sort_title, i.id", true),
    // a permutation of ids chosen by the seed: the same seed gives the same order on every engine
    RANDOM("((i.id * :mult + :add) % 2147483647) %s, i.id %s", false);

    private final String order;
    final boolean descendingByDefault;

    Sort(String order, boolean descendingByDefault) {
      this.order = order;
      this.descendingByDefault = descendingByDefault;
    }

    String orderBy(boolean descending) {
      String direction = descending ? "DESC" : "ASC";
      return order.replace("%s", direction);
    }
  }

  /**
   * A library listing request.
   *
   * @param watched null for any, else only watched or only unwatched items
   */
  record ItemQuery(long libraryId, String kind, String genre, Integer year, Integer yearFrom, Integer yearTo,
      Boolean watched, Sort sort, boolean descending, long seed, Viewer viewer, Paging paging) {

    /**
     * What decides the listing's total: this query without its order and page, and without the
     * user unless a watched filter makes the total theirs.
     */
    ItemQuery filter() {
      Viewer counted = watched == null ? new Viewer(0, viewer.includeMissing()) : viewer;
      return new ItemQuery(libraryId, kind, genre, year, yearFrom, yearTo, watched, Sort.TITLE, false, 0, counted, null);
    }
  }

  private final Jdbi jdbi;

  @Inject
  CatalogStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  boolean libraryExists(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM libraries WHERE id = :id")
        .bind("id", id).mapTo(Long.class).one() > 0);
  }

  /**
   * The top-level items of a library, one page and the total, read from one snapshot. {@code totals}
   * answers the total of a listing's filter (its {@link ItemQuery#filter()}) from the count it is
   * given, or from what it remembers of that filter: counting a large library costs far more than
   * reading a page of it.
   */
  Page<ItemRow> libraryItems(ItemQuery q, BiFunction<ItemQuery, LongSupplier, Long> totals) {
    StringBuilder where = new StringBuilder(" WHERE i.library_id = :libraryId AND ").append(TOP_LEVEL)
        .append(" AND ").append(q.viewer().visible());
    Map<String, Object> binds = new LinkedHashMap<>();
    binds.put("libraryId", q.libraryId());
    binds.put("userId", q.viewer().userId());
    if (q.kind() != null) {
      where.append(" AND i.kind = :kind");
      binds.put("kind", q.kind());
    }
    if (q.year() != null) {
      where.append(" AND i.year = :year");
      binds.put("year", q.year());
    }
    if (q.yearFrom() != null) {
      where.append(" AND i.year >= :yearFrom");
      binds.put("yearFrom", q.yearFrom());
    }
    if (q.yearTo() != null) {
      where.append(" AND i.year <= :yearTo");
      binds.put("yearTo", q.yearTo());
    }
    if (q.genre() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM item_genres ig JOIN genres g ON g.id = ig.genre_id "
          + "WHERE ig.item_id = i.id AND (g.name_key = :genreFolded OR g.name_key = :genreLower))");
      binds.put("genreFolded", SearchText.fold(q.genre()));
      binds.put("genreLower", q.genre().strip().toLowerCase(java.util.Locale.ROOT));
    }
    if (q.watched() != null) {
      where.append(q.watched() ? " AND " : " AND NOT ").append(WATCHED);
    }
    if (q.sort() == Sort.RANDOM) {
      binds.put("mult", (Math.floorMod(q.seed() * 0x9E3779B97F4A7C15L, 2147483647L) | 1L));
      binds.put("add", Math.floorMod(q.seed() ^ 0x5DEECE66DL, 2147483647L));
    }
    String sql = "SELECT " + CatalogRows.ITEM_COLUMNS + CatalogRows.ITEM_FROM + where
        + " ORDER BY " + q.sort().orderBy(q.descending()) + " LIMIT :limit OFFSET :offset";
    String count = "SELECT COUNT(*) FROM media_items i " + where;
    return jdbi.inTransaction(h -> {
      Query items = h.createQuery(sql).bindMap(binds).bind("limit", q.paging().limit()).bind("offset", q.paging().offset());
      long total = totals.apply(q.filter(),
          () -> h.createQuery(count).bindMap(withoutSortBinds(binds, count)).mapTo(Long.class).one());
      return q.paging().page(items.map(new ItemMapper()).list(), total);
    });
  }

  private static Map<String, Object> withoutSortBinds(Map<String, Object> binds, String sql) {
    Map<String, Object> used = new LinkedHashMap<>();
    binds.forEach((name, value) -> {
      if (sql.contains(":" + name)) {
        used.put(name, value);
      }
    });
    return used;
  }

  Optional<ItemRow> item(long id, Viewer viewer) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + CatalogRows.ITEM_COLUMNS + CatalogRows.ITEM_FROM
            + "WHERE i.id = :id AND " + viewer.visible())
        .bind("id", id).bind("userId", viewer.userId()).map(new ItemMapper()).findOne());
  }

  /** Everything attached to one item, for its detail answer. */
  record Attached(Map<String, String> externalIds, List<String> genres, List<CreditRow> people,
      List<String> imageKinds, List<FileRow> files, Long seriesId, Long seasonId, long childCount) {}

  Attached attached(ItemRow item, Viewer viewer) {
    return jdbi.inTransaction(h -> {
      Map<String, String> ids = new LinkedHashMap<>();
      h.createQuery("SELECT provider, value FROM external_ids WHERE item_id = :id ORDER BY provider")
          .bind("id", item.id())
          .map((rs, ctx) -> Map.entry(rs.getString("provider"), rs.getString("value")))
          .forEach(e -> ids.put(e.getKey(), e.getValue()));
      List<String> genres = h.createQuery("SELECT g.name FROM item_genres ig JOIN genres g ON g.id = ig.genre_id "
              + "WHERE ig.item_id = :id ORDER BY g.name")
          .bind("id", item.id()).mapTo(String.class).list();
      List<CreditRow> people = h.createQuery("SELECT p.id, p.name, ip.role, ip.character_name, p.image_url "
              + "FROM item_people ip JOIN people p ON p.id = ip.person_id WHERE ip.item_id = :id "
              + "ORDER BY ip.sort_order, p.name, ip.role")
          .bind("id", item.id())
          .map((rs, ctx) -> new CreditRow(rs.getLong("id"), rs.getString("name"), rs.getString("role"),
              rs.getString("character_name"), rs.getString("image_url")))
          .list();
      List<String> kinds = h.createQuery("SELECT DISTINCT kind FROM item_images WHERE item_id = :id ORDER BY kind")
          .bind("id", item.id()).mapTo(String.class).list();
      List<FileRow> files = h.createQuery("SELECT * FROM media_files WHERE item_id = :id "
              + (viewer.includeMissing() ? "" : "AND missing_since IS NULL ")
              + "ORDER BY CASE WHEN part IS NULL THEN 0 ELSE part END, id")
          .bind("id", item.id()).map(new FileMapper()).list();
      Long seriesId = null;
      Long seasonId = null;
      if (item.parentId() != null && ("season".equals(item.kind()) || "episode".equals(item.kind()))) {
        Map<String, Object> parent = h.createQuery("SELECT id, kind, parent_id FROM media_items WHERE id = :id")
            .bind("id", item.parentId()).mapToMap().findOne().orElse(Map.of());
        if ("season".equals(parent.get("kind"))) {
          seasonId = item.parentId();
          seriesId = parent.get("parent_id") == null ? null : ((Number) parent.get("parent_id")).longValue();
        } else {
          seriesId = item.parentId();
        }
      }
      long children = h.createQuery("SELECT COUNT(*) FROM media_items i WHERE i.parent_id = :id AND " + viewer.visible())
          .bind("id", item.id()).mapTo(Long.class).one();
      return new Attached(ids, genres, people, kinds, files, seriesId, seasonId, children);
    });
  }

  /**
   * The children of an item: seasons by number, episodes by number (by season first, for a series
   * whose episodes sit directly under it), then title.
   */
  Page<ItemRow> children(long parentId, Viewer viewer, Paging paging) {
    String where = " WHERE i.parent_id = :parentId AND " + viewer.visible();
    return jdbi.inTransaction(h -> paging.page(
        h.createQuery("SELECT " + CatalogRows.ITEM_COLUMNS + CatalogRows.ITEM_FROM + where
                + " ORDER BY COALESCE(i.parent_index, 0), CASE WHEN i.index_number IS NULL THEN 1 ELSE 0 END, "
                + "i.index_number, i.sort_title, i.id "
                + "LIMIT :limit OFFSET :offset")
            .bind("parentId", parentId).bind("userId", viewer.userId())
            .bind("limit", paging.limit()).bind("offset", paging.offset()).map(new ItemMapper()).list(),
        h.createQuery("SELECT COUNT(*) FROM media_items i" + where).bind("parentId", parentId).mapTo(Long.class).one()));
  }

  /**
   * Items of the searchable kinds whose search text has, for every query word, a word starting with
   * it; titles that start with the query first, then by sort title; at most {@code max}.
   */
  List<ItemRow> searchCandidates(List<String> words, Viewer viewer, int max) {
    return jdbi.withHandle(h -> {
      Query query = h.createQuery("SELECT " + CatalogRows.ITEM_COLUMNS + CatalogRows.ITEM_FROM + searchWhere(words, viewer)
          + " ORDER BY CASE WHEN i.search_text LIKE :titlePrefix THEN 0 ELSE 1 END, i.sort_title, i.id LIMIT :max");
      bindWords(query, words);
      return query.bind("userId", viewer.userId()).bind("titlePrefix", String.join(" ", words) + "%")
          .bind("max", max).map(new ItemMapper()).list();
    });
  }

  long searchCount(List<String> words, Viewer viewer) {
    return jdbi.withHandle(h -> {
      Query query = h.createQuery("SELECT COUNT(*) FROM media_items i " + searchWhere(words, viewer));
      bindWords(query, words);
      return query.mapTo(Long.class).one();
    });
  }

  private static String searchWhere(List<String> words, Viewer viewer) {
    StringBuilder where = new StringBuilder(" WHERE i.kind IN ('movie', 'series', 'episode', 'book') AND ")
        .append(viewer.visible());
    for (int n = 0; n < words.size(); n++) {
      where.append(" AND (i.search_text LIKE :start").append(n).append(" OR i.search_text LIKE :inner").append(n).append(')');
    }
    return where.toString();
  }

  private static void bindWords(Query query, List<String> words) {
    for (int n = 0; n < words.size(); n++) {
      // folded words hold only letters and digits, so they carry no LIKE wildcards
      query.bind("start" + n, words.get(n) + "%").bind("inner" + n, "% " + words.get(n) + "%");
    }
  }

  /** Top-level items and episodes, newest added first, in one library or everywhere. */
  Page<ItemRow> recent(Long libraryId, Viewer viewer, Paging paging) {
    String where = " WHERE i.kind IN ('movie', 'series', 'book', 'episode') AND (i.kind = 'episode' OR i.parent_id IS NULL) AND "
        + viewer.visible() + (libraryId == null ? "" : " AND i.library_id = :libraryId");
    return jdbi.inTransaction(h -> {
      Query items = h.createQuery("SELECT " + CatalogRows.ITEM_COLUMNS + CatalogRows.ITEM_FROM + where
          + " ORDER BY i.added_at DESC, i.id DESC LIMIT :limit OFFSET :offset");
      Query count = h.createQuery("SELECT COUNT(*) FROM media_items i" + where);
      if (libraryId != null) {
        items.bind("libraryId", libraryId);
        count.bind("libraryId", libraryId);
      }
      return paging.page(items.bind("userId", viewer.userId()).bind("limit", paging.limit())
          .bind("offset", paging.offset()).map(new ItemMapper()).list(), count.mapTo(Long.class).one());
    });
  }

  /** Genres with how many visible top-level items carry each, by name. */
  List<GenreCount> genres(Long libraryId, Viewer viewer) {
    return jdbi.withHandle(h -> {
      Query query = h.createQuery("SELECT g.id, g.name, COUNT(DISTINCT i.id) AS n FROM genres g "
          + "JOIN item_genres ig ON ig.genre_id = g.id JOIN media_items i ON i.id = ig.item_id "
          + "WHERE " + viewer.visible() + (libraryId == null ? "" : " AND i.library_id = :libraryId")
          + " GROUP BY g.id, g.name ORDER BY g.name");
      if (libraryId != null) {
        query.bind("libraryId", libraryId);
      }
      return query.map((rs, ctx) -> new GenreCount(rs.getLong("id"), rs.getString("name"), rs.getLong("n"))).list();
    });
  }

  Optional<PersonRow> person(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, name, tmdb_id, image_url FROM people WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> new PersonRow(rs.getLong("id"), rs.getString("name"), rs.getString("tmdb_id"),
            rs.getString("image_url")))
        .findOne());
  }

  /** The visible items a person is credited on, newest year first. */
  List<PersonCreditRow> personCredits(long personId, Viewer viewer) {
    ItemMapper items = new ItemMapper();
    return jdbi.withHandle(h -> h.createQuery("SELECT " + CatalogRows.ITEM_COLUMNS + ", ip.role, ip.character_name "
            + CatalogRows.ITEM_FROM + "JOIN item_people ip ON ip.item_id = i.id WHERE ip.person_id = :personId AND "
            + viewer.visible() + " ORDER BY CASE WHEN i.year IS NULL THEN 1 ELSE 0 END, i.year DESC, i.sort_title, i.id, ip.role")
        .bind("personId", personId).bind("userId", viewer.userId())
        .map((rs, ctx) -> new PersonCreditRow(items.map(rs, ctx), rs.getString("role"), rs.getString("character_name")))
        .list());
  }

  /**
   * The images of one kind of an item, preferred first: files beside the media, then images embedded
   * in it, then provider images (as Plex and Jellyfin prefer local assets), each source in its order.
   */
  List<ImageRow> images(long itemId, String kind) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM item_images WHERE item_id = :id AND kind = :kind "
            + "ORDER BY CASE source WHEN 'local' THEN 0 WHEN 'embedded' THEN 1 ELSE 2 END, sort_order, id")
        .bind("id", itemId).bind("kind", kind).map(new ImageMapper()).list());
  }

  /** Which of {@code ids} have a poster. */
  List<Long> withPoster(List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT item_id FROM item_images WHERE kind = 'poster' AND item_id IN (<ids>)")
        .bindList("ids", new ArrayList<>(ids)).mapTo(Long.class).list());
  }
}
