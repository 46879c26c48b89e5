package dev.marquee.kernel.metadata;

import dev.marquee.api.Ordered;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Paging;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.MetadataProvider;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code /api/v1/media/{id}/match/search|apply}, {@code .../refresh}, {@code PUT .../metadata} and
 * {@code GET /api/v1/admin/metadata/providers}: admin only (they call remote services and write the
 * catalog every user sees).
 */
final class MetadataRoutes implements RouteContributor {

  record SearchBody(String title, Integer year, String provider) {}

  record ApplyBody(String provider, String id) {}

  record EditBody(String title, String sortTitle, String originalTitle, String overview, String tagline, Integer year,
      String releaseDate, Double rating, String officialRating, Long runtimeMs, List<String> genres,
      List<String> lockedFields) {}

  record CandidateJson(String provider, String title, Integer year, Map<String, String> externalIds, String overview,
      String imageUrl, double confidence) {
    static CandidateJson of(MetadataService.Match match) {
      Candidate c = match.candidate();
      return new CandidateJson(match.provider(), c.title(), c.year().orElse(null), c.externalIds(), c.overview().orElse(null),
          c.imageUrl().map(Object::toString).orElse(null), c.confidence());
    }
  }

  record CandidatesJson(List<CandidateJson> items, int total) {}

  record ProviderJson(String id, List<String> kinds, int order) {
    static ProviderJson of(MetadataProvider provider) {
      return new ProviderJson(provider.id(),
          provider.kinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().toList(),
          provider instanceof Ordered ordered ? ordered.order() : Ordered.DEFAULT);
    }
  }

  private final MetadataService service;
  private final AutoMatcher matcher;

  @Inject
  MetadataRoutes(MetadataService service, AutoMatcher matcher) {
    this.service = service;
    this.matcher = matcher;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/admin/metadata/providers", Access.ADMIN, this::providers)
            .summary("The started metadata providers, in the order they are asked (offset, limit)"),
        Route.post("/api/v1/media/{id}/match/search", Access.ADMIN, this::search)
            .summary("Candidates for an item from the metadata providers ({title?, year?, provider?})"),
        Route.post("/api/v1/media/{id}/match/apply", Access.ADMIN, this::apply)
            .summary("Match an item with a provider's id ({provider, id}) and write its metadata"),
        Route.post("/api/v1/media/{id}/refresh", Access.ADMIN, this::refresh)
            .summary("Fetch an item's metadata again by its ids; locked fields stay"),
        Route.put("/api/v1/media/{id}/metadata", Access.ADMIN, this::edit)
            .summary("Edit an item's metadata; edited fields become locked"));
  }

  private void providers(RequestContext request) {
    Paging paging = Paging.of(request);
    List<ProviderJson> all = service.providers().stream().map(ProviderJson::of).toList();
    List<ProviderJson> slice = all.subList(Math.min(paging.offset(), all.size()),
        Math.min(all.size(), paging.offset() + paging.limit()));
    request.json(paging.page(slice, all.size()));
  }

  private void search(RequestContext request) {
    long id = itemId(request);
    SearchBody body = request.bodyBytes().length == 0 ? new SearchBody(null, null, null) : request.body(SearchBody.class);
    if (body.year() != null && (body.year() < 1800 || body.year() > 3000)) {
      throw invalid("year must be within 1800–3000");
    }
    if (body.title() != null && body.title().length() > 500) {
      throw invalid("title must be at most 500 characters");
    }
    List<CandidateJson> found = service.search(id, body.title(), body.year(), blankToNull(body.provider()))
        .stream().map(CandidateJson::of).toList();
    request.json(new CandidatesJson(found, found.size()));
  }

  private void apply(RequestContext request) {
    long id = itemId(request);
    ApplyBody body = request.body(ApplyBody.class);
    if (blankToNull(body.provider()) == null) {
      throw invalid("provider is required");
    }
    if (blankToNull(body.id()) == null || body.id().length() > 128) {
      throw invalid("id is required (at most 128 characters)");
    }
    request.json(cascade(service.apply(id, body.provider().trim(), body.id())));
  }

  private void refresh(RequestContext request) {
    request.json(cascade(service.refresh(itemId(request))));
  }

  /** A series' seasons and episodes that are still unmatched may be matched now that it has ids. */
  private ItemView cascade(ItemView item) {
    if ("series".equals(item.kind()) && !item.externalIds().isEmpty()) {
      matcher.matchDescendants(item.id());
    }
    return item;
  }

  private void edit(RequestContext request) {
    long id = itemId(request);
    EditBody body = request.body(EditBody.class);
    request.json(service.edit(id, validate(body)));
  }

  private static MetadataStore.Edit validate(EditBody body) {
    if (body.title() == null && body.sortTitle() == null && body.originalTitle() == null && body.overview() == null
        && body.tagline() == null && body.year() == null && body.releaseDate() == null && body.rating() == null
        && body.officialRating() == null && body.runtimeMs() == null && body.genres() == null && body.lockedFields() == null) {
      throw invalid("nothing to edit: give at least one of " + String.join(", ", Fields.ALL).replace("runtime", "runtimeMs")
          + ", lockedFields");
    }
    if (body.title() != null && (body.title().isBlank() || body.title().length() > 500)) {
      throw invalid("title must be 1–500 characters");
    }
    if (body.sortTitle() != null && (body.sortTitle().isBlank() || body.sortTitle().length() > 500)) {
      throw invalid("sortTitle must be 1–500 characters");
    }
    if (body.originalTitle() != null && body.originalTitle().length() > 500) {
      throw invalid("originalTitle must be at most 500 characters");
    }
    if (body.tagline() != null && body.tagline().length() > 1000) {
      throw invalid("tagline must be at most 1000 characters");
    }
    if (body.year() != null && (body.year() < 1800 || body.year() > 3000)) {
      throw invalid("year must be within 1800–3000");
    }
    if (body.rating() != null && !(body.rating() >= 0.0 && body.rating() <= 10.0)) {
      throw invalid("rating must be within 0–10");
    }
    if (body.officialRating() != null && body.officialRating().length() > 32) {
      throw invalid("officialRating must be at most 32 characters");
    }
    if (body.runtimeMs() != null && body.runtimeMs() < 0) {
      throw invalid("runtimeMs must not be negative");
    }
    LocalDate releaseDate = null;
    if (body.releaseDate() != null) {
      try {
        releaseDate = LocalDate.parse(body.releaseDate());
      } catch (DateTimeParseException e) {
        throw invalid("releaseDate must be YYYY-MM-DD");
      }
    }
    if (body.genres() != null && body.genres().stream().anyMatch(g -> g == null || g.isBlank() || g.length() > 100)) {
      throw invalid("genres must be names of 1–100 characters");
    }
    Set<String> locked = null;
    if (body.lockedFields() != null) {
      locked = new LinkedHashSet<>();
      for (String field : body.lockedFields()) {
        if (field == null || !Fields.ALL.contains(field)) {
          throw invalid("lockedFields: unknown field '" + field + "'; known: " + String.join(", ", Fields.ALL));
        }
        locked.add(field);
      }
    }
    return new MetadataStore.Edit(body.title(), body.sortTitle(), body.originalTitle(), body.overview(), body.tagline(),
        body.year(), releaseDate, body.rating(), body.officialRating(), body.runtimeMs(), body.genres(), locked);
  }

  private static long itemId(RequestContext request) {
    String raw = request.pathParam("id");
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to 404
    }
    throw ApiException.notFound("no media item " + raw);
  }

  private static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
