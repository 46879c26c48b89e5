package dev.marquee.subtitles;

import com.github.benmanes.caffeine.cache.Cache;
import dev.marquee.api.Ordered;
import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.api.subtitle.SubtitleSource;
import dev.marquee.api.subtitle.SubtitleTrack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * The subtitle streams inside the video's container ({@code embedded}), as ffprobe lists them; the
 * track id is the stream's index in the file. Text streams (SubRip, ASS/SSA, MP4 timed text,
 * WebVTT...) become WebVTT with {@code ffmpeg -map 0:<index> -f webvtt}; picture streams (PGS,
 * DVD/VobSub, DVB) are listed with their format ({@code pgs}, {@code vobsub}, {@code dvb}) and
 * cannot. A stream whose title says SDH, CC or "hearing impaired" counts as for the hearing
 * impaired (containers have no common flag for it). Probes are kept per file size and modification
 * time for 30 minutes. Order 20: after the sidecar files.
 */
@Extension
public class EmbeddedSource implements SubtitleSource, Ordered {
  static final String ID = "embedded";
  /** ffmpeg's text subtitle codecs, with the format name tracks carry. */
  private static final Map<String, String> TEXT_CODECS = Map.ofEntries(
      Map.entry("subrip", "srt"), Map.entry("srt", "srt"), Map.entry("ass", "ass"), Map.entry("ssa", "ssa"),
      Map.entry("mov_text", "mov_text"), Map.entry("webvtt", "webvtt"), Map.entry("text", "text"),
      Map.entry("microdvd", "microdvd"), Map.entry("subviewer", "subviewer"), Map.entry("sami", "smi"),
      Map.entry("mpl2", "mpl2"), Map.entry("realtext", "realtext"));
  /** ffmpeg's picture subtitle codecs, with the format name tracks carry. */
  private static final Map<String, String> IMAGE_CODECS = Map.of(
      "hdmv_pgs_subtitle", "pgs", "dvd_subtitle", "vobsub", "dvb_subtitle", "dvb", "xsub", "xsub");
  private static final Pattern HEARING_IMPAIRED = Pattern.compile("(?i)\\b(sdh|cc|hearing[ -]impaired)\\b");

  private record Probed(long size, long modified, ProbeResult result) {}

  private final MediaToolkit media;
  private final WebVttConverter converter;
  private final Cache<Path, Probed> probes;

  public EmbeddedSource(PluginContext context) {
    this.media = context.media();
    this.converter = new WebVttConverter(media, context.dataDir().resolve("tmp"));
    this.probes = context.caches().create("subtitles-embedded-probes", 2_000, Duration.ofMinutes(30));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public List<SubtitleTrack> tracks(Path video, Progress progress) throws IOException {
    List<SubtitleTrack> tracks = new ArrayList<>();
    for (ProbeResult.SubtitleStream stream : probe(video).subtitles()) {
      String format = TEXT_CODECS.getOrDefault(stream.codec(), IMAGE_CODECS.getOrDefault(stream.codec(), stream.codec()));
      boolean hearingImpaired = stream.title().map(t -> HEARING_IMPAIRED.matcher(t).find()).orElse(false);
      tracks.add(new SubtitleTrack(ID, String.valueOf(stream.index()), SubtitleTrack.Origin.EMBEDDED, format,
          stream.language().flatMap(Languages::tag), stream.title().filter(t -> !t.isBlank()), stream.forced(),
          hearingImpaired, stream.defaultTrack()));
    }
    return tracks;
  }

  @Override
  public Optional<String> toWebVtt(Path video, SubtitleTrack track, Progress progress) throws IOException {
    if (!track.sourceId().equals(ID)) {
      throw new IllegalArgumentException("not an embedded track: " + track);
    }
    int index;
    try {
      index = Integer.parseInt(track.trackId());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a stream index: " + track.trackId());
    }
    ProbeResult.SubtitleStream stream = probe(video).subtitles().stream().filter(s -> s.index() == index).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no subtitle stream " + index + " in " + video.getFileName()));
    if (!TEXT_CODECS.containsKey(stream.codec())) {
      return Optional.empty();
    }
    return Optional.of(converter.fromStream(video, index, progress));
  }

  private ProbeResult probe(Path video) throws IOException {
    long size = Files.size(video);
    long modified = Files.getLastModifiedTime(video).toMillis();
    Probed cached = probes.getIfPresent(video);
    if (cached != null && cached.size() == size && cached.modified() == modified) {
      return cached.result();
    }
    ProbeResult result = media.probe(video);
    probes.put(video, new Probed(size, modified, result));
    return result;
  }
}
