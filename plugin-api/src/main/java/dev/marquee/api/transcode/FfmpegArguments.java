package dev.marquee.api.transcode;

import java.util.List;

/**
 * A driver's part of an ffmpeg command line. The media runner builds {@code ffmpeg <global>
 * <decode> -i <input> -vf <scaleFilter> <encode> <audio and output options> <output>}; a driver
 * never names files, streams or audio. Immutable.
 *
 * @param decode options before {@code -i}: hardware device and decoder set-up, for example {@code
 *     -hwaccel vaapi -hwaccel_device /dev/dri/renderD128 -hwaccel_output_format vaapi}
 * @param scaleFilter the video filter chain that scales (and tone-maps) to the target size, for
 *     example {@code scale_vaapi=w=1280:h=720}; empty for none
 * @param encode encoder options, for example {@code -c:v h264_vaapi -b:v 4000000}
 */
public record FfmpegArguments(List<String> decode, String scaleFilter, List<String> encode) {

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException when {@code encode} is empty
   */
  public FfmpegArguments {
    decode = List.copyOf(decode);
    java.util.Objects.requireNonNull(scaleFilter, "scaleFilter");
    encode = List.copyOf(encode);
    if (encode.isEmpty()) {
      throw new IllegalArgumentException("encode arguments must name an encoder");
    }
  }
}
