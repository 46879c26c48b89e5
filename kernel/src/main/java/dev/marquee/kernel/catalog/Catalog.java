package dev.marquee.kernel.catalog;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Page;
import dev.marquee.api.http.Paging;
import dev.marquee.kernel.catalog.CatalogJson.CreditJson;
import dev.marquee.kernel.catalog.CatalogJson.FileJson;
import dev.marquee.kernel.catalog.CatalogJson.GenreJson;
import dev.marquee.kernel.catalog.CatalogJson.ItemDetail;
import dev.marquee.kernel.catalog.CatalogJson.ItemSummary;
import dev.marquee.kernel.catalog.CatalogJson.PersonCreditJson;
import dev.marquee.kernel.catalog.CatalogJson.PersonJson;
import dev.marquee.kernel.catalog.CatalogJson.StateJson;
import dev.marquee.kernel.catalog.CatalogJson.Suggestion;
import dev.marquee.kernel.catalog.CatalogRows.ItemRow;
import dev.marquee.kernel.catalog.CatalogStore.Attached;
import dev.marquee.kernel.catalog.CatalogStore.ItemQuery;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/**
 * The catalog's read side: turns stored rows into the API's answers. Search ranks in memory over at
 * most {@value #SEARCH_CANDIDATES} candidates that the database preselects (titles starting with the
 * query first), so its pages reach that many matches at most.
 */
final class Catalog {
  static final int SEARCH_CANDIDATES = 1000;
  private static final int SUGGEST_CANDIDATES = 100;
  private static final int SUGGESTIONS = 10;

  private final CatalogStore store;
  private final Optional<FileStreams> streams;
  private final ResponseCache cache;

  @Inject
  Catalog(CatalogStore store, Optional<FileStreams> streams, ResponseCache cache) {
    this.cache = cache;
    this.store = store;
    this.streams = streams;
  }

  Page<ItemSummary> libraryItems(ItemQuery query) {
    if (!store.libraryExists(query.libraryId())) {
      throw ApiException.notFound("no such library: " + query.libraryId());
    }
    // a watched filter makes the total the viewer's own: it then moves with their watch state too
    return summaries(store.libraryItems(query, (filter, count) -> cache.total(filter, filter.viewer(),
        filter.watched() != null, count)));
  }

  ItemRow item(long id, Viewer viewer) {
    return store.item(id, viewer).orElseThrow(() -> ApiException.notFound("no such item: " + id));
  }

  ItemDetail detail(long id, Viewer viewer) {
    ItemRow row = item(id, viewer);
    Attached attached = store.attached(row, viewer);
    Map<Long, List<?>> probed = streams
        .map(s -> s.streamsOf(attached.files().stream().map(CatalogRows.FileRow::id).toList()))
        .orElse(Map.of());
    Map<String, String> images = new LinkedHashMap<>();
    attached.imageKinds().forEach(kind -> images.put(kind, CatalogJson.imageUrl(row.id(), kind)));
    return new ItemDetail(row.id(), row.libraryId(), row.parentId(), attached.seriesId(), attached.seasonId(),
        row.kind(), row.title(), row.sortTitle(), row.originalTitle(), row.year(), row.index(), row.indexEnd(),
        row.parentIndex(), row.absoluteNumber(), row.releaseDate(), row.overview(), row.tagline(), row.rating(),
        row.officialRating(), row.runtimeMs(), row.edition(), row.extraType(), row.authors(), row.seriesName(),
        row.language(), row.isbn(), row.matchState(), CatalogJson.instant(row.addedAt()),
        CatalogJson.instant(row.updatedAt()), CatalogJson.instant(row.missingSince()), attached.childCount(),
        attached.externalIds(), attached.genres(), attached.people().stream().map(CreditJson::of).toList(), images,
        attached.files().stream().map(f -> FileJson.of(f, probed.get(f.id()))).toList(), StateJson.of(row.state()));
  }

  Page<ItemSummary> children(long id, Viewer viewer, Paging paging) {
    item(id, viewer);
    return summaries(store.children(id, viewer, paging));
  }

  Page<ItemSummary> search(String q, Viewer viewer, Paging paging) {
    List<String> words = words(q);
    List<ItemRow> ranked = ranked(words, store.searchCandidates(words, viewer, SEARCH_CANDIDATES));
    long total = Math.min(store.searchCount(words, viewer), ranked.size());
    int from = (int) Math.min(paging.offset(), ranked.size());
    int to = (int) Math.min((long) from + paging.limit(), ranked.size());
    List<ItemRow> page = ranked.subList(from, to);
    return paging.page(withPosters(page), total);
  }

  List<Suggestion> suggest(String q, Viewer viewer) {
    List<String> words = words(q);
    return ranked(words, store.searchCandidates(words, viewer, SUGGEST_CANDIDATES)).stream().limit(SUGGESTIONS)
        .map(row -> new Suggestion(row.id(), row.kind(), row.title(), row.year())).toList();
  }

  Page<ItemSummary> recent(Long libraryId, Viewer viewer, Paging paging) {
    if (libraryId != null && !store.libraryExists(libraryId)) {
      throw ApiException.notFound("no such library: " + libraryId);
    }
    return summaries(store.recent(libraryId, viewer, paging));
  }

  List<GenreJson> genres(Long libraryId, Viewer viewer) {
    if (libraryId != null && !store.libraryExists(libraryId)) {
      throw ApiException.notFound("no such library: " + libraryId);
    }
    return store.genres(libraryId, viewer).stream().map(g -> new GenreJson(g.id(), g.name(), g.count())).toList();
  }

  PersonJson person(long id, Viewer viewer) {
    CatalogRows.PersonRow person = store.person(id).orElseThrow(() -> ApiException.notFound("no such person: " + id));
    var credits = store.personCredits(id, viewer);
    Set<Long> posters = new HashSet<>(store.withPoster(credits.stream().map(c -> c.item().id()).distinct().toList()));
    return new PersonJson(person.id(), person.name(), person.tmdbId(), person.imageUrl(), credits.stream()
        .map(c -> new PersonCreditJson(c.role(), c.character(), ItemSummary.of(c.item(), posters.contains(c.item().id()))))
        .toList());
  }

  /** The folded words of a query; 422 when nothing searchable is left. */
  static List<String> words(String q) {
    String folded = SearchText.fold(q);
    if (folded.isEmpty()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "q must hold at least one letter or digit");
    }
    return Arrays.asList(folded.split(" "));
  }

  /** Exact title, then title prefix, then word prefix; within a rank by sort title. */
  private static List<ItemRow> ranked(List<String> words, List<ItemRow> candidates) {
    String query = String.join(" ", words);
    Comparator<ItemRow> order = Comparator.<ItemRow>comparingInt(row -> rank(SearchText.fold(row.title()), query))
        .thenComparing(ItemRow::sortTitle).thenComparingLong(ItemRow::id);
    return candidates.stream().sorted(order).toList();
  }

  private static int rank(String title, String query) {
    if (title.equals(query)) {
      return 0;
    }
    return title.startsWith(query) ? 1 : 2;
  }

  Page<ItemSummary> summaries(Page<ItemRow> page) {
    return new Page<>(withPosters(page.items()), page.total(), page.offset(), page.limit());
  }

  List<ItemSummary> withPosters(List<ItemRow> rows) {
    Set<Long> posters = new HashSet<>(store.withPoster(rows.stream().map(ItemRow::id).toList()));
    return rows.stream().map(row -> ItemSummary.of(row, posters.contains(row.id()))).toList();
  }
}
