package dev.marquee.kernel.metadata;

import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.Person;
import dev.marquee.kernel.catalog.SearchText;
import dev.marquee.kernel.db.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads items for matching and writes metadata into the catalog tables (media_items, external_ids,
 * genres, item_genres, people, item_people, item_images). Every write is one transaction; fields in
 * an item's locked_fields are never written by {@link #apply}.
 */
@Singleton
final class MetadataStore {
  /** A remote image row to download after the transaction that wrote it. */
  record PendingImage(long imageId, long itemId, String kind, int sortOrder, URI url) {}

  /** What {@link #apply} leaves to do on disk: images to download, cached files of removed images. */
  record Written(List<PendingImage> downloads, List<Path> dropped) {
    static final Written NOTHING = new Written(List.of(), List.of());
  }

  /** A manual edit: null means "leave as it is". */
  record Edit(String title, String sortTitle, String originalTitle, String overview, String tagline, Integer year,
      LocalDate releaseDate, Double rating, String officialRating, Long runtimeMs, List<String> genres,
      Set<String> lockedFields) {}

  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  MetadataStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  Optional<CatalogItem> item(long id) {
    return jdbi.withHandle(h -> item(h, id));
  }

  private static Optional<CatalogItem> item(Handle h, long id) {
    Map<String, String> ids = externalIds(h, id);
    return h.createQuery("SELECT id, library_id, parent_id, kind, title, original_title, year, index_number, parent_index,"
            + " match_state, locked_fields FROM media_items WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> new CatalogItem(rs.getLong("id"), rs.getLong("library_id"),
            rs.getObject("parent_id") == null ? null : rs.getLong("parent_id"), rs.getString("kind"),
            rs.getString("title"), rs.getString("original_title"), intOrNull(rs, "year"), intOrNull(rs, "index_number"),
            intOrNull(rs, "parent_index"), rs.getString("match_state"), Fields.parse(rs.getString("locked_fields")), ids))
        .findOne();
  }

  private static Integer intOrNull(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Map<String, String> externalIds(Handle h, long itemId) {
    Map<String, String> ids = new LinkedHashMap<>();
    h.createQuery("SELECT provider, value FROM external_ids WHERE item_id = :id ORDER BY provider")
        .bind("id", itemId)
        .map((rs, ctx) -> Map.entry(rs.getString("provider"), rs.getString("value")))
        .forEach(e -> ids.put(e.getKey(), e.getValue()));
    return ids;
  }

  /** The item's present media files, main part first. */
  List<Path> files(long itemId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT path FROM media_files WHERE item_id = :id AND missing_since IS NULL"
            + " ORDER BY COALESCE(part, 0), id")
        .bind("id", itemId).mapTo(String.class).map(Path::of).list());
  }

  /** A present media file of a child or grandchild of the item (an episode of a season or series). */
  Optional<Path> descendantFile(long itemId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT f.path FROM media_files f JOIN media_items e ON e.id = f.item_id"
            + " WHERE f.missing_since IS NULL AND (e.parent_id = :id"
            + " OR e.parent_id IN (SELECT s.id FROM media_items s WHERE s.parent_id = :id)) ORDER BY f.id")
        .bind("id", itemId).setMaxRows(1).mapTo(String.class).findFirst().map(Path::of));
  }

  /**
   * Unmatched items automatic matching should try: top-level movies, series and books and all
   * episodes, present on disk, never tried or last tried before {@code triedBefore}; series and
   * movies before episodes, oldest first.
   */
  List<Long> pendingItems(long triedBefore, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT i.id FROM media_items i LEFT JOIN metadata_attempts a ON a.item_id = i.id"
            + " WHERE i.match_state = 'unmatched' AND i.missing_since IS NULL"
            + " AND ((i.parent_id IS NULL AND i.kind IN ('movie', 'series', 'book')) OR i.kind = 'episode')"
            + " AND (a.item_id IS NULL OR a.attempted_at < :before)"
            + " ORDER BY CASE WHEN i.kind = 'episode' THEN 1 ELSE 0 END, i.id")
        .bind("before", triedBefore).setMaxRows(limit).mapTo(Long.class).list());
  }

  /** Records that automatic matching tried the items now, in one transaction. */
  void recordAttempts(List<Long> itemIds) {
    if (itemIds.isEmpty()) {
      return;
    }
    long now = clock.millis();
    jdbi.useTransaction(h -> {
      var delete = h.prepareBatch("DELETE FROM metadata_attempts WHERE item_id = :id");
      var insert = h.prepareBatch("INSERT INTO metadata_attempts (item_id, attempted_at) SELECT id, :now FROM media_items WHERE id = :id");
      for (long id : itemIds) {
        delete.bind("id", id).add();
        insert.bind("id", id).bind("now", now).add();
      }
      delete.execute();
      insert.execute();
    });
  }

  /** The unmatched seasons and episodes of a series, seasons first, in season and episode order. */
  List<Long> unmatchedDescendants(long seriesId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT e.id FROM media_items e WHERE e.match_state = 'unmatched'"
            + " AND e.kind IN ('season', 'episode') AND (e.parent_id = :id"
            + " OR e.parent_id IN (SELECT s.id FROM media_items s WHERE s.parent_id = :id))"
            + " ORDER BY CASE WHEN e.kind = 'season' THEN 0 ELSE 1 END, COALESCE(e.parent_index, e.index_number), e.index_number, e.id")
        .bind("id", seriesId).mapTo(Long.class).list());
  }

  /**
   * Writes {@code patch} into the item, leaving its locked fields alone, and sets its match state.
   *
   * @return the remote images to download and the cached files no row names any more
   */
  Written apply(long itemId, MetadataPatch patch, String matchState) {
    return jdbi.inTransaction(h -> {
      CatalogItem item = item(h, itemId).orElseThrow(() -> new IllegalStateException("item " + itemId + " is gone"));
      Map<String, Object> columns = new LinkedHashMap<>();
      String title = item.title();
      String originalTitle = item.originalTitle();
      if (patch.title().isPresent() && !patch.title().get().isBlank() && !item.locked(Fields.TITLE)) {
        title = truncate(patch.title().get().trim(), 500);
        columns.put("title", title);
        if (!item.locked(Fields.SORT_TITLE) && patch.sortTitle().isEmpty()) {
          columns.put("sort_title", truncate(Titles.sortTitle(title), 500));
        }
      }
      if (patch.sortTitle().isPresent() && !item.locked(Fields.SORT_TITLE)) {
        columns.put("sort_title", truncate(patch.sortTitle().get().trim(), 500));
      }
      if (patch.originalTitle().isPresent() && !item.locked(Fields.ORIGINAL_TITLE)) {
        originalTitle = truncate(patch.originalTitle().get().trim(), 500);
        columns.put("original_title", originalTitle);
      }
      columns.put("search_text", Titles.searchText(title, originalTitle));
      patch.overview().filter(v -> !item.locked(Fields.OVERVIEW)).ifPresent(v -> columns.put("overview", v));
      patch.tagline().filter(v -> !item.locked(Fields.TAGLINE)).ifPresent(v -> columns.put("tagline", truncate(v, 1000)));
      patch.releaseDate().filter(v -> !item.locked(Fields.RELEASE_DATE)).ifPresent(v -> columns.put("release_date", v.toString()));
      patch.releaseDate().map(LocalDate::getYear).or(patch::year).filter(v -> !item.locked(Fields.YEAR))
          .ifPresent(v -> columns.put("year", v));
      patch.communityRating().filter(v -> !item.locked(Fields.RATING)).ifPresent(v -> columns.put("rating", v));
      patch.contentRating().filter(v -> !item.locked(Fields.OFFICIAL_RATING)).ifPresent(v -> columns.put("official_rating", truncate(v, 32)));
      patch.runtime().filter(v -> !item.locked(Fields.RUNTIME)).ifPresent(v -> columns.put("runtime_ms", v.toMillis()));
      columns.put("match_state", matchState);
      update(h, itemId, columns);

      patch.externalIds().forEach((provider, value) -> putExternalId(h, itemId, provider, value));
      if (!patch.genres().isEmpty() && !item.locked(Fields.GENRES)) {
        replaceGenres(h, itemId, patch.genres());
      }
      if (!patch.people().isEmpty() && !item.locked(Fields.PEOPLE)) {
        replacePeople(h, itemId, patch.people());
      }
      if (!patch.images().isEmpty() && !item.locked(Fields.IMAGES)) {
        return replaceImages(h, itemId, patch.images());
      }
      return Written.NOTHING;
    });
  }

  /** Writes an admin's edit: the edited fields become locked, the item becomes {@code manual}. */
  void edit(long itemId, Edit edit) {
    jdbi.useTransaction(h -> {
      CatalogItem item = item(h, itemId).orElseThrow(() -> new IllegalStateException("item " + itemId + " is gone"));
      Set<String> locked = new LinkedHashSet<>(edit.lockedFields() == null ? item.lockedFields() : edit.lockedFields());
      Map<String, Object> columns = new LinkedHashMap<>();
      String title = item.title();
      String originalTitle = item.originalTitle();
      if (edit.title() != null) {
        title = edit.title().trim();
        columns.put("title", title);
        locked.add(Fields.TITLE);
        if (edit.sortTitle() == null && !item.locked(Fields.SORT_TITLE)) {
          columns.put("sort_title", Titles.sortTitle(title));
        }
      }
      if (edit.sortTitle() != null) {
        columns.put("sort_title", edit.sortTitle().trim());
        locked.add(Fields.SORT_TITLE);
      }
      if (edit.originalTitle() != null) {
        originalTitle = edit.originalTitle().trim();
        columns.put("original_title", originalTitle);
        locked.add(Fields.ORIGINAL_TITLE);
      }
      columns.put("search_text", Titles.searchText(title, originalTitle));
      putEdited(columns, locked, "overview", Fields.OVERVIEW, edit.overview());
      putEdited(columns, locked, "tagline", Fields.TAGLINE, edit.tagline());
      putEdited(columns, locked, "year", Fields.YEAR, edit.year());
      putEdited(columns, locked, "release_date", Fields.RELEASE_DATE, edit.releaseDate() == null ? null : edit.releaseDate().toString());
      putEdited(columns, locked, "rating", Fields.RATING, edit.rating());
      putEdited(columns, locked, "official_rating", Fields.OFFICIAL_RATING, edit.officialRating());
      putEdited(columns, locked, "runtime_ms", Fields.RUNTIME, edit.runtimeMs());
      if (edit.genres() != null) {
        replaceGenres(h, itemId, edit.genres());
        locked.add(Fields.GENRES);
      }
      columns.put("match_state", "manual");
      columns.put("locked_fields", Fields.format(locked));
      update(h, itemId, columns);
    });
  }

  private static void putEdited(Map<String, Object> columns, Set<String> locked, String column, String field, Object value) {
    if (value != null) {
      columns.put(column, value);
      locked.add(field);
    }
  }

  private void update(Handle h, long itemId, Map<String, Object> columns) {
    columns.put("updated_at", clock.millis());
    String set = columns.keySet().stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "));
    var update = h.createUpdate("UPDATE media_items SET " + set + " WHERE id = :id").bind("id", itemId);
    columns.forEach(update::bind);
    update.execute();
  }

  private static void putExternalId(Handle h, long itemId, String provider, String value) {
    String key = truncate(provider.trim().toLowerCase(Locale.ROOT), 32);
    if (key.isEmpty() || value.isBlank()) {
      return;
    }
    h.createUpdate("DELETE FROM external_ids WHERE item_id = :item AND provider = :provider")
        .bind("item", itemId).bind("provider", key).execute();
    h.createUpdate("INSERT INTO external_ids (item_id, provider, value) VALUES (:item, :provider, :value)")
        .bind("item", itemId).bind("provider", key).bind("value", truncate(value.trim(), 128)).execute();
  }

  private static void replaceGenres(Handle h, long itemId, List<String> names) {
    h.createUpdate("DELETE FROM item_genres WHERE item_id = :item").bind("item", itemId).execute();
    Set<Long> done = new HashSet<>();
    for (String name : names) {
      String clean = truncate(name.trim(), 100);
      if (clean.isEmpty()) {
        continue;
      }
      long genreId = genreId(h, clean);
      if (done.add(genreId)) {
        h.createUpdate("INSERT INTO item_genres (item_id, genre_id) VALUES (:item, :genre)")
            .bind("item", itemId).bind("genre", genreId).execute();
      }
    }
  }

  private static long genreId(Handle h, String name) {
    String key = name.toLowerCase(Locale.ROOT);
    Optional<Long> existing = h.createQuery("SELECT id FROM genres WHERE name_key = :key").bind("key", key)
        .mapTo(Long.class).findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    return h.createUpdate("INSERT INTO genres (name, name_key) VALUES (:name, :key)")
        .bind("name", name).bind("key", key)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  private static void replacePeople(Handle h, long itemId, List<Person> people) {
    h.createUpdate("DELETE FROM item_people WHERE item_id = :item").bind("item", itemId).execute();
    Set<String> done = new HashSet<>();
    Map<String, Long> byKey = new HashMap<>();
    int order = 0;
    for (Person person : people) {
      String name = truncate(person.name().trim(), 300);
      if (name.isEmpty()) {
        continue;
      }
      String tmdbId = person.externalIds().get("tmdb");
      String cacheKey = tmdbId != null ? "tmdb:" + tmdbId : "name:" + SearchText.fold(name);
      long personId = byKey.computeIfAbsent(cacheKey, k -> personId(h, name, tmdbId, person.imageUrl().map(URI::toString).orElse(null)));
      String role = person.role().name().toLowerCase(Locale.ROOT);
      if (!done.add(personId + "/" + role)) {
        continue;
      }
      h.createUpdate("INSERT INTO item_people (item_id, person_id, role, character_name, sort_order)"
              + " VALUES (:item, :person, :role, :character, :order)")
          .bind("item", itemId).bind("person", personId).bind("role", role)
          .bind("character", person.character().map(c -> truncate(c, 300)).orElse(null))
          .bind("order", order++).execute();
    }
  }

  /** The person with this TMDb id, else the one with this name and no TMDb id; made when there is none. */
  private static long personId(Handle h, String name, String tmdbId, String imageUrl) {
    String key = truncate(SearchText.fold(name), 300);
    Optional<Long> existing = Optional.empty();
    if (tmdbId != null) {
      existing = h.createQuery("SELECT id FROM people WHERE tmdb_id = :tmdb").bind("tmdb", tmdbId)
          .setMaxRows(1).mapTo(Long.class).findFirst();
    }
    if (existing.isEmpty()) {
      existing = h.createQuery("SELECT id FROM people WHERE name_key = :key" + (tmdbId != null ? " AND tmdb_id IS NULL" : "")
              + " ORDER BY id")
          .bind("key", key).setMaxRows(1).mapTo(Long.class).findFirst();
    }
    if (existing.isPresent()) {
      h.createUpdate("UPDATE people SET tmdb_id = COALESCE(tmdb_id, :tmdb), image_url = COALESCE(:image, image_url) WHERE id = :id")
          .bind("tmdb", tmdbId).bind("image", imageUrl == null ? null : truncate(imageUrl, 1000)).bind("id", existing.get()).execute();
      return existing.get();
    }
    return h.createUpdate("INSERT INTO people (name, name_key, tmdb_id, image_url) VALUES (:name, :key, :tmdb, :image)")
        .bind("name", name).bind("key", key).bind("tmdb", tmdbId)
        .bind("image", imageUrl == null ? null : truncate(imageUrl, 1000))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /**
   * Replaces the item's provider images: remote ones, and local ones a provider named. A remote image
   * the item already has keeps its row and cached file; embedded and scanner-found local ones stay.
   */
  private static Written replaceImages(Handle h, long itemId, List<Image> images) {
    record Existing(long id, String cachedPath) {
      boolean cached() {
        return cachedPath != null;
      }
    }
    Map<String, Existing> remote = new HashMap<>();
    h.createQuery("SELECT id, kind, location, cached_path FROM item_images WHERE item_id = :item AND source = 'remote'")
        .bind("item", itemId)
        .map((rs, ctx) -> Map.entry(rs.getString("kind") + " " + rs.getString("location"),
            new Existing(rs.getLong("id"), rs.getString("cached_path"))))
        .forEach(e -> remote.put(e.getKey(), e.getValue()));
    Set<String> localPaths = new HashSet<>(h.createQuery("SELECT location FROM item_images WHERE item_id = :item AND source = 'local'")
        .bind("item", itemId).mapTo(String.class).list());
    Map<String, Integer> orderByKind = new HashMap<>();
    List<PendingImage> pending = new ArrayList<>();
    Set<Long> kept = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (Image image : images) {
      URI url = image.url();
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      boolean file = scheme.equals("file");
      if (!file && !scheme.equals("http") && !scheme.equals("https")) {
        continue;
      }
      String location = file ? Path.of(url).toString() : url.toString();
      String kind = kindOf(image.type());
      if (!seen.add(kind + " " + location) || (file && localPaths.contains(location)) || location.length() > 2000) {
        continue;
      }
      int order = orderByKind.merge(kind, 1, Integer::sum) - 1;
      Existing existing = file ? null : remote.get(kind + " " + location);
      if (existing != null) {
        kept.add(existing.id());
        h.createUpdate("UPDATE item_images SET sort_order = :order WHERE id = :id")
            .bind("order", order).bind("id", existing.id()).execute();
        if (!existing.cached()) {
          pending.add(new PendingImage(existing.id(), itemId, kind, order, url));
        }
        continue;
      }
      long id = h.createUpdate("INSERT INTO item_images (item_id, kind, source, location, cached_path, sort_order)"
              + " VALUES (:item, :kind, :source, :location, NULL, :order)")
          .bind("item", itemId).bind("kind", kind).bind("source", file ? "local" : "remote")
          .bind("location", location).bind("order", order)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      if (!file) {
        pending.add(new PendingImage(id, itemId, kind, order, url));
      }
    }
    List<Path> dropped = new ArrayList<>();
    for (Existing gone : remote.values()) {
      if (!kept.contains(gone.id())) {
        h.createUpdate("DELETE FROM item_images WHERE id = :id").bind("id", gone.id()).execute();
        if (gone.cached()) {
          dropped.add(Path.of(gone.cachedPath()));
        }
      }
    }
    return new Written(pending, dropped);
  }

  static String kindOf(Image.Type type) {
    return switch (type) {
      case POSTER -> "poster";
      case BACKDROP -> "backdrop";
      case THUMBNAIL -> "thumb";
      case LOGO -> "logo";
      case BANNER -> "banner";
    };
  }

  void setCachedPath(long imageId, Path cached) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE item_images SET cached_path = :path WHERE id = :id")
        .bind("path", cached.toString()).bind("id", imageId).execute());
  }

  /** The item as the metadata routes show it. */
  Optional<ItemView> view(long itemId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM media_items WHERE id = :id").bind("id", itemId)
        .map((rs, ctx) -> new ItemView(rs.getLong("id"), rs.getLong("library_id"),
            rs.getObject("parent_id") == null ? null : rs.getLong("parent_id"), rs.getString("kind"), rs.getString("title"),
            rs.getString("sort_title"), rs.getString("original_title"), intOrNull(rs, "year"), rs.getString("release_date"),
            rs.getString("overview"), rs.getString("tagline"), rs.getObject("rating") == null ? null : rs.getDouble("rating"),
            rs.getString("official_rating"), rs.getObject("runtime_ms") == null ? null : rs.getLong("runtime_ms"),
            rs.getString("match_state"), List.copyOf(Fields.parse(rs.getString("locked_fields"))),
            Map.of(), List.of(), List.of(), List.of()))
        .findOne()
        .map(v -> v.with(externalIds(h, itemId),
            h.createQuery("SELECT g.name FROM item_genres ig JOIN genres g ON g.id = ig.genre_id WHERE ig.item_id = :id ORDER BY g.name")
                .bind("id", itemId).mapTo(String.class).list(),
            h.createQuery("SELECT p.id, p.name, ip.role, ip.character_name, ip.sort_order, p.image_url FROM item_people ip"
                    + " JOIN people p ON p.id = ip.person_id WHERE ip.item_id = :id ORDER BY ip.sort_order, p.id")
                .bind("id", itemId)
                .map((rs, ctx) -> new ItemView.PersonView(rs.getLong("id"), rs.getString("name"), rs.getString("role"),
                    rs.getString("character_name"), rs.getInt("sort_order"), rs.getString("image_url")))
                .list(),
            h.createQuery("SELECT kind, source, location, cached_path, sort_order FROM item_images WHERE item_id = :id"
                    + " ORDER BY kind, sort_order, id")
                .bind("id", itemId)
                .map((rs, ctx) -> new ItemView.ImageView(rs.getString("kind"), rs.getString("source"), rs.getString("location"),
                    rs.getString("cached_path") != null, rs.getInt("sort_order")))
                .list())));
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }
}
