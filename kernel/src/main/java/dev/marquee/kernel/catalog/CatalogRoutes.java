package dev.marquee.kernel.catalog;

import static dev.marquee.api.http.Access.USER;

import dev.marquee.api.http.Paging;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.catalog.CatalogStore.ItemQuery;
import dev.marquee.kernel.catalog.CatalogStore.Sort;
import dev.marquee.kernel.http.FastPathHandler;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.inject.Inject;

/**
 * The catalog's read routes: library listings, item detail and children, search and suggestions,
 * recently added, genres and people. Missing items are hidden, for administrators too unless they
 * add {@code includeMissing=true}.
 *
 * <p>Answers come from the {@link ResponseCache} with a strong ETag: a matching {@code
 * If-None-Match} gets 304 and no body ({@code Cache-Control: private, no-cache}: the client keeps
 * the answer and asks again each time). An answer the cache holds is sent from the I/O thread that
 * read the request ({@link FastPathHandler}); computing one runs on a worker.
 */
final class CatalogRoutes implements RouteContributor {
  private static final List<String> SORTS = List.of("title", "added", "year", "rating", "random");
  private static final List<String> KINDS = List.of("movie", "series", "book");
  private static final String CACHE_CONTROL = "private, no-cache";

  private final Catalog catalog;
  private final ResponseCache cache;

  @Inject
  CatalogRoutes(Catalog catalog, ResponseCache cache) {
    this.catalog = catalog;
    this.cache = cache;
  }

  private record ById(long id) {}

  private record PageOf(Object of, Paging paging) {}

  /**
   * One read: the cache key's route and parsed parameters (null: not cacheable), the viewer, and
   * how to compute the answer. Making one reads the request only, never the database.
   */
  private record Read(String route, Object params, Viewer viewer, Supplier<Object> answer) {}

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/libraries/{id}/items", USER, cachedRead(this::libraryItems))
            .summary("Top-level items of a library (sort, order, seed, genre, year, yearFrom, yearTo, watched, kind, offset, limit)"),
        Route.get("/api/v1/media/recent", USER, cachedRead(this::recent)).summary("Recently added items and episodes, newest first (libraryId)"),
        Route.get("/api/v1/media/{id}", USER, cachedRead(this::detail)).summary("An item with ids, genres, people, images, files and the user's state"),
        Route.get("/api/v1/media/{id}/children", USER, cachedRead(this::children)).summary("Seasons of a series, episodes of a season, by number"),
        Route.get("/api/v1/search", USER, cachedRead(this::search)).summary("Accent- and case-insensitive prefix search, ranked (q)"),
        Route.get("/api/v1/search/suggest", USER, cachedRead(this::suggest)).summary("The ten best title matches for a search box (q)"),
        Route.get("/api/v1/genres", USER, cachedRead(this::genres)).summary("Genres with their item counts (libraryId)"),
        Route.get("/api/v1/people/{id}", USER, cachedRead(this::person)).summary("A person and the items they are credited on"));
  }

  /** A read route: from the cache on the I/O thread when it holds the answer, else computed on a worker. */
  private FastPathHandler cachedRead(Function<RequestContext, Read> reads) {
    return new FastPathHandler() {
      @Override
      public void handle(RequestContext request) {
        Read read = reads.apply(request);
        if (read.params() == null) {
          request.json(read.answer().get());
        } else {
          send(request, cache.json(read.route(), read.params(), read.viewer(), read.answer()));
        }
      }

      @Override
      public boolean answerFromMemory(RequestContext request) {
        Read read = reads.apply(request);
        ResponseCache.Answer cached = read.params() == null ? null : cache.cached(read.route(), read.params(), read.viewer());
        if (cached == null) {
          return false;
        }
        send(request, cached);
        return true;
      }
    };
  }

  private static void send(RequestContext request, ResponseCache.Answer answer) {
    request.header("ETag", answer.etag()).header("Cache-Control", CACHE_CONTROL);
    if (ETags.matches(request.header("If-None-Match").orElse(null), answer.etag())) {
      request.status(304).bytes("application/json", new byte[0]);
    } else {
      request.bytes("application/json", answer.body());
    }
  }

  private Read libraryItems(RequestContext request) {
    long libraryId = Viewer.id(request, "id", "library");
    Viewer viewer = Viewer.of(request);
    String sortName = Params.oneOf(request, "sort", SORTS);
    Sort sort = sortName == null ? Sort.TITLE : Sort.valueOf(sortName.toUpperCase(Locale.ROOT));
    String order = Params.oneOf(request, "order", List.of("asc", "desc"));
    boolean descending = order == null ? sort.descendingByDefault : order.equals("desc");
    Integer seedParam = Params.integer(request, "seed", Integer.MIN_VALUE, Integer.MAX_VALUE);
    // only the random sort reads the seed: any other keeps 0, so equal requests make equal cache keys
    long seed = sort != Sort.RANDOM ? 0 : seedParam != null ? seedParam : ThreadLocalRandom.current().nextInt();
    Integer year = Params.integer(request, "year", 0, 9999);
    Integer yearFrom = Params.integer(request, "yearFrom", 0, 9999);
    Integer yearTo = Params.integer(request, "yearTo", 0, 9999);
    if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
      throw Params.invalid("yearFrom must not be after yearTo");
    }
    ItemQuery query = new ItemQuery(libraryId, Params.oneOf(request, "kind", KINDS),
        Params.text(request, "genre").orElse(null), year, yearFrom, yearTo, Params.bool(request, "watched"), sort,
        descending, seed, viewer, Paging.of(request));
    // a random order without a seed is a fresh one on every call: nothing to reuse
    boolean cacheable = sort != Sort.RANDOM || seedParam != null;
    return new Read("items", cacheable ? query : null, viewer, () -> catalog.libraryItems(query));
  }

  private Read detail(RequestContext request) {
    long id = Viewer.id(request, "id", "item");
    Viewer viewer = Viewer.of(request);
    return new Read("detail", new ById(id), viewer, () -> catalog.detail(id, viewer));
  }

  private Read children(RequestContext request) {
    long id = Viewer.id(request, "id", "item");
    Viewer viewer = Viewer.of(request);
    Paging paging = Paging.of(request);
    return new Read("children", new PageOf(id, paging), viewer, () -> catalog.children(id, viewer, paging));
  }

  private Read search(RequestContext request) {
    String q = request.queryParam("q").orElse("");
    Paging paging = Paging.of(request);
    Viewer viewer = Viewer.of(request);
    return new Read("search", new PageOf(Catalog.words(q), paging), viewer, () -> catalog.search(q, viewer, paging));
  }

  private Read suggest(RequestContext request) {
    String q = request.queryParam("q").orElse("");
    Viewer viewer = Viewer.of(request);
    return new Read("suggest", Catalog.words(q), viewer, () -> Map.of("items", catalog.suggest(q, viewer)));
  }

  private Read recent(RequestContext request) {
    Long libraryId = Params.id(request, "libraryId");
    Viewer viewer = Viewer.of(request);
    Paging paging = Paging.of(request);
    return new Read("recent", new PageOf(libraryId == null ? 0L : libraryId, paging), viewer,
        () -> catalog.recent(libraryId, viewer, paging));
  }

  private Read genres(RequestContext request) {
    Long libraryId = Params.id(request, "libraryId");
    Viewer viewer = Viewer.of(request);
    return new Read("genres", new ById(libraryId == null ? 0L : libraryId), viewer,
        () -> Map.of("items", catalog.genres(libraryId, viewer)));
  }

  private Read person(RequestContext request) {
    long id = Viewer.id(request, "id", "person");
    Viewer viewer = Viewer.of(request);
    return new Read("person", new ById(id), viewer, () -> catalog.person(id, viewer));
  }
}
