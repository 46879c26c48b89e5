package dev.marquee.kernel.playback;

import dev.marquee.api.Progress;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.subtitle.SubtitleSource;
import dev.marquee.api.subtitle.SubtitleTrack;
import dev.marquee.kernel.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subtitle tracks of a file, from every started {@link SubtitleSource}, each with an index that
 * stays the same while the file and the track do: an embedded stream's index in the file (the
 * number {@code subtitleStreamIndex} takes), else a number from 100000 up derived from the source
 * and its track id (a sidecar's file name), so adding or removing a sidecar renumbers nothing.
 * Converted WebVTT is kept under {@code <data dir>/cache/subtitles/<file id>/}, keyed by the
 * video's size and modification time, the track, and a sidecar's own size and modification time.
 * Thread-safe.
 */
@Singleton
final class SubtitleTracks {
  private static final Logger log = LoggerFactory.getLogger(SubtitleTracks.class);
  /** Formats that are pictures, as sources name them (and as ffmpeg names their codecs). */
  static final Set<String> IMAGE_FORMATS = Set.of("pgs", "vobsub", "dvb", "xsub", "hdmv_pgs_subtitle",
      "dvd_subtitle", "dvb_subtitle");
  static final int DERIVED_FROM = 100_000;
  private static final int DERIVED_SPAN = 900_000;
  private static final int STRIPES = 64;

  /**
   * One track of a file with the index it is served under.
   *
   * @param name what a player shows: the title, else the language's English name, with
   *     "(Forced)" or "(SDH)"
   */
  record Track(int index, SubtitleSource source, SubtitleTrack track, String name) {
    boolean image() {
      return IMAGE_FORMATS.contains(track.format().toLowerCase(Locale.ROOT));
    }

    String language() {
      return track.language().orElse(null);
    }
  }

  private final SubtitlePlugins plugins;
  private final Path cacheDir;
  private final Object[] locks = new Object[STRIPES];

  @Inject
  SubtitleTracks(SubtitlePlugins plugins, Config config) {
    this.plugins = plugins;
    this.cacheDir = config.dataDir().resolve("cache").resolve("subtitles");
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Every track of {@code video}, source by source in the sources' order. A source that fails is
   * logged and left out.
   */
  List<Track> list(Path video) {
    List<Track> tracks = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    for (SubtitleSource source : plugins.sources()) {
      List<SubtitleTrack> found;
      try {
        found = source.tracks(video, Progress.none());
      } catch (IOException | RuntimeException e) {
        log.warn("subtitle source {} failed listing {}: {}", source.id(), video, e.toString());
        continue;
      }
      for (SubtitleTrack track : found) {
        int index = preferredIndex(track);
        while (!used.add(index)) {
          index = DERIVED_FROM + (index - DERIVED_FROM + 1 + DERIVED_SPAN) % DERIVED_SPAN;
        }
        tracks.add(new Track(index, source, track, name(track)));
      }
    }
    return tracks;
  }

  /** The track served under {@code index}; 404 when there is none. */
  Track find(Path video, long itemId, int index) {
    return list(video).stream().filter(t -> t.index() == index).findFirst()
        .orElseThrow(() -> ApiException.notFound("item " + itemId + " has no subtitle track " + index));
  }

  /**
   * A track as WebVTT, converted by its source on first use and then read from the cache.
   *
   * @throws ApiException 422 SUBTITLE_NOT_TEXT for a picture format, 500
   *     SUBTITLE_CONVERSION_FAILED when the source cannot convert it
   */
  String vtt(PlayableFiles.Playable file, Track track) {
    if (track.image()) {
      throw notText(track);
    }
    Path video = file.path();
    try {
      Path dir = cacheDir.resolve(String.valueOf(file.id()));
      Path cached = dir.resolve(track.index() + "-" + cacheKey(video, track) + ".vtt");
      synchronized (locks[Math.floorMod(cached.hashCode(), STRIPES)]) {
        if (Files.isRegularFile(cached)) {
          return Files.readString(cached, StandardCharsets.UTF_8);
        }
        Optional<String> converted = track.source().toWebVtt(video, track.track(), Progress.none());
        if (converted.isEmpty()) {
          throw notText(track);
        }
        Files.createDirectories(dir);
        dropOlder(dir, track.index());
        Path temp = Files.createTempFile(dir, "vtt-", ".tmp");
        Files.writeString(temp, converted.get(), StandardCharsets.UTF_8);
        Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return converted.get();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      log.warn("subtitle track {} of file {} ({} {}) cannot become WebVTT: {}", track.index(), file.id(),
          track.source().id(), track.track().trackId(), e.toString());
      throw new ApiException(500, "SUBTITLE_CONVERSION_FAILED", "subtitle track " + track.index()
          + " cannot be converted to WebVTT: " + e.getMessage());
    }
  }

  private static ApiException notText(Track track) {
    return ApiException.unprocessable("SUBTITLE_NOT_TEXT", "subtitle track " + track.index() + " is a picture format ("
        + track.track().format() + ") that cannot become WebVTT; ask for it burned in instead"
        + (track.track().origin() == SubtitleTrack.Origin.EMBEDDED
            ? " (GET /api/v1/playback/{id}/stream?subtitleStreamIndex=" + track.index() + ")" : ""));
  }

  private static int preferredIndex(SubtitleTrack track) {
    if (track.origin() == SubtitleTrack.Origin.EMBEDDED && track.trackId().matches("\\d{1,5}")) {
      return Integer.parseInt(track.trackId());
    }
    CRC32 crc = new CRC32();
    crc.update((track.sourceId() + "\u0000" + track.trackId()).getBytes(StandardCharsets.UTF_8));
    return DERIVED_FROM + (int) (crc.getValue() % DERIVED_SPAN);
  }

  private static String name(SubtitleTrack track) {
    String language = track.language().map(tag -> Locale.forLanguageTag(tag).getDisplayName(Locale.ENGLISH))
        .filter(n -> !n.isBlank()).orElse(null);
    String title = track.title().filter(t -> !t.isBlank()).orElse(null);
    String name;
    if (title == null) {
      name = language == null ? "Unknown" : language;
    } else if (language == null || title.toLowerCase(Locale.ROOT).contains(language.toLowerCase(Locale.ROOT))) {
      name = title;
    } else {
      name = title + " (" + language + ")";
    }
    if (track.forced() && !name.toLowerCase(Locale.ROOT).contains("forced")) {
      name += " (Forced)";
    }
    if (track.hearingImpaired() && !name.toLowerCase(Locale.ROOT).matches(".*\\b(sdh|cc)\\b.*")) {
      name += " (SDH)";
    }
    return name;
  }

  private static String cacheKey(Path video, Track track) throws IOException {
    StringBuilder key = new StringBuilder().append(Files.size(video)).append('|')
        .append(Files.getLastModifiedTime(video).toMillis()).append('|').append(track.source().id()).append('|')
        .append(track.track().trackId());
    if (track.track().origin() == SubtitleTrack.Origin.SIDECAR) {
      Path folder = video.toAbsolutePath().getParent();
      Path sidecar = folder.resolve(track.track().trackId()).normalize();
      if (sidecar.startsWith(folder) && Files.isRegularFile(sidecar)) {
        key.append('|').append(Files.size(sidecar)).append('|').append(Files.getLastModifiedTime(sidecar).toMillis());
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void dropOlder(Path dir, int index) throws IOException {
    try (DirectoryStream<Path> older = Files.newDirectoryStream(dir, index + "-*.vtt")) {
      for (Path file : older) {
        Files.deleteIfExists(file);
      }
    }
  }
}
