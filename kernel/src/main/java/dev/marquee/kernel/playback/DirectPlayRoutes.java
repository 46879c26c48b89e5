package dev.marquee.kernel.playback;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.http.PathIds;
import java.util.List;
import javax.inject.Inject;

/**
 * Direct play: an item's file as it is on disk, with ranges and validators so that players seek
 * with byte ranges and browsers cache ({@link RequestContext#file}). HEAD answers as GET does.
 */
final class DirectPlayRoutes implements RouteContributor {
  private final PlayableFiles files;

  @Inject
  DirectPlayRoutes(PlayableFiles files) {
    this.files = files;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/media/{id}/stream", Access.USER, this::primary)
            .summary("An item's file as it is (part 1 of a multi-part movie); HTTP ranges, ETag, HEAD"),
        Route.get("/api/v1/media/{id}/files/{fileId}/stream", Access.USER, this::file)
            .summary("One file of an item as it is; HTTP ranges, ETag, HEAD"));
  }

  private void primary(RequestContext request) {
    send(request, files.primary(id(request, "id")));
  }

  private void file(RequestContext request) {
    send(request, files.file(id(request, "id"), id(request, "fileId")));
  }

  private static void send(RequestContext request, PlayableFiles.Playable playable) {
    request.file(playable.path(), playable.mimeType());
  }

  static long id(RequestContext request, String name) {
    return PathIds.id(request, name, name.equals("id") ? "item" : "file");
  }
}
