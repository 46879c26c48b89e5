package dev.marquee.api.transcode;

import java.util.Objects;

/**
 * One video transcode: the source stream as ffprobe describes it and the output playback wants.
 * Codec names are ffmpeg's. Immutable.
 *
 * @param sourceCodec the source video codec
 * @param sourceWidth the source width, in pixels
 * @param sourceHeight the source height, in pixels
 * @param sourceBitDepth 8, 10 or 12
 * @param sourceHdr whether the source is HDR (PQ or HLG)
 * @param targetCodec the codec to encode to
 * @param targetWidth the output width, in pixels; at most the source width
 * @param targetHeight the output height, in pixels; at most the source height
 * @param targetBitrate the output video bitrate, in bits per second
 * @param toneMap whether to map HDR to SDR
 */
public record TranscodeRequest(String sourceCodec, int sourceWidth, int sourceHeight, int sourceBitDepth,
    boolean sourceHdr, String targetCodec, int targetWidth, int targetHeight, long targetBitrate, boolean toneMap) {

  /**
   * @throws NullPointerException when a codec is null
   * @throws IllegalArgumentException when a size or the bitrate is not positive
   */
  public TranscodeRequest {
    Objects.requireNonNull(sourceCodec, "sourceCodec");
    Objects.requireNonNull(targetCodec, "targetCodec");
    if (sourceWidth <= 0 || sourceHeight <= 0 || targetWidth <= 0 || targetHeight <= 0 || targetBitrate <= 0) {
      throw new IllegalArgumentException("sizes and bitrate must be positive");
    }
  }
}
