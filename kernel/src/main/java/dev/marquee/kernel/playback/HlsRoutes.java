package dev.marquee.kernel.playback;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * HLS: {@code GET /api/v1/playback/{id}/stream} opens a session and answers its master playlist's
 * URL; the playlists and segments under {@code /api/v1/playback/sessions/{session}/} are fetched by
 * players without credentials, with the URL's signed token instead. {@code /api/v1/sessions} lists
 * and ends sessions (a user's own; administrators all).
 */
final class HlsRoutes implements RouteContributor {
  private static final String MPEGURL = "application/vnd.apple.mpegurl";
  /** How long a segment request may wait for ffmpeg before answering 503. */
  private static final Duration SEGMENT_WAIT = Duration.ofSeconds(30);

  /** The answer to opening a session (the shape HLS clients of Phlix know). */
  record StreamJson(@JsonProperty("stream_url") String streamUrl, @JsonProperty("expires_in") long expiresIn,
      @JsonProperty("session_id") String sessionId) {}

  /** @param transcoders whose arguments each transcoded variant runs with, by variant name */
  record SessionJson(String id, long userId, String username, long itemId, long fileId, String method,
      List<String> variants, Map<String, String> transcoders, Instant created, Instant lastSeen, Instant expires,
      boolean transcoding) {
    static SessionJson of(HlsSession s) {
      return new SessionJson(s.id(), s.userId(), s.username(), s.itemId(), s.fileId(), s.method(),
          s.variants().stream().map(HlsSession.Variant::name).toList(), s.transcoders(), s.created(), s.lastSeen(),
          s.expires(), s.transcoding());
    }
  }

  record SessionsJson(List<SessionJson> items, long total) {}

  private final HlsSessions sessions;
  private final MediaTokens tokens;

  @Inject
  HlsRoutes(HlsSessions sessions, MediaTokens tokens) {
    this.sessions = sessions;
    this.tokens = tokens;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/playback/{id}/stream", Access.USER, this::open)
            .summary("Open an HLS session (fileId, audioStreamIndex, subtitleStreamIndex, maxBitrate, maxHeight,"
                + " directStream); its master playlist URL with a signed token"),
        Route.get("/api/v1/playback/sessions/{session}/master.m3u8", Access.PUBLIC, this::master)
            .summary("HLS master playlist (token)"),
        Route.get("/api/v1/playback/sessions/{session}/{stream}/index.m3u8", Access.PUBLIC, this::media)
            .summary("HLS media playlist of a variant, audio or subtitle rendition (token)"),
        Route.get("/api/v1/playback/sessions/{session}/{stream}/{segment}", Access.PUBLIC, this::segment)
            .summary("HLS segment n.ts, or 0.vtt of a subtitle rendition (token)"),
        Route.get("/api/v1/sessions", Access.USER, this::list)
            .summary("Playback sessions: your own, or every one for administrators"),
        Route.post("/api/v1/sessions/{id}/heartbeat", Access.USER, this::heartbeat)
            .summary("Keep a playback session alive while its player is paused"),
        Route.delete("/api/v1/sessions/{id}", Access.USER, this::delete)
            .summary("End a playback session: its ffmpeg stops and its segments go"));
  }

  private void open(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    HlsSessions.Request wanted = new HlsSessions.Request(
        optionalLong(request, "fileId", 1, Long.MAX_VALUE).orElse(null),
        optionalLong(request, "audioStreamIndex", 0, 10_000).map(Long::intValue).orElse(null),
        optionalLong(request, "maxBitrate", 200_000, 10_000_000_000L).orElse(null),
        optionalLong(request, "maxHeight", 144, 8640).map(Long::intValue).orElse(null),
        !request.queryParam("directStream").map("false"::equalsIgnoreCase).orElse(false),
        optionalLong(request, "subtitleStreamIndex", 0, Integer.MAX_VALUE).map(Long::intValue).orElse(null));
    HlsSession session;
    try {
      session = sessions.open(request.requirePrincipal(), itemId, wanted);
    } catch (ApiException e) {
      if (e.status() == 503) {
        request.header("Retry-After", "10");
      }
      throw e;
    }
    long expiresIn = Duration.between(sessions.now(), session.expires()).toSeconds();
    request.json(new StreamJson("/api/v1/playback/sessions/" + session.id() + "/master.m3u8?token=" + session.token(),
        expiresIn, session.id()));
  }

  private void master(RequestContext request) {
    HlsSession session = authorized(request);
    playlist(request, session.masterPlaylist());
  }

  private void media(RequestContext request) {
    HlsSession session = authorized(request);
    HlsSession.SubtitleRendition subtitle = session.subtitle(request.pathParam("stream"));
    if (subtitle != null) {
      playlist(request, HlsSession.subtitlePlaylist(subtitle, session.token()));
      return;
    }
    HlsStream stream = stream(request, session);
    playlist(request, HlsSession.mediaPlaylist(stream.plan(), session.token()));
  }

  private void segment(RequestContext request) throws InterruptedException {
    HlsSession session = authorized(request);
    String name = request.pathParam("segment");
    HlsSession.SubtitleRendition subtitle = session.subtitle(request.pathParam("stream"));
    if (subtitle != null) {
      if (!name.equals("0.vtt")) {
        throw ApiException.notFound("no segment " + name + " in subtitle rendition " + subtitle.streamKey());
      }
      request.header("Cache-Control", "private, max-age=3600");
      request.bytes("text/vtt; charset=utf-8",
          HlsSession.withTimestampMap(subtitle.vtt().get()).getBytes(StandardCharsets.UTF_8));
      return;
    }
    HlsStream stream = stream(request, session);
    int index;
    try {
      if (!name.endsWith(".ts")) {
        throw new NumberFormatException(name);
      }
      index = Integer.parseInt(name.substring(0, name.length() - 3));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no segment " + name);
    }
    Path file;
    try {
      file = stream.segment(index, SEGMENT_WAIT);
    } catch (ApiException e) {
      if (e.status() == 503) {
        request.header("Retry-After", "1");
      }
      throw e;
    }
    request.header("Cache-Control", "private, max-age=3600");
    request.file(file, "video/mp2t");
  }

  private void list(RequestContext request) {
    Principal principal = request.requirePrincipal();
    List<SessionJson> items = sessions.list().stream()
        .filter(s -> principal.isAdmin() || s.userId() == principal.userId()).map(SessionJson::of).toList();
    request.json(new SessionsJson(items, items.size()));
  }

  private void heartbeat(RequestContext request) {
    HlsSession session = owned(request);
    session.touch(sessions.now());
    request.json(SessionJson.of(session));
  }

  private void delete(RequestContext request) {
    sessions.end(owned(request).id());
    request.noContent();
  }

  /** A session the caller may manage: their own, or any for an administrator; 404 otherwise. */
  private HlsSession owned(RequestContext request) {
    Principal principal = request.requirePrincipal();
    String id = request.pathParam("id");
    return sessions.find(id).filter(s -> principal.isAdmin() || s.userId() == principal.userId())
        .orElseThrow(() -> ApiException.notFound("no playback session " + id));
  }

  private HlsSession authorized(RequestContext request) {
    // The URL's token is the only credential (no cookies): web players on any origin may fetch it,
    // and see the error answers too.
    request.header("Access-Control-Allow-Origin", "*");
    String id = request.pathParam("session");
    HlsSession session = sessions.find(id).orElseThrow(() -> ApiException.notFound("no playback session " + id));
    tokens.verify(request.queryParam("token").orElse(null), session.id(), session.itemId());
    session.touch(sessions.now());
    return session;
  }

  private static HlsStream stream(RequestContext request, HlsSession session) {
    String key = request.pathParam("stream");
    HlsStream stream = session.stream(key);
    if (stream == null) {
      throw ApiException.notFound("no stream " + key + " in this session");
    }
    return stream;
  }

  private static void playlist(RequestContext request, String text) {
    request.header("Cache-Control", "no-cache");
    request.bytes(MPEGURL, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<Long> optionalLong(RequestContext request, String name, long min, long max) {
    Optional<String> text = request.queryParam(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(text.get());
      if (value >= min && value <= max) {
        return Optional.of(value);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.unprocessable("VALIDATION_FAILED", name + " must be a whole number from " + min + " to " + max);
  }
}
