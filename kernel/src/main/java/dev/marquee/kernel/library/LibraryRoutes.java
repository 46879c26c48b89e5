package dev.marquee.kernel.library;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Paging;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** {@code /api/v1/libraries}: list and read (users), create, replace, delete and scan (admins). */
final class LibraryRoutes implements RouteContributor {

  record LibraryJson(long id, String name, String type, List<String> roots, Map<String, Object> settings,
      long itemCount, Instant createdAt, Instant updatedAt) {
    static LibraryJson of(Library library) {
      return new LibraryJson(library.id(), library.name(), library.type().label(),
          library.roots().stream().map(Path::toString).toList(), library.settings().asMap(), library.itemCount(),
          library.createdAt(), library.updatedAt());
    }
  }

  record ScanJson(long libraryId, String state, int progress, String message, String runId, Instant lastScanAt,
      Integer added, Integer updated, Integer missing, Integer moved, Integer purged, String lastError) {
    static ScanJson of(long libraryId, ScanStatus.State s) {
      ScanResult last = s.last();
      return new ScanJson(libraryId, s.state(), s.progress(), s.message(), s.runId(), s.lastScanAt(),
          last == null ? null : last.added(), last == null ? null : last.updated(), last == null ? null : last.missing(),
          last == null ? null : last.moved(), last == null ? null : last.purged(), s.lastError());
    }
  }

  private final LibraryService libraries;
  private final ScanStatus status;
  private final ScanRequests scans;

  @Inject
  LibraryRoutes(LibraryService libraries, ScanStatus status, ScanRequests scans) {
    this.libraries = libraries;
    this.status = status;
    this.scans = scans;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/libraries", Access.USER, this::list).summary("Libraries with their item counts (offset, limit)"),
        Route.post("/api/v1/libraries", Access.ADMIN, this::create).summary("Create a library: name, type, roots, settings"),
        Route.get("/api/v1/libraries/{id}", Access.USER, this::get).summary("One library"),
        Route.put("/api/v1/libraries/{id}", Access.ADMIN, this::update).summary("Replace a library's name, type, roots and settings"),
        Route.delete("/api/v1/libraries/{id}", Access.ADMIN, this::delete).summary("Delete a library and its items"),
        Route.post("/api/v1/libraries/{id}/scan", Access.ADMIN, this::scan).summary("Scan a library now, or after the scans ahead of it (202; 409 while it is scanned or waits)"),
        Route.get("/api/v1/libraries/{id}/scan", Access.ADMIN, this::scanStatus).summary("A library's scan state and last counts"));
  }

  private void list(RequestContext request) {
    Paging paging = Paging.of(request);
    LibraryStore.LibraryPage page = libraries.list(paging.offset(), paging.limit());
    request.json(paging.page(page.items(), page.total()).map(LibraryJson::of));
  }

  private void get(RequestContext request) {
    request.json(LibraryJson.of(libraries.get(id(request))));
  }

  private void create(RequestContext request) {
    request.status(201).json(LibraryJson.of(libraries.create(request.body(JsonNode.class))));
  }

  private void update(RequestContext request) {
    long id = id(request);
    libraries.get(id);
    request.json(LibraryJson.of(libraries.update(id, request.body(JsonNode.class))));
  }

  private void delete(RequestContext request) {
    libraries.delete(id(request));
    request.noContent();
  }

  private void scan(RequestContext request) {
    long id = id(request);
    libraries.get(id);
    request.status(202).json(ScanJson.of(id, scans.request(id)));
  }

  private void scanStatus(RequestContext request) {
    long id = id(request);
    libraries.get(id);
    request.json(ScanJson.of(id, status.of(id)));
  }

  private static long id(RequestContext request) {
    try {
      return Long.parseLong(request.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no library " + request.pathParam("id"));
    }
  }
}
