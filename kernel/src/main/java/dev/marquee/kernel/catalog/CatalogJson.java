package dev.marquee.kernel.catalog;

import dev.marquee.kernel.catalog.CatalogRows.CreditRow;
import dev.marquee.kernel.catalog.CatalogRows.FileRow;
import dev.marquee.kernel.catalog.CatalogRows.ItemRow;
import dev.marquee.kernel.catalog.CatalogRows.UserState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the catalog API; never stored. */
final class CatalogJson {
  private CatalogJson() {}

  static final long TICKS_PER_MS = 10_000;

  static String imageUrl(long itemId, String kind) {
    return "/api/v1/media/" + itemId + "/images/" + kind;
  }

  static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /** The calling user's state of an item; ticks are 100 ns, as Phlix and Jellyfin clients count. */
  record StateJson(long positionMs, long positionTicks, boolean played, int playCount, Instant lastPlayedAt) {
    static StateJson of(UserState state) {
      return new StateJson(state.positionMs(), state.positionMs() * TICKS_PER_MS, state.played(), state.playCount(),
          instant(state.lastPlayedAt()));
    }
  }

  /** An item in a list. */
  record ItemSummary(long id, long libraryId, Long parentId, String kind, String title, String sortTitle,
      Integer year, Integer index, Integer parentIndex, Double rating, Long runtimeMs, Instant addedAt,
      Instant missingSince, String posterUrl, StateJson userState) {
    static ItemSummary of(ItemRow row, boolean hasPoster) {
      return new ItemSummary(row.id(), row.libraryId(), row.parentId(), row.kind(), row.title(), row.sortTitle(),
          row.year(), row.index(), row.parentIndex(), row.rating(), row.runtimeMs(), instant(row.addedAt()),
          instant(row.missingSince()), hasPoster ? imageUrl(row.id(), "poster") : null, StateJson.of(row.state()));
    }
  }

  /** A file of an item; {@code streams} is null until the file was probed. */
  record FileJson(long id, String path, long size, Instant modifiedAt, Integer part, String mimeType,
      String container, Long durationMs, Long bitrate, Instant missingSince, List<?> streams) {
    static FileJson of(FileRow row, List<?> streams) {
      return new FileJson(row.id(), row.path(), row.size(), instant(row.mtime()), row.part(), row.mimeType(),
          row.container(), row.durationMs(), row.bitrate(), instant(row.missingSince()), streams);
    }
  }

  /** One credit: cast (role actor, with the character) or crew. */
  record CreditJson(long personId, String name, String role, String character, String imageUrl) {
    static CreditJson of(CreditRow row) {
      return new CreditJson(row.personId(), row.name(), row.role(), row.character(), row.imageUrl());
    }
  }

  /** An item with everything attached to it. */
  record ItemDetail(long id, long libraryId, Long parentId, Long seriesId, Long seasonId, String kind, String title,
      String sortTitle, String originalTitle, Integer year, Integer index, Integer indexEnd, Integer parentIndex,
      Integer absoluteNumber, String releaseDate, String overview, String tagline, Double rating,
      String officialRating, Long runtimeMs, String edition, String extraType, String authors, String seriesName,
      String language, String isbn, String matchState, Instant addedAt, Instant updatedAt, Instant missingSince,
      long childCount, Map<String, String> externalIds, List<String> genres, List<CreditJson> people,
      Map<String, String> images, List<FileJson> files, StateJson userState) {}

  /** A search suggestion: just enough to show and open it. */
  record Suggestion(long id, String kind, String title, Integer year) {}

  /** A genre and how many visible items carry it. */
  record GenreJson(long id, String name, long count) {}

  /** An item a person is credited on. */
  record PersonCreditJson(String role, String character, ItemSummary item) {}

  /** A person and the visible items they are credited on. */
  record PersonJson(long id, String name, String tmdbId, String imageUrl, List<PersonCreditJson> items) {}
}
