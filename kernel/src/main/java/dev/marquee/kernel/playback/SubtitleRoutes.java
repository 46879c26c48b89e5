package dev.marquee.kernel.playback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Paging;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.subtitle.RemoteSubtitle;
import dev.marquee.api.subtitle.SubtitleTrack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.inject.Inject;

/**
 * Subtitles of an item's first file: its tracks from every subtitle source, each as WebVTT
 * ({@code text/vtt}, cached), and remote subtitles: search (users) and download (administrators),
 * which stores the subtitle as a sidecar file beside the video.
 */
final class SubtitleRoutes implements RouteContributor {
  private static final String VTT = "text/vtt; charset=utf-8";
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(-[a-z0-9]{2,8})?");
  private static final int MAX_LANGUAGES = 10;
  private static final Set<String> DOWNLOAD_FIELDS = Set.of("provider", "remoteId");

  /** One track as the API shows it. */
  record TrackJson(int index, String name, String language, String title, String format, boolean forced,
      boolean hearingImpaired, @JsonProperty("default") boolean defaultTrack, String origin, String source,
      boolean image, String url) {
    static TrackJson of(long itemId, SubtitleTracks.Track t) {
      return new TrackJson(t.index(), t.name(), t.language(), t.track().title().orElse(null), t.track().format(),
          t.track().forced(), t.track().hearingImpaired(), t.track().defaultTrack(),
          t.track().origin().name().toLowerCase(Locale.ROOT), t.source().id(), t.image(),
          t.image() ? null : "/api/v1/media/" + itemId + "/subtitles/" + t.index() + ".vtt");
    }
  }

  record RemoteJson(String provider, String remoteId, String language, String format, String releaseName,
      Integer downloadCount, boolean hashMatch, boolean hearingImpaired) {
    static RemoteJson of(String provider, RemoteSubtitle s) {
      return new RemoteJson(provider, s.remoteId(), s.language(), s.format(), s.releaseName().orElse(null),
          s.downloadCount().orElse(null), s.hashMatch(), s.hearingImpaired());
    }
  }

  record SearchJson(List<RemoteJson> items, long total, int offset, int limit,
      List<SubtitleDownloads.Failure> failures) {}

  record DownloadJson(String file, TrackJson track) {}

  private final PlayableFiles files;
  private final SubtitleTracks tracks;
  private final SubtitleDownloads downloads;

  @Inject
  SubtitleRoutes(PlayableFiles files, SubtitleTracks tracks, SubtitleDownloads downloads) {
    this.files = files;
    this.tracks = tracks;
    this.downloads = downloads;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/media/{id}/subtitles", Access.USER, this::list)
            .summary("Subtitle tracks of an item's first file (sidecar files, embedded streams), each with its index"
                + " and WebVTT URL"),
        Route.get("/api/v1/media/{id}/subtitles/search", Access.USER, this::search)
            .summary("Search subtitle providers (language=en,fr; provider; hearingImpaired) for an item"),
        Route.get("/api/v1/media/{id}/subtitles/{track}", Access.USER, this::vtt)
            .summary("One subtitle track as WebVTT: {index}.vtt (text/vtt); 422 SUBTITLE_NOT_TEXT for a picture format"),
        Route.post("/api/v1/media/{id}/subtitles/download", Access.ADMIN, this::download)
            .summary("Download a search result ({provider, remoteId}) and store it beside the item's file"));
  }

  private void list(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    Paging paging = Paging.of(request);
    Path video = files.primary(itemId).path();
    List<TrackJson> all = tracks.list(video).stream().map(t -> TrackJson.of(itemId, t)).toList();
    request.json(paging.page(window(all, paging), all.size()));
  }

  private void vtt(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    String name = request.pathParam("track");
    int index;
    try {
      if (!name.endsWith(".vtt")) {
        throw new NumberFormatException(name);
      }
      index = Integer.parseInt(name.substring(0, name.length() - 4));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no subtitle " + name + "; tracks are fetched as <index>.vtt");
    }
    PlayableFiles.Playable file = files.primary(itemId);
    String vtt = tracks.vtt(file, tracks.find(file.path(), itemId, index));
    request.header("Cache-Control", "private, max-age=300");
    request.bytes(VTT, vtt.getBytes(StandardCharsets.UTF_8));
  }

  private void search(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    Paging paging = Paging.of(request);
    String text = request.queryParam("language").map(String::strip).orElse("");
    if (text.isEmpty()) {
      throw invalid("language is required: one or more ISO 639-1 codes, comma-separated (language=en,fr)");
    }
    List<String> languages = new ArrayList<>();
    for (String code : text.split(",")) {
      String lower = code.strip().toLowerCase(Locale.ROOT);
      if (!LANGUAGE.matcher(lower).matches()) {
        throw invalid("language " + code.strip() + " is not an ISO 639-1 code (en, fr, pt-br)");
      }
      if (!languages.contains(lower)) {
        languages.add(lower);
      }
    }
    if (languages.size() > MAX_LANGUAGES) {
      throw invalid("at most " + MAX_LANGUAGES + " languages at once");
    }
    String hearingImpaired = request.queryParam("hearingImpaired").orElse("false");
    if (!hearingImpaired.equals("true") && !hearingImpaired.equals("false")) {
      throw invalid("hearingImpaired must be true or false");
    }
    String provider = request.queryParam("provider").map(String::strip).filter(p -> !p.isEmpty()).orElse(null);
    SubtitleDownloads.Results results = downloads.search(itemId, languages, provider, hearingImpaired.equals("true"));
    List<RemoteJson> all = results.found().stream().map(f -> RemoteJson.of(f.provider(), f.subtitle())).toList();
    request.json(new SearchJson(window(all, paging), all.size(), paging.offset(), paging.limit(), results.failures()));
  }

  private void download(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    JsonNode body = request.body(JsonNode.class);
    if (!body.isObject()) {
      throw invalid("the body must be a JSON object {\"provider\": ..., \"remoteId\": ...}");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!DOWNLOAD_FIELDS.contains(field)) {
        throw invalid(field + " is not a field of this request; known: " + DOWNLOAD_FIELDS.stream().sorted().toList());
      }
    }
    String provider = text(body, "provider");
    String remoteId = text(body, "remoteId");
    Path written = downloads.download(itemId, provider, remoteId);
    String name = written.getFileName().toString();
    TrackJson track = tracks.list(files.primary(itemId).path()).stream()
        .filter(t -> t.track().origin() == SubtitleTrack.Origin.SIDECAR
            && Path.of(t.track().trackId()).getFileName().toString().equals(name))
        .findFirst().map(t -> TrackJson.of(itemId, t)).orElse(null);
    request.status(201).json(new DownloadJson(name, track));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
      throw invalid(field + " is required: a string of 1 to 200 characters");
    }
    return value.asText().strip();
  }

  private static <T> List<T> window(List<T> all, Paging paging) {
    int from = Math.min(all.size(), paging.offset());
    return all.subList(from, Math.min(all.size(), from + paging.limit()));
  }

  private static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }
}
