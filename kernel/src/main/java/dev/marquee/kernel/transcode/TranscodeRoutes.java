package dev.marquee.kernel.transcode;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.transcode.HardwareCapabilities;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.inject.Inject;

/**
 * {@code /api/v1/admin/transcoding}: what each transcoder driver found on this machine, probing
 * again, and the preferred order of drivers.
 */
final class TranscodeRoutes implements RouteContributor {
  private static final String BASE = "/api/v1/admin/transcoding";

  record CapabilitiesJson(String device, List<String> decodeCodecs, List<String> encodeCodecs, int maxWidth,
      int maxHeight, boolean tenBit, boolean toneMapping) {
    static CapabilitiesJson of(HardwareCapabilities caps) {
      return caps == null ? null : new CapabilitiesJson(caps.device().orElse(null),
          List.copyOf(new TreeSet<>(caps.decodeCodecs())), List.copyOf(new TreeSet<>(caps.encodeCodecs())),
          caps.maxWidth(), caps.maxHeight(), caps.tenBit(), caps.toneMapping());
    }
  }

  record FailureJson(Instant at, String reason) {}

  /**
   * @param state PROBING (no answer yet), AVAILABLE, UNAVAILABLE or FAILED: the last finished probe
   * @param probing whether a probe runs (or waits) now; the last answer stays in use meanwhile
   * @param step what the running probe does now
   * @param reason why the driver cannot be used; null when it can
   * @param summary what the probe found, in its words, when the driver can be used
   * @param lastRunFailure the last transcode of this driver that failed and fell back to software
   */
  record DriverJson(String id, String state, boolean available, boolean probing, String step, String reason,
      String summary, CapabilitiesJson capabilities, Instant probedAt, Long probeMillis, FailureJson lastRunFailure) {
    static DriverJson of(TranscoderDrivers.DriverStatus status) {
      TranscoderDrivers.Outcome outcome = status.outcome();
      TranscoderDrivers.RunFailure failure = status.lastRunFailure();
      boolean available = status.state() == TranscoderDrivers.State.AVAILABLE;
      return new DriverJson(status.id(), status.state().name(), available, status.probing(), status.step(),
          outcome == null || available ? null : outcome.message(), outcome == null || !available ? null : outcome.message(),
          outcome == null ? null : CapabilitiesJson.of(outcome.capabilities()),
          outcome == null ? null : outcome.probedAt(), outcome == null ? null : outcome.probeMillis(),
          failure == null ? null : new FailureJson(failure.at(), failure.reason()));
    }
  }

  /** The ffmpeg in use; {@code error} instead when it cannot be run. */
  record FfmpegJson(String path, String version, Boolean bundled, List<String> hwaccels, String error) {}

  record HardwareJson(List<String> order, String preferred, FfmpegJson ffmpeg, List<DriverJson> drivers) {}

  /** Body and answer of the settings routes. */
  record SettingsJson(List<String> order) {}

  private final TranscoderDrivers drivers;
  private final MediaToolkit media;

  @Inject
  TranscodeRoutes(TranscoderDrivers drivers, MediaToolkit media) {
    this.drivers = drivers;
    this.media = media;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(BASE + "/hardware", Access.ADMIN, request -> request.json(hardware()))
            .summary("Each transcoder driver: available or why not, its capabilities, which one is preferred"),
        Route.post(BASE + "/probe", Access.ADMIN, this::probe)
            .summary("Probe every transcoder driver again (or one: ?driver=vaapi) in the background (202)"),
        Route.get(BASE + "/settings", Access.ADMIN, request -> request.json(new SettingsJson(drivers.order())))
            .summary("The preferred order of transcoder drivers"),
        Route.put(BASE + "/settings", Access.ADMIN, this::settings)
            .summary("Set and store the preferred order of transcoder drivers: {\"order\":[\"vaapi\",\"software\"]}"));
  }

  private void probe(RequestContext request) {
    Optional<String> driver = request.queryParam("driver");
    if (driver.isPresent() && TranscodeSettings.validOrder(List.of(driver.get())).isPresent()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "driver: not a transcoder driver id: " + driver.get());
    }
    drivers.probe(driver);
    request.status(202).json(hardware());
  }

  private void settings(RequestContext request) {
    SettingsJson body = request.body(SettingsJson.class);
    if (body.order() == null) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "order: required, a list of driver ids");
    }
    drivers.order(body.order());
    request.json(new SettingsJson(drivers.order()));
  }

  private HardwareJson hardware() {
    TranscoderDrivers.Status status = drivers.status();
    return new HardwareJson(status.order(), status.preferred(), ffmpeg(),
        status.drivers().stream().map(DriverJson::of).toList());
  }

  private FfmpegJson ffmpeg() {
    try {
      MediaToolkit.ToolVersions versions = media.versions();
      MediaToolkit.FfmpegBuild build = media.build();
      return new FfmpegJson(versions.ffmpeg().toString(), versions.ffmpegVersion(), versions.bundled(),
          List.copyOf(new TreeSet<>(build.hwaccels())), null);
    } catch (IOException e) {
      return new FfmpegJson(null, null, null, null, e.getMessage());
    }
  }
}
