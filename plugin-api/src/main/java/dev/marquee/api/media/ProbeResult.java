package dev.marquee.api.media;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a media file holds, as ffprobe reports it. Immutable; lists are never null. Cover art
 * stored as a video stream (an attached picture) is not listed as video.
 *
 * @param container the container's format names, for example {@code matroska,webm} or {@code
 *     mov,mp4,m4a,3gp,3g2,mj2}
 * @param duration the playing time; {@link Duration#ZERO} when unknown
 * @param bitrate overall bits per second; 0 when unknown
 * @param video the video streams, in stream order
 * @param audio the audio streams, in stream order
 * @param subtitles the subtitle streams, in stream order
 * @param chapters the chapters, in time order
 */
public record ProbeResult(
    String container,
    Duration duration,
    long bitrate,
    List<VideoStream> video,
    List<AudioStream> audio,
    List<SubtitleStream> subtitles,
    List<Chapter> chapters) {

  /** @throws NullPointerException when a component is null */
  public ProbeResult {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(duration, "duration");
    video = List.copyOf(video);
    audio = List.copyOf(audio);
    subtitles = List.copyOf(subtitles);
    chapters = List.copyOf(chapters);
  }

  /** High dynamic range formats a video stream may carry. */
  public enum Hdr {
    /** Standard dynamic range, or not tagged as HDR. */
    NONE,
    /** PQ transfer (SMPTE ST 2084). */
    HDR10,
    /** Hybrid log-gamma (ARIB STD-B67). */
    HLG,
    /** A Dolby Vision configuration record is present. */
    DOLBY_VISION
  }

  /**
   * A video stream.
   *
   * @param index the stream's index in the file (as ffmpeg's {@code -map 0:<index>})
   * @param codec the codec name, for example {@code h264}, {@code hevc}
   * @param profile the codec profile, for example {@code High}, {@code Main 10}
   * @param level the codec level as ffprobe reports it (41 for H.264 level 4.1); 0 when unknown
   * @param width in pixels
   * @param height in pixels
   * @param pixelFormat for example {@code yuv420p10le}
   * @param frameRate frames per second; 0 when unknown
   * @param hdr the HDR format
   * @param language an ISO 639-2 code such as {@code eng}
   * @param defaultTrack whether the stream is flagged default
   * @param title the stream's title tag
   */
  public record VideoStream(
      int index,
      String codec,
      Optional<String> profile,
      int level,
      int width,
      int height,
      Optional<String> pixelFormat,
      double frameRate,
      Hdr hdr,
      Optional<String> language,
      boolean defaultTrack,
      Optional<String> title) {
    /** @throws NullPointerException when a component is null */
    public VideoStream {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(pixelFormat, "pixelFormat");
      Objects.requireNonNull(hdr, "hdr");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(title, "title");
    }
  }

  /**
   * An audio stream.
   *
   * @param index the stream's index in the file
   * @param codec the codec name, for example {@code aac}, {@code eac3}, {@code truehd}
   * @param profile the codec profile, for example {@code LC} or {@code DTS-HD MA}
   * @param channels the channel count; 0 when unknown
   * @param channelLayout for example {@code 5.1(side)}
   * @param language an ISO 639-2 code such as {@code fre}
   * @param defaultTrack whether the stream is flagged default
   * @param title the stream's title tag, for example {@code Commentary}
   */
  public record AudioStream(
      int index,
      String codec,
      Optional<String> profile,
      int channels,
      Optional<String> channelLayout,
      Optional<String> language,
      boolean defaultTrack,
      Optional<String> title) {
    /** @throws NullPointerException when a component is null */
    public AudioStream {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(channelLayout, "channelLayout");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(title, "title");
    }
  }

  /**
   * A subtitle stream.
   *
   * @param index the stream's index in the file
   * @param codec the codec name, for example {@code subrip}, {@code ass}, {@code hdmv_pgs_subtitle}
   * @param language an ISO 639-2 code
   * @param defaultTrack whether the stream is flagged default
   * @param forced whether the stream is flagged forced (foreign parts only)
   * @param title the stream's title tag
   */
  public record SubtitleStream(
      int index,
      String codec,
      Optional<String> language,
      boolean defaultTrack,
      boolean forced,
      Optional<String> title) {
    /** @throws NullPointerException when a component is null */
    public SubtitleStream {
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(title, "title");
    }
  }

  /**
   * A chapter.
   *
   * @param start where it starts
   * @param end where it ends
   * @param title its title tag
   */
  public record Chapter(Duration start, Duration end, Optional<String> title) {
    /** @throws NullPointerException when a component is null */
    public Chapter {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(title, "title");
    }
  }
}
