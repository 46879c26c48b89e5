package dev.marquee.kernel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The transcoding admin pages as tests of drivers and their plugins read them. */
public final class TestTranscoding {
  private TestTranscoding() {}

  /**
   * {@code GET /api/v1/admin/transcoding/hardware} once at least one driver is started and none is
   * probing: probes run ffmpeg test encodes in the background after the start.
   */
  public static JsonNode settledHardware(TestHttp admin) throws InterruptedException {
    JsonNode[] hardware = new JsonNode[1];
    Eventually.await("the transcoder probes", Duration.ofSeconds(90), () -> {
      hardware[0] = admin.get("/api/v1/admin/transcoding/hardware").json();
      JsonNode drivers = hardware[0].path("drivers");
      return !drivers.isEmpty() && drivers.findValues("probing").stream().noneMatch(JsonNode::asBoolean);
    }, () -> String.valueOf(hardware[0]));
    return hardware[0];
  }
}
