package dev.marquee.testplugins;

import dev.marquee.api.Progress;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.api.transcode.TranscoderDriver;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Plugin;

/**
 * The main class of a test plugin with two transcoder drivers: {@link BrokenVaapi}, whose probe is
 * faked to succeed but whose arguments name a VA-API device this machine lacks (every run fails),
 * and {@link MissingNvidia}, whose probe finds nothing and says why.
 */
public class FakeTranscodersPlugin extends Plugin {

  /** Driver {@code vaapi}: "available" on {@value #DEVICE}, which does not exist. */
  public static class BrokenVaapi implements TranscoderDriver {
    public static final String DEVICE = "/dev/dri/renderD199";

    @Override
    public String id() {
      return "vaapi";
    }

    @Override
    public Optional<HardwareCapabilities> probe(Progress progress) {
      progress.progress(50, "pretending " + DEVICE + " works");
      return Optional.of(new HardwareCapabilities("vaapi", Optional.of(DEVICE), Set.of("h264"), Set.of("h264"), 4096,
          4096, false, false));
    }

    @Override
    public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
      return Optional.of(new FfmpegArguments(
          List.of("-hwaccel", "vaapi", "-hwaccel_device", DEVICE, "-hwaccel_output_format", "vaapi"),
          "scale_vaapi=w=" + request.targetWidth() + ":h=" + request.targetHeight() + ":format=nv12",
          List.of("-c:v", "h264_vaapi", "-b:v", String.valueOf(request.targetBitrate()))));
    }
  }

  /** Driver {@code nvidia}: its probe finds no device node. */
  public static class MissingNvidia implements TranscoderDriver {
    public static final String REASON = "no NVIDIA device node: /dev/nvidia0 does not exist";

    @Override
    public String id() {
      return "nvidia";
    }

    @Override
    public Optional<HardwareCapabilities> probe(Progress progress) {
      progress.progress(10, "looking for /dev/nvidia0");
      progress.progress(100, REASON);
      return Optional.empty();
    }

    @Override
    public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
      throw new IllegalStateException("never asked: the probe found nothing");
    }
  }
}
