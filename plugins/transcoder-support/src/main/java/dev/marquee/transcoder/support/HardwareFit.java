package dev.marquee.transcoder.support;

import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;

/** What a driver checks before it answers a request: the rules its probe's capabilities set. */
public final class HardwareFit {
  private HardwareFit() {}

  /**
   * Whether the device decodes the request's source: a codec it decoded in the probe, 8-bit or (when
   * it decoded 10-bit) 10-bit — never 10-bit H.264, which no GPU decoder does (High 10) — and a
   * frame no larger than its maximum.
   */
  public static boolean decodes(TranscodeRequest request, HardwareCapabilities capabilities) {
    boolean depth = request.sourceBitDepth() <= 8
        || (request.sourceBitDepth() == 10 && capabilities.tenBit() && !request.sourceCodec().equals("h264"));
    return capabilities.decodeCodecs().contains(request.sourceCodec()) && depth
        && request.sourceWidth() <= capabilities.maxWidth() && request.sourceHeight() <= capabilities.maxHeight();
  }

  /** Whether the output is no larger than the device's maximum, and tone-mapped only when it can. */
  public static boolean outputs(TranscodeRequest request, HardwareCapabilities capabilities) {
    return request.targetWidth() <= capabilities.maxWidth() && request.targetHeight() <= capabilities.maxHeight()
        && (!request.toneMap() || capabilities.toneMapping());
  }

  /** The same request with another source or target codec, bit depth, HDR and tone mapping: for probe runs. */
  public static TranscodeRequest variant(TranscodeRequest request, String targetCodec, boolean toneMap) {
    return new TranscodeRequest(request.sourceCodec(), request.sourceWidth(), request.sourceHeight(),
        request.sourceBitDepth(), request.sourceHdr(), targetCodec, request.targetWidth(), request.targetHeight(),
        request.targetBitrate(), toneMap);
  }
}
