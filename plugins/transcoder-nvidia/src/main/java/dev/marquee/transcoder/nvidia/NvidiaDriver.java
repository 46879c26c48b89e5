package dev.marquee.transcoder.nvidia;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * NVIDIA GPUs: NVDEC decoding ({@code -hwaccel cuda -hwaccel_output_format cuda}), {@code
 * scale_cuda}, NVENC encoding ({@code h264_nvenc}, {@code hevc_nvenc}). A GPU with NVDEC but no
 * NVENC (data-centre GPUs such as the H100) decodes and scales on the GPU, then {@code
 * hwdownload,format=nv12} hands the frames to libx264: the probe reports that as decode codecs
 * without encode codecs, and {@link #arguments} builds it. HDR sources are scaled on the GPU,
 * downloaded and tone-mapped by zimg on the CPU (stock ffmpeg has no CUDA tone mapping).
 *
 * <p>The probe checks the device nodes and the ffmpeg build, then transcodes a test sample with
 * NVENC and, when that fails or there is none, with libx264 after the GPU.
 */
@Extension
public class NvidiaDriver implements TranscoderDriver {
  /** The id, also in {@code playback.transcoders}. */
  public static final String ID = "nvidia";
  /** Setting: the GPU's index, as {@code nvidia-smi} numbers them; default 0. */
  public static final String GPU = "gpu";
  /** NVDEC and NVENC H.264: 4096x4096. */
  static final int MAX_SIZE = 4096;
  private static final Path DEV = Path.of("/dev");

  private final PluginContext context;
  private final Path dev;

  public NvidiaDriver(PluginContext context) {
    this(context, DEV);
  }

  /** @param dev where the device nodes are */
  NvidiaDriver(PluginContext context, Path dev) {
    this.context = context;
    this.dev = dev;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<HardwareCapabilities> probe(Progress progress) throws IOException {
    try (DriverProbe probe = new DriverProbe(context.media(), progress, context.dataDir().resolve("probe"))) {
      probe.step(5, "looking for NVIDIA device nodes");
      int gpu = context.config().getInt(GPU, 0);
      if (gpu < 0) {
        return probe.unavailable("setting plugins.transcoder-nvidia.gpu must be 0 or more: " + gpu);
      }
      Path node = dev.resolve("nvidia" + gpu);
      if (!Files.exists(node)) {
        return probe.unavailable("no NVIDIA device node: " + node + " does not exist (no NVIDIA GPU or driver; in a"
            + " container, pass the GPU in, for example with --gpus all)");
      }
      Optional<String> inaccessible = DriverProbe.inaccessible(node).or(() -> DriverProbe.inaccessible(dev.resolve("nvidiactl")));
      if (inaccessible.isPresent()) {
        return probe.unavailable(inaccessible.get());
      }
      probe.step(10, "reading what ffmpeg was built with");
      MediaToolkit.FfmpegBuild build = probe.build();
      Optional<String> missing = DriverProbe.missing(build, List.of("cuda"), List.of("libx264"),
          List.of("scale_cuda", "hwdownload"));
      if (missing.isPresent()) {
        return probe.unavailable(missing.get());
      }
      Path sample = probe.sample(DriverProbe.Sample.H264);
      TranscodeRequest test = DriverProbe.Sample.H264.request("h264");
      HardwareCapabilities decodeOnly = new HardwareCapabilities(ID, Optional.of(node.toString()), Set.of("h264"),
          Set.of(), MAX_SIZE, MAX_SIZE, false, false);
      HardwareCapabilities withNvenc = new HardwareCapabilities(ID, Optional.of(node.toString()), Set.of("h264"),
          Set.of("h264"), MAX_SIZE, MAX_SIZE, false, false);
      HardwareCapabilities proven = null;
      String nvenc = "ffmpeg lacks encoder h264_nvenc";
      if (build.encoders().contains("h264_nvenc")) {
        probe.step(20, "one-second test transcode on GPU " + gpu + ": NVDEC, scale_cuda, NVENC");
        Optional<String> failed = probe.run(arguments(test, withNvenc).orElseThrow(), sample);
        if (failed.isEmpty()) {
          proven = withNvenc;
        } else {
          nvenc = "NVENC test encode failed: " + failed.get();
        }
      }
      if (proven == null) {
        probe.step(35, "one-second test transcode on GPU " + gpu + ": NVDEC and scale_cuda, then libx264");
        Optional<String> failed = probe.run(arguments(test, decodeOnly).orElseThrow(), sample);
        if (failed.isPresent()) {
          return probe.unavailable("NVDEC test transcode on GPU " + gpu + " failed: " + failed.get() + "; " + nvenc);
        }
        proven = decodeOnly;
      }
      HardwareCapabilities caps = probe.widen(proven, this::arguments,
          !proven.encodeCodecs().isEmpty() && build.encoders().contains("hevc_nvenc"),
          build.filters().containsAll(List.of("zscale", "tonemap")));
      List<String> notes = new ArrayList<>(probe.notes());
      if (caps.encodeCodecs().isEmpty()) {
        notes.add(0, "no NVENC (" + nvenc + "): encodes with libx264 on the CPU after NVDEC");
      }
      probe.step(100, DriverProbe.summary(caps, notes));
      return Optional.of(caps);
    }
  }

  /**
   * With NVENC: {@code -hwaccel cuda -hwaccel_device <gpu> -hwaccel_output_format cuda}, {@code
   * scale_cuda=w=1280:h=720:format=nv12} (10-bit becomes 8-bit on the GPU), {@code -c:v h264_nvenc
   * -preset p4 -profile:v high} (or {@code hevc_nvenc -profile:v main}) with the shared rate
   * control. Without NVENC (no encode codecs), H.264 only: {@code
   * scale_cuda=w=1280:h=720:format=nv12,hwdownload,format=nv12} and the software libx264 options.
   * HDR: {@code scale_cuda=...:format=p010le,hwdownload,format=p010le,} the software tone map.
   * Declines what the probe did not prove.
   */
  @Override
  public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
    if (!HardwareFit.decodes(request, capabilities) || !HardwareFit.outputs(request, capabilities)
        || capabilities.device().isEmpty()) {
      return Optional.empty();
    }
    boolean nvenc = capabilities.encodeCodecs().contains(request.targetCodec());
    boolean cpuEncode = capabilities.encodeCodecs().isEmpty() && request.targetCodec().equals("h264");
    if (!nvenc && !cpuEncode) {
      return Optional.empty();
    }
    String scale = "scale_cuda=w=" + request.targetWidth() + ":h=" + request.targetHeight();
    String filter;
    if (request.toneMap()) {
      filter = scale + ":format=p010le,hwdownload,format=p010le," + SoftwareVideo.TONE_MAP;
    } else if (nvenc) {
      filter = scale + ":format=nv12";
    } else {
      filter = scale + ":format=nv12,hwdownload,format=nv12";
    }
    List<String> encode;
    if (nvenc) {
      boolean hevc = request.targetCodec().equals("hevc");
      encode = new ArrayList<>(List.of("-c:v", hevc ? "hevc_nvenc" : "h264_nvenc", "-preset", "p4", "-profile:v",
          hevc ? "main" : "high"));
      encode.addAll(SoftwareVideo.rate(request.targetBitrate()));
    } else {
      encode = SoftwareVideo.encode(request);
    }
    return Optional.of(new FfmpegArguments(List.of("-hwaccel", "cuda", "-hwaccel_device", gpu(capabilities.device().get()),
        "-hwaccel_output_format", "cuda"), filter, encode));
  }

  /** {@code /dev/nvidia1} → {@code 1}. */
  private static String gpu(String node) {
    return node.substring(node.lastIndexOf("nvidia") + "nvidia".length());
  }
}
