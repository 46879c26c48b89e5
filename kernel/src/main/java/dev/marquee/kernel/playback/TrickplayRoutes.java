package dev.marquee.kernel.playback;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;

/**
 * Trickplay: a file's manifest ({@code GET /api/v1/playback/{id}/trickplay}), its sprite sheets and
 * a WebVTT thumbnails track (cues pointing at {@code <sheet>.jpg#xywh=x,y,w,h}, as the thumbnail
 * plugins of Video.js, JW Player and others read them). Browsers fetch images and tracks without an
 * Authorization header, so the sheet and track URLs carry a signed token scoped to the item; those
 * two routes take the token or a signed-in user.
 */
final class TrickplayRoutes implements RouteContributor {
  /** What trickplay tokens are signed for in place of an HLS session id (never one: those are random). */
  static final String TOKEN_SCOPE = "trickplay";
  /** Token expiries are rounded up to this step, so that sheet URLs stay the same a while and browsers cache them. */
  private static final Duration TOKEN_STEP = Duration.ofMinutes(15);

  /** The manifest of one file's thumbnails. */
  record ManifestJson(long itemId, long fileId, long intervalMs, int width, int height, int tileColumns,
      int tileRows, int thumbnailCount, int sheetCount, Long durationMs, List<String> sheets, String vttUrl,
      Instant madeAt, Instant expires) {}

  private final PlayableFiles files;
  private final MediaTokens tokens;
  private final TrickplayMaker maker;
  private final PlaybackSettings playback;
  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  TrickplayRoutes(PlayableFiles files, MediaTokens tokens, TrickplayMaker maker, PlaybackSettings playback, Jdbi jdbi,
      Clock clock) {
    this.files = files;
    this.tokens = tokens;
    this.maker = maker;
    this.playback = playback;
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/playback/{id}/trickplay", Access.USER, this::manifest)
            .summary("Trickplay manifest of an item's file (fileId; default its first): interval, thumbnail size,"
                + " tiles, sheet and WebVTT URLs with a signed token; 404 TRICKPLAY_NOT_READY until made"),
        Route.get("/api/v1/playback/{id}/trickplay/{width}/thumbnails.vtt", Access.PUBLIC, this::vtt)
            .summary("WebVTT thumbnails track: one cue per thumbnail, <sheet>.jpg#xywh=x,y,w,h (token or signed in)"),
        Route.get("/api/v1/playback/{id}/trickplay/{width}/{sheet}", Access.PUBLIC, this::sheet)
            .summary("Trickplay sprite sheet n.jpg (token or signed in)"));
  }

  private void manifest(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    Ready ready = ready(request, itemId);
    TrickplayStore.Made made = ready.made();
    Instant expires = expiry();
    String query = query(made.fileId(), tokens.sign(TOKEN_SCOPE, itemId, expires));
    String base = base(itemId, made.width());
    List<String> sheets = new ArrayList<>(made.sheetCount());
    for (int i = 0; i < made.sheetCount(); i++) {
      sheets.add(base + i + ".jpg" + query);
    }
    request.json(new ManifestJson(itemId, made.fileId(), made.intervalMs(), made.width(), made.height(),
        made.tileColumns(), made.tileRows(), made.thumbnailCount(), made.sheetCount(), ready.durationMs(), sheets,
        base + "thumbnails.vtt" + query, Instant.ofEpochMilli(made.madeAt()), expires));
  }

  private void vtt(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    // a token is passed on as it is: holding one must not get anyone a later one
    String token = authorize(request, itemId).orElseGet(() -> tokens.sign(TOKEN_SCOPE, itemId, expiry()));
    Ready ready = ready(request, itemId);
    TrickplayStore.Made made = ready.made();
    width(request, made);
    request.header("Cache-Control", "private, no-cache");
    request.bytes("text/vtt; charset=utf-8", TrickplayVtt.track(made, ready.durationMs(),
        base(itemId, made.width()), query(made.fileId(), token)).getBytes(StandardCharsets.UTF_8));
  }

  private void sheet(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    authorize(request, itemId);
    String name = request.pathParam("sheet");
    if (!name.matches("(0|[1-9][0-9]{0,8})\\.jpg")) {
      throw ApiException.notFound("no trickplay sheet " + name);
    }
    int index = Integer.parseInt(name.substring(0, name.length() - 4));
    TrickplayStore.Made made = ready(request, itemId).made();
    width(request, made);
    if (index >= made.sheetCount()) {
      throw ApiException.notFound("no trickplay sheet " + name + ": there are " + made.sheetCount());
    }
    request.header("Cache-Control", "private, max-age=3600");
    request.file(maker.sheet(made.fileId(), made.width(), index), "image/jpeg");
  }

  /**
   * Lets a signed-in user in, or a request whose token was signed for this item's trickplay.
   *
   * @return the token, when that is what let the request in
   * @throws ApiException 401 when neither
   */
  private Optional<String> authorize(RequestContext request, long itemId) {
    if (request.principal().isPresent()) {
      return Optional.empty();
    }
    String token = request.queryParam("token").orElse(null);
    tokens.verify(token, TOKEN_SCOPE, itemId);
    return Optional.of(token);
  }

  private record Ready(TrickplayStore.Made made, Long durationMs) {}

  /**
   * The current thumbnails of the item's file that the request names ({@code fileId}; default the
   * item's first file).
   *
   * @throws ApiException 404 when there is no such file or no current thumbnails of it, 422 when
   *     {@code fileId} is not an id
   */
  private Ready ready(RequestContext request, long itemId) {
    Optional<String> fileParam = request.queryParam("fileId");
    PlayableFiles.Playable file;
    if (fileParam.isPresent()) {
      long fileId;
      try {
        fileId = Long.parseLong(fileParam.get());
      } catch (NumberFormatException e) {
        fileId = 0;
      }
      if (fileId < 1) {
        throw ApiException.unprocessable("VALIDATION_FAILED", "fileId must be a positive whole number");
      }
      file = files.file(itemId, fileId);
    } else {
      file = files.primary(itemId);
    }
    TrickplayStore.MadeOf madeOf = jdbi.withExtension(TrickplayStore.class, s -> s.madeOf(file.id()))
        .filter(TrickplayStore.MadeOf::current)
        .orElseThrow(() -> new ApiException(404, "TRICKPLAY_NOT_READY",
            "the thumbnails of file " + file.id() + " are not made yet"));
    if (madeOf.made().error() != null) {
      throw new ApiException(404, "TRICKPLAY_UNAVAILABLE",
          "no thumbnails can be made of file " + file.id() + ": " + madeOf.made().error());
    }
    return new Ready(madeOf.made(), madeOf.durationMs());
  }

  /** The path's width must be the one the thumbnails have; 404 otherwise. */
  private static void width(RequestContext request, TrickplayStore.Made made) {
    String width = request.pathParam("width");
    if (!width.equals(Integer.toString(made.width()))) {
      throw ApiException.notFound("no trickplay thumbnails " + width + " pixels wide: they are " + made.width());
    }
  }

  private Instant expiry() {
    long step = TOKEN_STEP.toSeconds();
    long seconds = clock.instant().plus(playback.tokenTtl()).getEpochSecond();
    return Instant.ofEpochSecond((seconds + step - 1) / step * step);
  }

  private static String base(long itemId, int width) {
    return "/api/v1/playback/" + itemId + "/trickplay/" + width + "/";
  }

  private static String query(long fileId, String token) {
    return String.format(Locale.ROOT, "?fileId=%d&token=%s", fileId, token);
  }
}
