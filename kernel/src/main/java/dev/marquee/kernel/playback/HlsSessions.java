package dev.marquee.kernel.playback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Principal;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.kernel.media.FfmpegRunner;
import dev.marquee.kernel.media.MediaInfo;
import dev.marquee.kernel.media.ProbedStream;
import dev.marquee.kernel.media.SegmentCommands;
import dev.marquee.kernel.transcode.TranscoderDrivers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HLS sessions of this server: opens them (variants, audio renditions, segment plan), finds,
 * lists and ends them, enforces the global and per-user limits, and every few seconds stops the
 * ffmpeg of idle sessions and deletes expired ones. Sessions live in memory: a restart ends them
 * (players ask for a new stream URL) and sweeps the transcode folder.
 */
@Singleton
final class HlsSessions {
  private static final Logger log = LoggerFactory.getLogger(HlsSessions.class);
  /** Heights of the transcoded variants, as far as the source allows, with their video bitrates. */
  private static final Map<Integer, Long> LADDER = Map.of(1080, 8_000_000L, 720, 4_000_000L, 480, 1_500_000L);
  private static final Duration KEYFRAME_SCAN_LIMIT = Duration.ofMinutes(2);
  /** Longer than any film or recording one would stream: a longer probed duration is a broken file. */
  private static final Duration MAX_DURATION = Duration.ofHours(48);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What a client asks for when it opens a session.
   *
   * @param subtitleStreamIndex a subtitle to show: a picture stream of the file is burned into the
   *     transcoded variants (no copied variant then); a text track becomes the default rendition
   */
  record Request(Long fileId, Integer audioStreamIndex, Long maxBitrate, Integer maxHeight, boolean allowCopy,
      Integer subtitleStreamIndex) {}

  private final PlaybackSettings settings;
  private final PlayableFiles files;
  private final MediaInfo media;
  private final FfmpegRunner runner;
  private final MediaTokens tokens;
  private final SubtitleTracks subtitles;
  private final TranscoderDrivers transcoders;
  private final Clock clock;
  private final Map<String, HlsSession> sessions = new ConcurrentHashMap<>();
  /** Key frame times by file, size and modification time: reading them walks the whole file once. */
  private final Cache<String, List<Double>> keyframeTimes = Caffeine.newBuilder().maximumSize(256).build();
  /** Reaps idle sessions and warms new sessions' first segments. */
  private ScheduledExecutorService background;

  @Inject
  HlsSessions(PlaybackSettings settings, PlayableFiles files, MediaInfo media, FfmpegRunner runner, MediaTokens tokens,
      SubtitleTracks subtitles, TranscoderDrivers transcoders, Clock clock) {
    this.settings = settings;
    this.files = files;
    this.media = media;
    this.runner = runner;
    this.tokens = tokens;
    this.subtitles = subtitles;
    this.transcoders = transcoders;
    this.clock = clock;
  }

  synchronized void start() throws IOException {
    deleteTree(settings.transcodeDir());
    Files.createDirectories(settings.transcodeDir());
    background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "marquee-hls-background");
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(1, Math.min(5, settings.idleTimeout().toSeconds() / 2));
    background.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.SECONDS);
  }

  synchronized void stop() {
    if (background != null) {
      background.shutdownNow();
      background = null;
    }
    List.copyOf(sessions.keySet()).forEach(this::end);
  }

  /**
   * Opens a session for {@code user} on an item.
   *
   * @throws ApiException 404 for an unknown item or file, 422 NOT_STREAMABLE for a file without
   *     video or duration, 422 VALIDATION_FAILED for a stream index the file lacks, 503
   *     TOO_MANY_SESSIONS over a limit (the caller adds Retry-After)
   */
  HlsSession open(Principal user, long itemId, Request request) {
    PlayableFiles.Playable file = request.fileId() == null ? files.primary(itemId) : files.file(itemId, request.fileId());
    MediaInfo.Source source = media.of(file.id()).orElseThrow(() -> ApiException.notFound("no file " + file.id()));
    Optional<ProbedStream> video = source.video();
    if (video.isEmpty() || source.durationMs() == null || video.get().height() == null || video.get().width() == null) {
      throw ApiException.unprocessable("NOT_STREAMABLE", "file " + file.id() + " has no video with a known size and"
          + " duration" + (source.probeError() == null ? "" : ": " + source.probeError()));
    }
    if (source.durationMs() <= 0 || source.durationMs() > MAX_DURATION.toMillis()) {
      // a stream without an end (a subtitle never closed) can make ffprobe report days
      throw ApiException.unprocessable("NOT_STREAMABLE", "file " + file.id() + " reports an implausible duration of "
          + source.durationMs() / 1000 + " s; rescan it after fixing the file");
    }
    if (request.audioStreamIndex() != null
        && source.audio().stream().noneMatch(a -> a.index() == request.audioStreamIndex())) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "audioStreamIndex " + request.audioStreamIndex()
          + " is not an audio stream of file " + file.id());
    }
    List<SubtitleTracks.Track> texts = subtitles.list(file.path()).stream().filter(t -> !t.image()).toList();
    ProbedStream burn = null;
    if (request.subtitleStreamIndex() != null) {
      int wanted = request.subtitleStreamIndex();
      Optional<ProbedStream> stream = source.subtitles().stream().filter(s -> s.index() == wanted).findFirst();
      if (stream.isPresent()) {
        burn = PlaybackDecider.IMAGE_SUBTITLES.contains(stream.get().codec()) ? stream.get() : null;
      } else if (texts.stream().noneMatch(t -> t.index() == wanted)) {
        throw ApiException.unprocessable("VALIDATION_FAILED", "subtitleStreamIndex " + wanted + " is neither a"
            + " subtitle stream of file " + file.id() + " nor one of its text subtitle tracks"
            + " (GET /api/v1/media/" + itemId + "/subtitles)");
      }
    }
    DeviceProfile profile = DeviceProfile.BROWSER;
    long maxBitrate = request.maxBitrate() == null ? profile.maxBitrate() : request.maxBitrate();
    profile = new DeviceProfile(profile.name(), profile.containers(), profile.videoCodecs(), profile.audioCodecs(),
        profile.hlsVideoCodecs(), profile.hlsAudioCodecs(), profile.videoProfiles(), profile.maxVideoLevel(),
        profile.maxBitDepth(), profile.hdr(), profile.maxWidth(),
        request.maxHeight() == null ? profile.maxHeight() : request.maxHeight(), maxBitrate, profile.maxAudioChannels());
    PlaybackDecider.Decision decision =
        PlaybackDecider.decide(source, file.path(), profile, request.audioStreamIndex(), burn);
    boolean copy = request.allowCopy() && decision.directStreamReasons().isEmpty()
        && video.get().codec().equals("h264");

    synchronized (this) {
      long mine = sessions.values().stream().filter(s -> s.userId() == user.userId()).count();
      if (mine >= settings.maxSessionsPerUser()) {
        throw new ApiException(503, "TOO_MANY_SESSIONS", "you have " + mine + " playback sessions already; end one"
            + " (DELETE /api/v1/sessions/{id}) or wait for it to expire");
      }
      if (sessions.size() >= settings.maxSessions()) {
        throw new ApiException(503, "TOO_MANY_SESSIONS", "the server plays " + sessions.size()
            + " sessions already, its limit; try again shortly");
      }
      // reserve the place while the plan is made
      String id = newId();
      sessions.put(id, placeholder(id, user, itemId, file.id()));
      try {
        HlsSession session = build(id, user, itemId, file, source, video.get(), decision, copy, maxBitrate,
            profile.maxHeight(), burn, renditions(file, texts, request.subtitleStreamIndex(), source.durationMs()));
        sessions.put(id, session);
        log.info("playback session {} for {}: item {} file {} ({}; {} variant(s))", id, user.username(), itemId,
            file.id(), session.method(), session.variants().size());
        if (background != null) {
          background.execute(session::warmFirstSegments);
        }
        return session;
      } catch (RuntimeException e) {
        sessions.remove(id);
        throw e;
      }
    }
  }

  Optional<HlsSession> find(String id) {
    HlsSession session = sessions.get(id);
    return session == null || session.variants().isEmpty() ? Optional.empty() : Optional.of(session);
  }

  List<HlsSession> list() {
    return sessions.values().stream().filter(s -> !s.variants().isEmpty())
        .sorted(Comparator.comparing(HlsSession::created)).toList();
  }

  /** Ends a session: its ffmpeg stops, its segments go. False when there was none. */
  boolean end(String id) {
    HlsSession session = sessions.remove(id);
    if (session == null) {
      return false;
    }
    session.close();
    log.info("playback session {} ended", id);
    return true;
  }

  /** Marks the sessions of a user and item as in use (a progress report). */
  void heartbeat(long userId, long itemId) {
    Instant now = clock.instant();
    sessions.values().stream().filter(s -> s.userId() == userId && s.itemId() == itemId).forEach(s -> s.touch(now));
  }

  Instant now() {
    return clock.instant();
  }

  void reap() {
    try {
      Instant now = clock.instant();
      for (HlsSession session : List.copyOf(sessions.values())) {
        Duration idle = Duration.between(session.lastSeen(), now);
        if (idle.compareTo(settings.sessionExpiry()) >= 0 || !now.isBefore(session.expires())) {
          end(session.id());
        } else if (idle.compareTo(settings.idleTimeout()) >= 0 && session.transcoding()) {
          log.info("playback session {} idle for {} s: its ffmpeg stops", session.id(), idle.toSeconds());
          session.pause();
        }
      }
    } catch (RuntimeException e) {
      log.error("reaping playback sessions failed", e);
    }
  }

  private HlsSession build(String id, Principal user, long itemId, PlayableFiles.Playable file,
      MediaInfo.Source source, ProbedStream video, PlaybackDecider.Decision decision, boolean copy, long maxBitrate,
      int maxHeight, ProbedStream burn, List<HlsSession.SubtitleRendition> subtitleRenditions) {
    double duration = source.durationMs() / 1000.0;
    int target = settings.segmentSeconds();
    SegmentPlan plan = copy ? SegmentPlan.atKeyframes(keyframes(file.path()), duration, target)
        : SegmentPlan.fixed(duration, target);
    Path dir = settings.transcodeDir().resolve(id);
    Map<String, HlsStream> streams = new LinkedHashMap<>();
    List<HlsSession.Variant> variants = new ArrayList<>();
    Path input = file.path();
    if (copy) {
      long bandwidth = source.bitrate() != null ? source.bitrate() : (long) video.width() * video.height() * 4;
      HlsSession.Variant variant = new HlsSession.Variant("source", true, video.width(), video.height(), bandwidth,
          avc(video));
      variants.add(variant);
      streams.put(variant.streamKey(), new HlsStream(variant.streamKey(), dir.resolve(variant.streamKey()), plan, runner,
          (index, runDir) -> SegmentCommands.copiedVideo(input, video.index(), plan.start(index), plan.cutsAfter(index),
              index, runDir)));
    }
    for (int height : ladder(video.height(), maxHeight)) {
      long bitrate = Math.min(LADDER.getOrDefault(height, 1_500_000L), Math.max(200_000, maxBitrate - 400_000));
      if (source.bitrate() != null) {
        bitrate = Math.min(bitrate, Math.max(200_000, source.bitrate()));
      }
      int width = even((double) video.width() * height / video.height());
      TranscodeRequest request = new TranscodeRequest(video.codec(), video.width(), video.height(), video.bitDepth(),
          video.isHdr(), "h264", width, height, bitrate, video.isHdr());
      TranscoderDrivers.Selection selection;
      try {
        selection = transcoders.select(request, burn != null);
      } catch (ApiException e) {
        if (!copy) {
          throw e;
        }
        // the copied source plays; only the smaller renditions are missing
        log.warn("playback session {}: no transcoded variants: {}", id, e.getMessage());
        break;
      }
      HlsSession.Variant variant = new HlsSession.Variant(String.valueOf(height), false, width, height,
          bitrate * 3 / 2, "avc1.640028");
      variants.add(variant);
      Integer burnIndex = burn == null ? null : burn.index();
      HlsStream.Fallback fallback = selection.fallback().map(software -> new HlsStream.Fallback(
          selection.primary().driverId(), encoded(input, video.index(), burnIndex, software, plan),
          software.driverId(), stderr -> transcoders.runFailed(selection.primary().driverId(), stderr))).orElse(null);
      streams.put(variant.streamKey(), new HlsStream(variant.streamKey(), dir.resolve(variant.streamKey()), plan, runner,
          encoded(input, video.index(), burnIndex, selection.primary(), plan), selection.primary().driverId(), fallback));
    }
    List<HlsSession.AudioRendition> audio = new ArrayList<>();
    int chosen = decision.audio() == null ? -1 : decision.audio().index();
    for (ProbedStream stream : source.audio()) {
      int channels = stream.channels() == null ? 2 : stream.channels();
      boolean copyAudio = Stream.of("aac", "mp3").anyMatch(stream.codec()::equals) && channels <= 2;
      int outChannels = copyAudio ? channels : Math.min(channels, 2);
      HlsSession.AudioRendition rendition = new HlsSession.AudioRendition(stream.index(), audioName(stream),
          stream.language(), stream.index() == chosen, outChannels, copyAudio,
          copyAudio && stream.codec().equals("mp3") ? "mp4a.40.34" : "mp4a.40.2");
      audio.add(rendition);
      streams.put(rendition.streamKey(), new HlsStream(rendition.streamKey(), dir.resolve(rendition.streamKey()), plan,
          runner, (index, runDir) -> SegmentCommands.audio(input, stream.index(), copyAudio, outChannels,
              plan.start(index), plan.cutsAfter(index), index, runDir)));
    }
    Instant now = clock.instant();
    Instant expires = now.plus(settings.tokenTtl());
    String method = copy ? "direct_stream" : "transcode";
    return new HlsSession(id, user.userId(), user.username(), itemId, file.id(), method, now, expires,
        tokens.sign(id, itemId, expires), dir, variants, audio, subtitleRenditions, streams);
  }

  /** The command of a run of a transcoded video stream from a segment index into a folder. */
  private static BiFunction<Integer, Path, List<String>> encoded(Path input, int videoIndex, Integer burnIndex,
      TranscoderDrivers.Choice choice, SegmentPlan plan) {
    return (index, runDir) -> SegmentCommands.encodedVideo(input, videoIndex, burnIndex, choice.arguments(),
        plan.start(index), plan.cutsAfter(index), index, runDir);
  }

  /** The text subtitle tracks as WebVTT renditions, with names unique in the group. */
  private List<HlsSession.SubtitleRendition> renditions(PlayableFiles.Playable file, List<SubtitleTracks.Track> texts,
      Integer wanted, long durationMs) {
    List<HlsSession.SubtitleRendition> renditions = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (SubtitleTracks.Track track : texts) {
      int seen = names.merge(track.name(), 1, Integer::sum);
      renditions.add(new HlsSession.SubtitleRendition(track.index(),
          seen == 1 ? track.name() : track.name() + " " + seen, track.language(),
          wanted != null && wanted == track.index(), track.track().forced(), durationMs / 1000.0,
          () -> subtitles.vtt(file, track)));
    }
    return renditions;
  }

  /** The transcode heights for a source: the ladder's rungs it reaches, or its own height below them all. */
  static List<Integer> ladder(int sourceHeight, int maxHeight) {
    int top = Math.min(sourceHeight, maxHeight);
    List<Integer> heights = LADDER.keySet().stream().filter(h -> h <= top).sorted(Comparator.reverseOrder()).toList();
    return heights.isEmpty() ? List.of(Math.max(2, top - top % 2)) : heights;
  }

  private List<Double> keyframes(Path file) {
    String key;
    try {
      key = file + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw ApiException.notFound("the file cannot be read");
    }
    return keyframeTimes.get(key, k -> scanKeyframes(file));
  }

  private List<Double> scanKeyframes(Path file) {
    try {
      FfmpegRunner.Result result = runner.run(FfmpegRunner.Tool.FFPROBE, SegmentCommands.packetTimes(file),
          KEYFRAME_SCAN_LIMIT, () -> false);
      List<Double> times = new ArrayList<>();
      for (String line : result.stdoutText().split("\n")) {
        int comma = line.indexOf(',');
        if (comma > 0 && line.indexOf('K', comma) > 0) {
          try {
            times.add(Double.parseDouble(line.substring(0, comma)));
          } catch (NumberFormatException e) {
            // N/A: a packet without a time
          }
        }
      }
      times.sort(Double::compare);
      return List.copyOf(times);
    } catch (IOException e) {
      throw new ApiException(500, "TRANSCODE_FAILED", "cannot read the key frames of file: " + e.getMessage());
    }
  }

  private static String audioName(ProbedStream stream) {
    if (stream.title() != null && !stream.title().isBlank()) {
      return stream.title();
    }
    if (stream.language() != null && !stream.language().equals("und")) {
      String name = new Locale(stream.language()).getDisplayLanguage(Locale.ENGLISH);
      return name.isBlank() ? stream.language() : name;
    }
    return "Audio " + stream.index();
  }

  /** avc1.PPCCLL from an H.264 stream's profile and level. */
  private static String avc(ProbedStream video) {
    String profile = video.profile() == null ? "high" : DeviceProfile.profileKey(video.profile());
    String head = switch (profile) {
      case "constrainedbaseline" -> "42E0";
      case "baseline" -> "4200";
      case "main" -> "4D40";
      default -> "6400";
    };
    int level = video.level() == null || video.level() <= 0 ? 40 : video.level();
    return "avc1." + head + String.format(Locale.ROOT, "%02X", level);
  }

  /** The nearest even number, as ffmpeg's {@code scale=-2:h} rounds a width. */
  private static int even(double value) {
    return (int) Math.round(value / 2) * 2;
  }

  private HlsSession placeholder(String id, Principal user, long itemId, long fileId) {
    Instant now = clock.instant();
    return new HlsSession(id, user.userId(), user.username(), itemId, fileId, "opening", now, now.plus(Duration.ofMinutes(5)),
        "", settings.transcodeDir().resolve(id), List.of(), List.of(), List.of(), Map.of());
  }

  private static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
