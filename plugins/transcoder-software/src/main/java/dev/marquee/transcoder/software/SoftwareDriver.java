package dev.marquee.transcoder.software;

import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.api.transcode.TranscoderDriver;
import dev.marquee.transcoder.support.DriverProbe;
import dev.marquee.transcoder.support.HardwareFit;
import dev.marquee.transcoder.support.SoftwareVideo;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Transcoding on the CPU: ffmpeg's decoders, {@code scale} (and zimg tone-mapping), libx264 for
 * H.264 and libx265 for HEVC ({@link SoftwareVideo}). The probe tries a one-second test encode with
 * each encoder and tone-maps an HDR10 sample, so a build without libx264 (or zscale) says so.
 */
@Extension
public class SoftwareDriver implements TranscoderDriver {
  /** The id, also in {@code playback.transcoders}. */
  public static final String ID = "software";
  /** 8K UHD: what the server offers to transcode on the CPU at all. */
  static final int MAX_WIDTH = 7680;
  static final int MAX_HEIGHT = 4320;
  /** Video codecs by ffmpeg's codec name, with the decoders that read them. */
  private static final Map<String, List<String>> DECODERS = Map.of(
      "h264", List.of("h264"), "hevc", List.of("hevc"), "av1", List.of("libdav1d", "av1", "libaom-av1"),
      "vp8", List.of("vp8"), "vp9", List.of("vp9"), "mpeg2video", List.of("mpeg2video"), "mpeg4", List.of("mpeg4"),
      "vc1", List.of("vc1"));
  /** The test transcode: the 1280x720 test source to 640x360 at 1 Mb/s. */
  private static final TranscodeRequest TEST = new TranscodeRequest("rawvideo", 1280, 720, 8, false, "h264", 640, 360,
      1_000_000, false);

  private final PluginContext context;

  public SoftwareDriver(PluginContext context) {
    this.context = context;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<HardwareCapabilities> probe(Progress progress) throws IOException {
    try (DriverProbe probe = new DriverProbe(context.media(), progress, context.dataDir().resolve("probe"))) {
      probe.step(5, "reading what ffmpeg was built with");
      MediaToolkit.FfmpegBuild build = probe.build();
      Optional<String> missing = DriverProbe.missing(build, List.of(), List.of("libx264"), List.of("scale", "format"));
      if (missing.isPresent()) {
        return probe.unavailable(missing.get());
      }
      probe.step(15, "one-second test encode with libx264");
      Optional<String> failed = probe.runTestSource(SoftwareVideo.arguments(TEST));
      if (failed.isPresent()) {
        return probe.unavailable("libx264 test encode failed: " + failed.get());
      }
      Set<String> encode = new LinkedHashSet<>(List.of("h264"));
      boolean toneMapping = false;
      if (build.encoders().contains("libx265")) {
        probe.step(40, "one-second test encode with libx265");
        failed = probe.runTestSource(SoftwareVideo.arguments(HardwareFit.variant(TEST, "hevc", false)));
        if (failed.isEmpty()) {
          encode.add("hevc");
        } else {
          context.logger().warn("software transcoder: libx265 is there but its test encode failed, HEVC output is off: {}",
              failed.get());
        }
      }
      if (build.filters().containsAll(List.of("zscale", "tonemap")) && probe.canMake(DriverProbe.Sample.HEVC_10BIT_HDR)) {
        probe.step(65, "tone-mapping an HDR10 sample to SDR");
        DriverProbe.Sample hdr = DriverProbe.Sample.HEVC_10BIT_HDR;
        failed = probe.run(SoftwareVideo.arguments(hdr.request("h264")), probe.sample(hdr));
        toneMapping = failed.isEmpty();
        failed.ifPresent(reason -> context.logger().warn("software transcoder: tone-mapping test failed, HDR sources"
            + " will not be transcoded in software: {}", reason));
      }
      Set<String> decode = new LinkedHashSet<>();
      DECODERS.forEach((codec, decoders) -> {
        if (decoders.stream().anyMatch(build.decoders()::contains)) {
          decode.add(codec);
        }
      });
      probe.step(100, "encodes " + encode + (toneMapping ? ", tone-maps HDR" : ", no HDR tone-mapping"));
      return Optional.of(new HardwareCapabilities(ID, Optional.empty(), decode, encode, MAX_WIDTH, MAX_HEIGHT, true,
          toneMapping));
    }
  }

  /**
   * The shared software pipeline, when the probe found the target's encoder (and tone-mapping
   * when asked) and the output fits 8K. The source's codec is not checked: ffmpeg decodes far more
   * than the capabilities list.
   */
  @Override
  public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
    if (!capabilities.encodeCodecs().contains(request.targetCodec())
        || SoftwareVideo.encoder(request.targetCodec()).isEmpty()
        || !HardwareFit.outputs(request, capabilities)) {
      return Optional.empty();
    }
    return Optional.of(SoftwareVideo.arguments(request));
  }
}
