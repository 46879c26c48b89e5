package dev.marquee.kernel.media;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stream of a media file as probing stored it (and as the media detail answer shows it);
 * fields that do not apply to its type are null.
 *
 * @param index the stream's index in the file, as in ffmpeg's {@code -map 0:<index>}
 * @param type video, audio or subtitle
 * @param hdr video only: none, hdr10, hlg or dolby_vision
 * @param language ISO 639-2 as tagged in the file
 */
public record ProbedStream(int index, String type, String codec, String profile, Integer level, Integer width,
    Integer height, String pixelFormat, Double frameRate, String hdr, Integer channels, String channelLayout,
    String language, String title, boolean isDefault, boolean isForced) {
  private static final Pattern DEPTH = Pattern.compile("p(9|10|12|14|16)(le|be)?$");

  /** The bits per sample of a video stream from its pixel format ({@code yuv420p10le}: 10); 8 otherwise. */
  public int bitDepth() {
    if (pixelFormat == null) {
      return 8;
    }
    Matcher matcher = DEPTH.matcher(pixelFormat);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 8;
  }

  /** Whether the video is HDR (PQ, HLG or Dolby Vision); not a JSON field, which {@code hdr} is. */
  @JsonIgnore
  public boolean isHdr() {
    return hdr != null && !hdr.equals("none");
  }
}
