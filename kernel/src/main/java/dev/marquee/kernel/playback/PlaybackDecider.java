package dev.marquee.kernel.playback;

import dev.marquee.kernel.media.MediaInfo;
import dev.marquee.kernel.media.ProbedStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides how one source reaches one client: played as the file it is (direct play), its video
 * copied into HLS with the audio converted when needed (direct stream), or transcoded; with the
 * reasons that ruled out the better ways. Pure: no I/O.
 */
final class PlaybackDecider {
  /** Subtitle codecs that are pictures: shown only by burning them into a transcode. */
  static final Set<String> IMAGE_SUBTITLES = Set.of("hdmv_pgs_subtitle", "dvd_subtitle", "dvb_subtitle", "xsub");

  /** How a source is played. */
  enum Method {
    DIRECT_PLAY,
    DIRECT_STREAM,
    TRANSCODE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The outcome for one source.
   *
   * @param directPlayReasons why it cannot be played as the file it is; empty when it can
   * @param directStreamReasons why its video cannot be copied into HLS; empty when it can
   * @param audio the audio stream chosen, null when the source has none
   * @param audioNeedsTranscode whether that audio must be converted for HLS
   */
  record Decision(Method method, List<String> directPlayReasons, List<String> directStreamReasons,
      ProbedStream audio, boolean audioNeedsTranscode) {}

  private PlaybackDecider() {}

  /**
   * @param audioIndex the audio stream asked for (its index in the file), or null for the default
   * @param burnSubtitle a subtitle stream to burn into the picture, or null
   */
  static Decision decide(MediaInfo.Source source, Path file, DeviceProfile profile, Integer audioIndex,
      ProbedStream burnSubtitle) {
    List<String> play = new ArrayList<>();
    List<String> stream = new ArrayList<>();
    if (source.probeError() != null || source.streams().isEmpty()) {
      play.add("MEDIA_INFO_UNKNOWN");
      stream.add("MEDIA_INFO_UNKNOWN");
      return new Decision(Method.TRANSCODE, play, stream, null, true);
    }
    if (!profile.containers().contains(container(source.container(), file))) {
      play.add("CONTAINER_NOT_SUPPORTED");
    }
    Optional<ProbedStream> video = source.video();
    if (video.isPresent()) {
      List<String> videoProblems = videoProblems(video.get(), profile);
      if (!profile.videoCodecs().contains(video.get().codec())) {
        play.add("VIDEO_CODEC_NOT_SUPPORTED");
      }
      play.addAll(videoProblems);
      if (!profile.hlsVideoCodecs().contains(video.get().codec())) {
        stream.add("VIDEO_CODEC_NOT_SUPPORTED");
      }
      stream.addAll(videoProblems);
    }
    if (source.bitrate() != null && source.bitrate() > profile.maxBitrate()) {
      play.add("BITRATE_TOO_HIGH");
      stream.add("BITRATE_TOO_HIGH");
    }
    ProbedStream audio = chosenAudio(source, audioIndex);
    boolean audioNeedsTranscode = false;
    if (audio != null) {
      if (!profile.audioCodecs().contains(audio.codec())) {
        play.add("AUDIO_CODEC_NOT_SUPPORTED");
      }
      boolean tooManyChannels = audio.channels() != null && audio.channels() > profile.maxAudioChannels();
      if (tooManyChannels) {
        play.add("AUDIO_CHANNELS_NOT_SUPPORTED");
      }
      // a file plays its default audio: another track needs the stream to pick it
      if (!audio.isDefault() && source.audio().size() > 1) {
        play.add("AUDIO_TRACK_NOT_DEFAULT");
      }
      audioNeedsTranscode = !profile.hlsAudioCodecs().contains(audio.codec()) || tooManyChannels;
    }
    if (burnSubtitle != null) {
      play.add("SUBTITLE_BURN_IN");
      stream.add("SUBTITLE_BURN_IN");
    }
    Method method = play.isEmpty() ? Method.DIRECT_PLAY : stream.isEmpty() ? Method.DIRECT_STREAM : Method.TRANSCODE;
    return new Decision(method, List.copyOf(play), List.copyOf(stream), audio, audioNeedsTranscode);
  }

  /** What rules the video out whatever the container: profile, level, depth, HDR, size. */
  private static List<String> videoProblems(ProbedStream video, DeviceProfile profile) {
    List<String> problems = new ArrayList<>();
    Set<String> profiles = profile.profilesOf(video.codec());
    if (profiles != null && video.profile() != null && !profiles.contains(DeviceProfile.profileKey(video.profile()))) {
      problems.add("VIDEO_PROFILE_NOT_SUPPORTED");
    }
    Integer maxLevel = profile.maxVideoLevel().get(video.codec());
    if (maxLevel != null && video.level() != null && video.level() > maxLevel) {
      problems.add("VIDEO_LEVEL_NOT_SUPPORTED");
    }
    if (video.bitDepth() > profile.maxBitDepth().getOrDefault(video.codec(), 8)) {
      problems.add("VIDEO_BIT_DEPTH_NOT_SUPPORTED");
    }
    if (video.isHdr() && !profile.hdr()) {
      problems.add("HDR_NOT_SUPPORTED");
    }
    if ((video.width() != null && video.width() > profile.maxWidth())
        || (video.height() != null && video.height() > profile.maxHeight())) {
      problems.add("VIDEO_RESOLUTION_NOT_SUPPORTED");
    }
    return problems;
  }

  /** The asked-for audio stream, else the default one, else the first; null without audio. */
  static ProbedStream chosenAudio(MediaInfo.Source source, Integer audioIndex) {
    List<ProbedStream> audio = source.audio();
    if (audioIndex != null) {
      return audio.stream().filter(s -> s.index() == audioIndex).findFirst().orElse(null);
    }
    return audio.stream().filter(ProbedStream::isDefault).findFirst().orElse(audio.isEmpty() ? null : audio.get(0));
  }

  /**
   * The client-facing container name of a file: ffprobe's format name narrowed by the file's
   * extension ({@code matroska,webm} is {@code webm} for a .webm file, else {@code mkv}).
   */
  static String container(String formatName, Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    String format = formatName == null ? "" : formatName.toLowerCase(Locale.ROOT);
    if (format.startsWith("matroska")) {
      return extension.equals("webm") ? "webm" : "mkv";
    }
    if (format.startsWith("mov,mp4")) {
      return Set.of("mp4", "m4v", "mov").contains(extension) ? extension : "mp4";
    }
    if (format.equals("mpegts")) {
      return "ts";
    }
    return format.isEmpty() ? extension : format.split(",")[0];
  }
}
