package dev.marquee.transcoder.support;

import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.TranscodeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The software video pipeline, in one place: scaling (and HDR tone-mapping) with ffmpeg's CPU
 * filters, encoding with libx264 (H.264 High, 8-bit 4:2:0) or libx265 (HEVC Main), at the
 * request's bitrate with a bounded buffer. Used by the software driver, by the kernel as its
 * built-in software transcoding (when no driver answers, and when a hardware run fails), and by
 * hardware drivers that hand decoded frames to the CPU encoder (an NVIDIA GPU without NVENC).
 * Pure functions of the request.
 */
public final class SoftwareVideo {
  /**
   * HDR (PQ or HLG) to SDR BT.709: linear light through zimg, the Hable curve, back to BT.709
   * limited range, ending in 8-bit 4:2:0. Needs the {@code zscale} and {@code tonemap} filters.
   */
  public static final String TONE_MAP = "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
      + "tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p";

  private SoftwareVideo() {}

  /** The CPU encoder for an ffmpeg codec name: {@code libx264} for h264, {@code libx265} for hevc. */
  public static Optional<String> encoder(String targetCodec) {
    return switch (targetCodec) {
      case "h264" -> Optional.of("libx264");
      case "hevc" -> Optional.of("libx265");
      default -> Optional.empty();
    };
  }

  /**
   * Decoding by ffmpeg's own decoders, {@link #scaleFilter} and {@link #encode}.
   *
   * @throws IllegalArgumentException when the target codec is neither h264 nor hevc
   */
  public static FfmpegArguments arguments(TranscodeRequest request) {
    return new FfmpegArguments(List.of(), scaleFilter(request), encode(request));
  }

  /**
   * Scales to the target size, then tone-maps when asked (on the smaller frame: cheaper), and
   * converts to 8-bit 4:2:0 whatever the source's depth: {@code scale=1280:720,format=yuv420p}.
   */
  public static String scaleFilter(TranscodeRequest request) {
    String scale = "scale=" + request.targetWidth() + ":" + request.targetHeight();
    return scale + "," + (request.toneMap() ? TONE_MAP : "format=yuv420p");
  }

  /**
   * The encoder options: {@code -c:v libx264 -preset veryfast -profile:v high -b:v <bitrate>
   * -maxrate <1.5 x bitrate> -bufsize <2 x bitrate>}; for hevc libx265 with profile main and its
   * log kept to errors.
   *
   * @throws IllegalArgumentException when the target codec is neither h264 nor hevc
   */
  public static List<String> encode(TranscodeRequest request) {
    String encoder = encoder(request.targetCodec()).orElseThrow(() -> new IllegalArgumentException(
        "no software encoder for " + request.targetCodec()));
    long bitrate = request.targetBitrate();
    List<String> args = new ArrayList<>(List.of("-c:v", encoder, "-preset", "veryfast", "-profile:v",
        encoder.equals("libx264") ? "high" : "main"));
    args.addAll(rate(bitrate));
    if (encoder.equals("libx265")) {
      args.addAll(List.of("-x265-params", "log-level=error"));
    }
    return List.copyOf(args);
  }

  /** {@code -b:v <bitrate> -maxrate <1.5 x> -bufsize <2 x>}: the rate control every driver uses. */
  public static List<String> rate(long bitrate) {
    return List.of("-b:v", String.valueOf(bitrate), "-maxrate", String.valueOf(bitrate * 3 / 2),
        "-bufsize", String.valueOf(bitrate * 2));
  }
}
