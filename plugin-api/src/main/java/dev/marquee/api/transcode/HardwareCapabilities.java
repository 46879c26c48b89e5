package dev.marquee.api.transcode;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one {@link TranscoderDriver} can do on this machine. Codec names are ffmpeg's ({@code h264},
 * {@code hevc}, {@code av1}, {@code vp9}). Immutable.
 *
 * @param driverId the driver that found them
 * @param device the device used, for example {@code /dev/dri/renderD128}; empty for software
 * @param decodeCodecs codecs it decodes (on the device, for a hardware driver)
 * @param encodeCodecs codecs it encodes (on the device, for a hardware driver); a hardware driver
 *     that decodes on the device but has no encoder there (an NVIDIA H100: NVDEC, no NVENC) reports
 *     none and encodes on the CPU
 * @param maxWidth the widest frame it handles, in pixels
 * @param maxHeight the tallest frame it handles, in pixels
 * @param tenBit whether it decodes 10-bit sources
 * @param toneMapping whether it maps HDR to SDR
 */
public record HardwareCapabilities(String driverId, Optional<String> device, Set<String> decodeCodecs,
    Set<String> encodeCodecs, int maxWidth, int maxHeight, boolean tenBit, boolean toneMapping) {

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException when a size is not positive
   */
  public HardwareCapabilities {
    Objects.requireNonNull(driverId, "driverId");
    Objects.requireNonNull(device, "device");
    decodeCodecs = Set.copyOf(decodeCodecs);
    encodeCodecs = Set.copyOf(encodeCodecs);
    if (maxWidth <= 0 || maxHeight <= 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
  }
}
