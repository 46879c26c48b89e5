package dev.marquee.kernel.catalog;

import static dev.marquee.api.http.Access.USER;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.util.List;
import javax.inject.Inject;

/**
 * {@code GET /api/v1/media/{id}/images/{kind}?width=}: an item's poster, backdrop or thumb, resized
 * to a width from 32 to 3840 (clamped) as JPEG, or as stored without a width. Strong ETag with 304 on
 * a matching {@code If-None-Match}; cacheable by anyone for a day.
 */
final class ArtworkRoutes implements RouteContributor {
  private static final String CACHE_CONTROL = "public, max-age=86400";

  private final Catalog catalog;
  private final Artwork artwork;

  @Inject
  ArtworkRoutes(Catalog catalog, Artwork artwork) {
    this.catalog = catalog;
    this.artwork = artwork;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/api/v1/media/{id}/images/{kind}", USER, this::image)
        .summary("An item's poster, backdrop or thumb, resized to width (32-3840) as JPEG; ETag and 304"));
  }

  private void image(RequestContext request) throws Exception {
    long id = Viewer.id(request, "id", "item");
    String kind = request.pathParam("kind");
    if (!Artwork.KINDS.contains(kind)) {
      throw ApiException.notFound("no image kind " + kind + ": poster, backdrop or thumb");
    }
    Integer width = Params.integer(request, "width", Integer.MIN_VALUE, Integer.MAX_VALUE);
    catalog.item(id, Viewer.of(request));
    Artwork.Source source = artwork.source(id, kind, width == null ? null : Artwork.clamp(width));
    request.header("ETag", source.etag()).header("Cache-Control", CACHE_CONTROL);
    if (ETags.matches(request.header("If-None-Match").orElse(null), source.etag())) {
      request.status(304).bytes(source.contentType(), new byte[0]);
      return;
    }
    Artwork.Image image = artwork.render(source);
    request.bytes(image.contentType(), image.bytes());
  }
}
