package dev.marquee.kernel.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes catalog rows with plain SQL, the way the scanner and the metadata feature will, so the read
 * side is tested without them.
 */
final class CatalogFixture {
  private final Jdbi jdbi;
  private long clock = 1_700_000_000_000L;

  CatalogFixture(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  long library(String name, String type) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO libraries (name, type, settings, created_at, updated_at) "
            + "VALUES (:name, :type, '{}', 0, 0)")
        .bind("name", name).bind("type", type).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  ItemBuilder item(long libraryId, String kind, String title) {
    return new ItemBuilder(libraryId, kind, title);
  }

  /** A media_items row in the making; {@link #insert()} writes it and returns its id. */
  final class ItemBuilder {
    private final long libraryId;
    private final String kind;
    private final String title;
    private Long parentId;
    private String originalTitle;
    private Integer year;
    private Integer index;
    private Integer parentIndex;
    private Double rating;
    private Long runtimeMs;
    private Long addedAt;
    private Long missingSince;

    ItemBuilder(long libraryId, String kind, String title) {
      this.libraryId = libraryId;
      this.kind = kind;
      this.title = title;
    }

    ItemBuilder parent(long id) {
      parentId = id;
      return this;
    }

    ItemBuilder originalTitle(String text) {
      originalTitle = text;
      return this;
    }

    ItemBuilder year(int value) {
      year = value;
      return this;
    }

    ItemBuilder index(int value) {
      index = value;
      return this;
    }

    ItemBuilder parentIndex(int value) {
      parentIndex = value;
      return this;
    }

    ItemBuilder rating(double value) {
      rating = value;
      return this;
    }

    ItemBuilder runtimeMs(long value) {
      runtimeMs = value;
      return this;
    }

    ItemBuilder addedAt(long value) {
      addedAt = value;
      return this;
    }

    ItemBuilder missing() {
      missingSince = 1L;
      return this;
    }

    long insert() {
      long added = addedAt != null ? addedAt : ++clock;
      String search = (SearchText.fold(title) + " " + SearchText.fold(originalTitle)).strip();
      String sortTitle = title.toLowerCase(java.util.Locale.ROOT).replaceFirst("^(the|a|an) ", "");
      return jdbi.withHandle(h -> h.createUpdate("INSERT INTO media_items (library_id, parent_id, kind, title, sort_title, "
              + "original_title, search_text, year, index_number, parent_index, rating, runtime_ms, match_state, "
              + "locked_fields, added_at, updated_at, missing_since) VALUES (:libraryId, :parentId, :kind, :title, "
              + ":sortTitle, :originalTitle, :search, :year, :index, :parentIndex, :rating, :runtimeMs, 'unmatched', '', "
              + ":addedAt, :addedAt, :missingSince)")
          .bind("libraryId", libraryId).bind("parentId", parentId).bind("kind", kind).bind("title", title)
          .bind("sortTitle", sortTitle).bind("originalTitle", originalTitle).bind("search", search)
          .bind("year", year).bind("index", index).bind("parentIndex", parentIndex).bind("rating", rating)
          .bind("runtimeMs", runtimeMs).bind("addedAt", added).bind("missingSince", missingSince)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
  }

  long file(long itemId, String path, long size, long mtime) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO media_files (item_id, library_id, path, path_hash, size, "
            + "mtime, container, duration_ms, added_at) SELECT id, library_id, :path, :hash, :size, :mtime, 'matroska', "
            + "runtime_ms, 0 FROM media_items WHERE id = :itemId")
        .bind("itemId", itemId).bind("path", path).bind("hash", sha256(path)).bind("size", size).bind("mtime", mtime)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  void genre(long itemId, String name) {
    String key = SearchText.fold(name);
    jdbi.useTransaction(h -> {
      Long id = h.createQuery("SELECT id FROM genres WHERE name_key = :key").bind("key", key).mapTo(Long.class).findOne()
          .orElseGet(() -> h.createUpdate("INSERT INTO genres (name, name_key) VALUES (:name, :key)")
              .bind("name", name).bind("key", key).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
      h.createUpdate("INSERT INTO item_genres (item_id, genre_id) VALUES (:item, :genre)")
          .bind("item", itemId).bind("genre", id).execute();
    });
  }

  long person(String name) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO people (name, name_key) VALUES (:name, :key)")
        .bind("name", name).bind("key", SearchText.fold(name)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  void credit(long itemId, long personId, String role, String character, int order) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO item_people (item_id, person_id, role, character_name, sort_order) "
            + "VALUES (:item, :person, :role, :character, :order)")
        .bind("item", itemId).bind("person", personId).bind("role", role).bind("character", character)
        .bind("order", order).execute());
  }

  void externalId(long itemId, String provider, String value) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO external_ids (item_id, provider, value) VALUES (:item, :provider, :value)")
        .bind("item", itemId).bind("provider", provider).bind("value", value).execute());
  }

  void image(long itemId, String kind, String source, String location, String cachedPath) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO item_images (item_id, kind, source, location, cached_path, sort_order) "
            + "VALUES (:item, :kind, :source, :location, :cached, 0)")
        .bind("item", itemId).bind("kind", kind).bind("source", source).bind("location", location)
        .bind("cached", cachedPath).execute());
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void state(long userId, long itemId, long positionMs, boolean played, Long lastPlayedAt) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO user_item_state (user_id, item_id, position_ms, played, play_count, "
            + "last_played_at, updated_at) VALUES (:user, :item, :position, :played, :count, :last, 0)")
        .bind("user", userId).bind("item", itemId).bind("position", positionMs).bind("played", played)
        .bind("count", played ? 1 : 0).bind("last", lastPlayedAt).execute());
  }
}
