package dev.marquee.kernel.playback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One client playing one file over HLS: the variants, audio and subtitle renditions it was offered,
 * the segment plan they share, and their streams. Lives until it is deleted, or until it has been idle
 * past {@code playback.session-expiry}; its ffmpeg runs stop after {@code playback.idle-timeout}
 * without a request. Thread-safe.
 */
final class HlsSession {

  /**
   * A video variant.
   *
   * @param name {@code source} (copied) or the height of a transcode ({@code 720})
   * @param codecs the RFC 6381 codecs of its video, null when unknown
   */
  record Variant(String name, boolean copy, int width, int height, long bandwidth, String codecs) {
    String streamKey() {
      return "v-" + name;
    }
  }

  /** An audio rendition: one audio stream of the file, copied or as AAC. */
  record AudioRendition(int streamIndex, String name, String language, boolean isDefault, int channels, boolean copy,
      String codecs) {
    String streamKey() {
      return "a-" + streamIndex;
    }
  }

  /**
   * A WebVTT rendition: one text subtitle track of the file, served as a single segment spanning
   * the whole duration.
   *
   * @param index the track's index ({@link SubtitleTracks})
   * @param duration seconds
   * @param vtt makes the track's WebVTT (converted once, then cached)
   */
  record SubtitleRendition(int index, String name, String language, boolean isDefault, boolean forced,
      double duration, Supplier<String> vtt) {
    String streamKey() {
      return "s-" + index;
    }
  }

  /**
   * Where WebVTT cue time 0 lies on the segments' MPEG-TS clock: ffmpeg's MPEG-TS muxer starts the
   * source's time 0 at 1.4 s (its default mux delay), 126000 ticks of 90 kHz.
   */
  static final String TIMESTAMP_MAP = "X-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000";

  private final String id;
  private final long userId;
  private final String username;
  private final long itemId;
  private final long fileId;
  private final String method;
  private final Instant created;
  private final Instant expires;
  private final String token;
  private final Path dir;
  private final List<Variant> variants;
  private final List<AudioRendition> audio;
  private final List<SubtitleRendition> subtitles;
  private final Map<String, HlsStream> streams;
  private volatile long lastSeen;

  HlsSession(String id, long userId, String username, long itemId, long fileId, String method, Instant created,
      Instant expires, String token, Path dir, List<Variant> variants, List<AudioRendition> audio,
      List<SubtitleRendition> subtitles, Map<String, HlsStream> streams) {
    this.id = id;
    this.userId = userId;
    this.username = username;
    this.itemId = itemId;
    this.fileId = fileId;
    this.method = method;
    this.created = created;
    this.expires = expires;
    this.token = token;
    this.dir = dir;
    this.variants = List.copyOf(variants);
    this.audio = List.copyOf(audio);
    this.subtitles = List.copyOf(subtitles);
    this.streams = Map.copyOf(streams);
    this.lastSeen = created.toEpochMilli();
  }

  String id() {
    return id;
  }

  long userId() {
    return userId;
  }

  String username() {
    return username;
  }

  long itemId() {
    return itemId;
  }

  long fileId() {
    return fileId;
  }

  String method() {
    return method;
  }

  Instant created() {
    return created;
  }

  Instant expires() {
    return expires;
  }

  String token() {
    return token;
  }

  List<Variant> variants() {
    return variants;
  }

  List<AudioRendition> audio() {
    return audio;
  }

  /**
   * When the first variant (the one the master lists first, where players start) is copied, starts
   * its first segment and the default audio rendition's. A transcoded variant waits to be asked
   * for: a player that picks another one would leave a whole encode running for nothing, and beside
   * an encode the head start is small.
   */
  void warmFirstSegments() {
    if (variants.isEmpty() || !variants.get(0).copy()) {
      return;
    }
    Stream.concat(Stream.of(variants.get(0).streamKey()),
            audio.stream().filter(AudioRendition::isDefault).limit(1).map(AudioRendition::streamKey))
        .map(streams::get).filter(Objects::nonNull).forEach(HlsStream::warm);
  }

  HlsStream stream(String key) {
    return streams.get(key);
  }

  List<SubtitleRendition> subtitles() {
    return subtitles;
  }

  /** The subtitle rendition of a stream key ({@code s-<index>}), or null. */
  SubtitleRendition subtitle(String key) {
    return subtitles.stream().filter(s -> s.streamKey().equals(key)).findFirst().orElse(null);
  }

  Instant lastSeen() {
    return Instant.ofEpochMilli(lastSeen);
  }

  void touch(Instant now) {
    lastSeen = now.toEpochMilli();
  }

  /**
   * Whose arguments each transcoded variant runs with now, by variant name: a driver id, or
   * {@code built-in-software}; a variant that fell back from hardware shows its software one.
   */
  Map<String, String> transcoders() {
    Map<String, String> transcoders = new LinkedHashMap<>();
    for (Variant variant : variants) {
      HlsStream stream = streams.get(variant.streamKey());
      String transcoder = stream == null ? null : stream.transcoder();
      if (transcoder != null) {
        transcoders.put(variant.name(), transcoder);
      }
    }
    return transcoders;
  }

  /** Whether an ffmpeg of this session runs. */
  boolean transcoding() {
    return streams.values().stream().anyMatch(HlsStream::running);
  }

  /** Stops its ffmpeg runs; a later segment request starts them again. */
  void pause() {
    streams.values().forEach(HlsStream::stop);
  }

  /** Stops its ffmpeg runs for good and deletes its segments. */
  void close() {
    streams.values().forEach(HlsStream::close);
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // left for the next start's sweep of the transcode folder
      }
    }
  }

  /** The master playlist: variants in descending quality, each with the audio group. */
  String masterPlaylist() {
    StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-INDEPENDENT-SEGMENTS\n");
    String query = "?token=" + token;
    for (AudioRendition rendition : audio) {
      m3u8.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"").append(quoted(rendition.name())).append('"');
      if (rendition.language() != null) {
        m3u8.append(",LANGUAGE=\"").append(quoted(rendition.language())).append('"');
      }
      m3u8.append(",DEFAULT=").append(rendition.isDefault() ? "YES" : "NO").append(",AUTOSELECT=YES")
          .append(",CHANNELS=\"").append(rendition.channels()).append('"')
          .append(",URI=\"").append(rendition.streamKey()).append("/index.m3u8").append(query).append("\"\n");
    }
    for (SubtitleRendition subtitle : subtitles) {
      m3u8.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"").append(quoted(subtitle.name())).append('"');
      if (subtitle.language() != null) {
        m3u8.append(",LANGUAGE=\"").append(quoted(subtitle.language())).append('"');
      }
      m3u8.append(",DEFAULT=").append(subtitle.isDefault() ? "YES" : "NO").append(",AUTOSELECT=YES")
          .append(",FORCED=").append(subtitle.forced() ? "YES" : "NO")
          .append(",URI=\"").append(subtitle.streamKey()).append("/index.m3u8").append(query).append("\"\n");
    }
    long audioBandwidth = audio.isEmpty() ? 0 : 384_000;
    String audioCodecs = audio.stream().filter(AudioRendition::isDefault).findFirst().map(AudioRendition::codecs)
        .orElse(null);
    for (Variant variant : variants) {
      m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(variant.bandwidth() + audioBandwidth)
          .append(",RESOLUTION=").append(variant.width()).append('x').append(variant.height());
      String codecs = variant.codecs() == null ? null
          : audioCodecs == null ? variant.codecs() : variant.codecs() + "," + audioCodecs;
      if (codecs != null) {
        m3u8.append(",CODECS=\"").append(codecs).append('"');
      }
      if (!audio.isEmpty()) {
        m3u8.append(",AUDIO=\"audio\"");
      }
      if (!subtitles.isEmpty()) {
        m3u8.append(",SUBTITLES=\"subs\"");
      }
      m3u8.append('\n').append(variant.streamKey()).append("/index.m3u8").append(query).append('\n');
    }
    return m3u8.toString();
  }

  /** A stream's VOD playlist: every segment of the whole duration, listed up front. */
  static String mediaPlaylist(SegmentPlan plan, String token) {
    StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n")
        .append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(plan.longest())).append('\n')
        .append("#EXT-X-MEDIA-SEQUENCE:0\n");
    for (int i = 0; i < plan.count(); i++) {
      m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.6f,", plan.length(i))).append('\n')
          .append(i).append(".ts?token=").append(token).append('\n');
    }
    return m3u8.append("#EXT-X-ENDLIST\n").toString();
  }

  /** A subtitle rendition's VOD playlist: one WebVTT segment spanning the whole duration. */
  static String subtitlePlaylist(SubtitleRendition subtitle, String token) {
    return "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-PLAYLIST-TYPE:VOD\n"
        + "#EXT-X-TARGETDURATION:" + (long) Math.ceil(subtitle.duration()) + "\n#EXT-X-MEDIA-SEQUENCE:0\n"
        + String.format(Locale.ROOT, "#EXTINF:%.6f,", subtitle.duration()) + "\n0.vtt?token=" + token + "\n"
        + "#EXT-X-ENDLIST\n";
  }

  /** WebVTT with the {@value #TIMESTAMP_MAP} header, which ties its cues to the segments' clock. */
  static String withTimestampMap(String vtt) {
    int end = vtt.indexOf('\n');
    String first = end < 0 ? vtt : vtt.substring(0, end);
    String rest = end < 0 ? "\n" : vtt.substring(end);
    return first.stripTrailing() + "\n" + TIMESTAMP_MAP + rest;
  }

  private static String quoted(String text) {
    return text.replace("\"", "'").replace("\n", " ");
  }
}
