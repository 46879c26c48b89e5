package dev.marquee.kernel.playback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.media.MediaInfo;
import dev.marquee.kernel.media.ProbedStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

/**
 * {@code POST /api/v1/media/{id}/playback-info}: for each file of an item, how the calling client
 * plays it (direct play, direct stream or transcode) and why, from its device profile (the
 * browser profile when it sends none) and the probed streams. Body, every field optional: {@code
 * {"deviceProfile": {...}, "audioStreamIndex": 1, "subtitleStreamIndex": 3}}; an image subtitle
 * asked for is burned in, which needs a transcode.
 */
final class PlaybackInfoRoutes implements RouteContributor {
  private static final Set<String> FIELDS = Set.of("deviceProfile", "audioStreamIndex", "subtitleStreamIndex");

  /** Whether a way is open and, if not, why. */
  record Way(boolean supported, List<String> reasons) {
    static Way of(List<String> reasons) {
      return new Way(reasons.isEmpty(), reasons);
    }
  }

  /** The video stream as the answer shows it. */
  record VideoJson(int index, String codec, String profile, Integer level, Integer width, Integer height,
      int bitDepth, String hdr, Double frameRate) {
    static VideoJson of(ProbedStream s) {
      return new VideoJson(s.index(), s.codec(), s.profile(), s.level(), s.width(), s.height(), s.bitDepth(), s.hdr(),
          s.frameRate());
    }
  }

  /** One source in the answer. */
  record SourceJson(long fileId, String container, Long durationMs, Long bitrate, String method, Way directPlay,
      Way directStream, boolean audioTranscode, String directPlayUrl, VideoJson video, List<ProbedStream> audio,
      List<ProbedStream> subtitles, Integer audioStreamIndex, Integer subtitleStreamIndex, String probeError) {}

  record InfoJson(long itemId, String profile, List<SourceJson> sources) {}

  private final PlayableFiles files;
  private final MediaInfo media;

  @Inject
  PlaybackInfoRoutes(PlayableFiles files, MediaInfo media) {
    this.files = files;
    this.media = media;
  }

  @Override
  public List<Route> routes() {
    return List.of(Route.post("/api/v1/media/{id}/playback-info", Access.USER, this::info)
        .summary("How this client plays each file of an item (direct play, direct stream, transcode) and why"));
  }

  private void info(RequestContext request) {
    long itemId = DirectPlayRoutes.id(request, "id");
    JsonNode body = request.bodyBytes().length == 0 ? null : request.body(JsonNode.class);
    if (body != null && !body.isObject()) {
      throw invalid("the body must be a JSON object");
    }
    if (body != null) {
      for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!FIELDS.contains(field)) {
          throw invalid(field + " is not a field of this request; known: " + FIELDS.stream().sorted().toList());
        }
      }
    }
    DeviceProfile profile = DeviceProfile.parse(body == null ? null : body.get("deviceProfile"));
    Integer audioIndex = index(body, "audioStreamIndex");
    Integer subtitleIndex = index(body, "subtitleStreamIndex");
    List<SourceJson> sources = new ArrayList<>();
    for (PlayableFiles.Playable file : files.all(itemId)) {
      MediaInfo.Source source = media.of(file.id())
          .orElseThrow(() -> ApiException.notFound("item " + itemId + " has no playable file"));
      Integer audio = audioIndex;
      Integer subtitle = subtitleIndex;
      if (sources.isEmpty()) {
        // the first source is the one the indexes were picked from: they must exist there
        requireStream(source.audio(), audio, "audioStreamIndex");
        requireStream(source.subtitles(), subtitle, "subtitleStreamIndex");
      } else {
        audio = has(source.audio(), audio) ? audio : null;
        subtitle = has(source.subtitles(), subtitle) ? subtitle : null;
      }
      Integer chosenSubtitle = subtitle;
      ProbedStream burn = chosenSubtitle == null ? null : source.subtitles().stream()
          .filter(s -> s.index() == chosenSubtitle && PlaybackDecider.IMAGE_SUBTITLES.contains(s.codec()))
          .findFirst().orElse(null);
      PlaybackDecider.Decision decision = PlaybackDecider.decide(source, file.path(), profile, audio, burn);
      sources.add(new SourceJson(file.id(), PlaybackDecider.container(source.container(), file.path()),
          source.durationMs(), source.bitrate(), decision.method().label(), Way.of(decision.directPlayReasons()),
          Way.of(decision.directStreamReasons()), decision.audioNeedsTranscode(),
          "/api/v1/media/" + itemId + "/files/" + file.id() + "/stream",
          source.video().map(VideoJson::of).orElse(null), source.audio(), source.subtitles(),
          decision.audio() == null ? null : decision.audio().index(), subtitle, source.probeError()));
    }
    request.json(new InfoJson(itemId, profile.name(), sources));
  }

  private static Integer index(JsonNode body, String field) {
    if (body == null || !body.has(field) || body.get(field).isNull()) {
      return null;
    }
    JsonNode value = body.get(field);
    if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 10_000) {
      throw invalid(field + " must be a stream index (a whole number from 0)");
    }
    return value.asInt();
  }

  private static boolean has(List<ProbedStream> streams, Integer index) {
    return index != null && streams.stream().anyMatch(s -> s.index() == index);
  }

  private static void requireStream(List<ProbedStream> streams, Integer index, String field) {
    if (index != null && !has(streams, index)) {
      throw invalid(field + " " + index + " is not such a stream of this item; its streams: "
          + streams.stream().map(ProbedStream::index).toList());
    }
  }

  private static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }
}
