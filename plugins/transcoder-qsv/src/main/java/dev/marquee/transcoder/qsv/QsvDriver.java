package dev.marquee.transcoder.qsv;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Intel Quick Sync Video: decoding with {@code -hwaccel qsv} and the codec's qsv decoder on a DRM
 * render node ({@code -qsv_device}), {@code scale_qsv}, {@code h264_qsv} or {@code hevc_qsv}.
 * ffmpeg 5's {@code vpp_qsv} cannot tone-map, so HDR sources are scaled on the GPU, downloaded,
 * tone-mapped by zimg on the CPU and encoded by the GPU again. The probe finds the render node,
 * checks the ffmpeg build and transcodes test samples on the device.
 */
@Extension
public class QsvDriver implements TranscoderDriver {
  /** The id, also in {@code playback.transcoders}. */
  public static final String ID = "qsv";
  /** Setting: the render node to use; default the first {@code /dev/dri/renderD*}. */
  public static final String DEVICE = "device";
  /** H.264 on Quick Sync: 4096x4096. */
  static final int MAX_SIZE = 4096;
  private static final Path DRI = Path.of("/dev/dri");
  /** The qsv decoder of each codec, by ffmpeg's codec name. */
  private static final Map<String, String> DECODERS = Map.of("h264", "h264_qsv", "hevc", "hevc_qsv", "vp9", "vp9_qsv",
      "av1", "av1_qsv", "mpeg2video", "mpeg2_qsv", "vc1", "vc1_qsv");

  private final PluginContext context;
  private final Path dri;

  public QsvDriver(PluginContext context) {
    this(context, DRI);
  }

  /** @param dri where to look for render nodes */
  QsvDriver(PluginContext context, Path dri) {
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
      probe.step(5, "looking for a Quick Sync render node");
      Optional<Path> node = probe.renderNode(context.config().get(DEVICE), dri, "Quick Sync", "no Intel GPU");
      if (node.isEmpty()) {
        return Optional.empty();
      }
      Path device = node.get();
      probe.step(10, "reading what ffmpeg was built with");
      MediaToolkit.FfmpegBuild build = probe.build();
      Optional<String> missing = DriverProbe.missing(build, List.of("qsv"), List.of("h264_qsv"), List.of("scale_qsv"))
          .or(() -> build.decoders().contains("h264_qsv") ? Optional.empty()
              : Optional.of("ffmpeg lacks decoder h264_qsv"));
      if (missing.isPresent()) {
        return probe.unavailable(missing.get());
      }
      HardwareCapabilities base = new HardwareCapabilities(ID, Optional.of(device.toString()), Set.of("h264"),
          Set.of("h264"), MAX_SIZE, MAX_SIZE, false, false);
      return probe.verify(base, this::arguments, build.encoders().contains("hevc_qsv") && build.decoders().contains("hevc_qsv"),
          build.filters().containsAll(List.of("hwdownload", "zscale", "tonemap")));
    }
  }

  /**
   * On the GPU: {@code -hwaccel qsv -qsv_device <node> -hwaccel_output_format qsv -c:v h264_qsv}
   * (the source codec's qsv decoder), {@code scale_qsv=w=1280:h=720:format=nv12}, {@code -c:v
   * h264_qsv -preset veryfast -profile:v high} (or {@code hevc_qsv -profile:v main}) with the shared
   * rate control. HDR: {@code scale_qsv=w=1920:h=1080:format=p010,hwdownload,format=p010le,}
   * the software tone map{@code ,format=nv12}, encoded by the GPU from memory. Declines what the
   * probe did not prove.
   */
  @Override
  public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
    String decoder = DECODERS.get(request.sourceCodec());
    if (decoder == null || !HardwareFit.decodes(request, capabilities) || !HardwareFit.outputs(request, capabilities)
        || !capabilities.encodeCodecs().contains(request.targetCodec()) || capabilities.device().isEmpty()) {
      return Optional.empty();
    }
    String size = "w=" + request.targetWidth() + ":h=" + request.targetHeight();
    String filter = request.toneMap()
        ? "scale_qsv=" + size + ":format=p010,hwdownload,format=p010le," + SoftwareVideo.TONE_MAP + ",format=nv12"
        : "scale_qsv=" + size + ":format=nv12";
    boolean hevc = request.targetCodec().equals("hevc");
    List<String> encode = new ArrayList<>(List.of("-c:v", hevc ? "hevc_qsv" : "h264_qsv", "-preset", "veryfast",
        "-profile:v", hevc ? "main" : "high"));
    encode.addAll(SoftwareVideo.rate(request.targetBitrate()));
    return Optional.of(new FfmpegArguments(List.of("-hwaccel", "qsv", "-qsv_device", capabilities.device().get(),
        "-hwaccel_output_format", "qsv", "-c:v", decoder), filter, encode));
  }
}
