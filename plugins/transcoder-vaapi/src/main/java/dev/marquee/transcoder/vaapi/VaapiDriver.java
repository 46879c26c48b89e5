package dev.marquee.transcoder.vaapi;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * VA-API (Intel and AMD GPUs on Linux): decoding on a DRM render node ({@code -hwaccel vaapi
 * -hwaccel_device /dev/dri/renderD128 -hwaccel_output_format vaapi}), {@code scale_vaapi} (and
 * {@code tonemap_vaapi} for HDR when the build has it), {@code h264_vaapi} or {@code hevc_vaapi};
 * frames never leave the GPU. The probe finds the render node, checks the ffmpeg build and
 * transcodes test samples on the device.
 */
@Extension
public class VaapiDriver implements TranscoderDriver {
  /** The id, also in {@code playback.transcoders}. */
  public static final String ID = "vaapi";
  /** Setting: the render node to use; default the first {@code /dev/dri/renderD*}. */
  public static final String DEVICE = "device";
  /** H.264 on VA-API: 4096x4096 on every GPU this driver targets (its real limit needs vainfo). */
  static final int MAX_SIZE = 4096;
  private static final Path DRI = Path.of("/dev/dri");

  private final PluginContext context;
  private final Path dri;

  public VaapiDriver(PluginContext context) {
    this(context, DRI);
  }

  /** @param dri where to look for render nodes */
  VaapiDriver(PluginContext context, Path dri) {
    this.context = context;
    this.dri = dri;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<HardwareCapabilities> probe(Progress progress) throws IOException {
    try (DriverProbe probe = new DriverProbe(context.media(), progress, context.dataDir().resolve("probe"))) {
      probe.step(5, "looking for a VA-API render node");
      Optional<Path> node = probe.renderNode(context.config().get(DEVICE), dri, "VA-API", "no GPU");
      if (node.isEmpty()) {
        return Optional.empty();
      }
      Path device = node.get();
      probe.step(10, "reading what ffmpeg was built with");
      MediaToolkit.FfmpegBuild build = probe.build();
      Optional<String> missing = DriverProbe.missing(build, List.of("vaapi"), List.of("h264_vaapi"), List.of("scale_vaapi"));
      if (missing.isPresent()) {
        return probe.unavailable(missing.get());
      }
      HardwareCapabilities base = new HardwareCapabilities(ID, Optional.of(device.toString()), Set.of("h264"),
          Set.of("h264"), MAX_SIZE, MAX_SIZE, false, false);
      return probe.verify(base, this::arguments, build.encoders().contains("hevc_vaapi"),
          build.filters().contains("tonemap_vaapi"));
    }
  }

  /**
   * Everything on the GPU: {@code -hwaccel vaapi -hwaccel_device <node> -hwaccel_output_format
   * vaapi}, {@code scale_vaapi=w=1280:h=720:format=nv12} (10-bit sources become 8-bit there), or
   * for HDR {@code scale_vaapi=w=1280:h=720:format=p010,tonemap_vaapi=format=nv12:t=bt709:m=bt709:p=bt709},
   * then {@code -c:v h264_vaapi -profile:v high} (or {@code hevc_vaapi -profile:v main}) with the
   * shared rate control. Declines what the probe did not prove.
   */
  @Override
  public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
    if (!HardwareFit.decodes(request, capabilities) || !HardwareFit.outputs(request, capabilities)
        || !capabilities.encodeCodecs().contains(request.targetCodec()) || capabilities.device().isEmpty()) {
      return Optional.empty();
    }
    String size = "w=" + request.targetWidth() + ":h=" + request.targetHeight();
    String filter = request.toneMap()
        ? "scale_vaapi=" + size + ":format=p010,tonemap_vaapi=format=nv12:t=bt709:m=bt709:p=bt709"
        : "scale_vaapi=" + size + ":format=nv12";
    boolean hevc = request.targetCodec().equals("hevc");
    List<String> encode = new ArrayList<>(List.of("-c:v", hevc ? "hevc_vaapi" : "h264_vaapi", "-profile:v",
        hevc ? "main" : "high"));
    encode.addAll(SoftwareVideo.rate(request.targetBitrate()));
    return Optional.of(new FfmpegArguments(List.of("-hwaccel", "vaapi", "-hwaccel_device", capabilities.device().get(),
        "-hwaccel_output_format", "vaapi"), filter, encode));
  }
}
