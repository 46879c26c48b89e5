package dev.marquee.kernel.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.Progress;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.api.transcode.TranscoderDriver;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.StoredSettings;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.transcoder.support.SoftwareVideo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a driver per transcode from probes run in the background, with test drivers. */
class TranscoderDriversTest {
  private static final TranscodeRequest H264_720 = new TranscodeRequest("h264", 1920, 1080, 8, false, "h264", 1280, 720,
      4_000_000, false);

  @TempDir
  Path tempDir;

  private final List<TranscoderDriver> started = new CopyOnWriteArrayList<>();
  private TranscoderDrivers drivers;
  private Database database;

  @AfterEach
  void stop() {
    if (drivers != null) {
      drivers.stop();
    }
    if (database != null) {
      database.close();
    }
  }

  /** Settings stored in a migrated SQLite database that outlives the drivers made over it. */
  private StoredSettings storedSettings() {
    if (database == null) {
      database = Database.open(new Config(TestDatabase.create(TestDatabase.Engine.SQLITE, tempDir).settings()));
      database.migrateKernel();
    }
    return new StoredSettings(database.jdbi(), Clock.systemUTC());
  }

  /** A driver whose probe answers as told and whose arguments name it. */
  static final class TestDriver implements TranscoderDriver {
    final String id;
    final Probe probe;
    final boolean answers;
    final AtomicInteger probes = new AtomicInteger();

    interface Probe {
      Optional<HardwareCapabilities> run(Progress progress) throws IOException;
    }

    TestDriver(String id, Probe probe, boolean answers) {
      this.id = id;
      this.probe = probe;
      this.answers = answers;
    }

    static TestDriver available(String id) {
      return new TestDriver(id, p -> Optional.of(caps(id)), true);
    }

    static TestDriver unavailable(String id, String reason) {
      return new TestDriver(id, p -> {
        p.progress(40, "checking");
        p.progress(100, reason);
        return Optional.empty();
      }, true);
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Optional<HardwareCapabilities> probe(Progress progress) throws IOException {
      probes.incrementAndGet();
      return probe.run(progress);
    }

    @Override
    public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
      return answers ? Optional.of(new FfmpegArguments(List.of(), "", List.of("-c:v", id))) : Optional.empty();
    }
  }

  static HardwareCapabilities caps(String id) {
    return new HardwareCapabilities(id, Optional.empty(), Set.of("h264"), Set.of("h264"), 4096, 4096, false, false);
  }

  private TranscoderDrivers start(Duration probeTimeout, TranscoderDriver... drivers) {
    started.addAll(List.of(drivers));
    this.drivers = new TranscoderDrivers(() -> List.copyOf(started),
        new TranscodeSettings(List.of("nvidia", "vaapi", "qsv", "software"), probeTimeout), storedSettings(),
        Clock.systemUTC());
    this.drivers.loadStoredOrder();
    this.drivers.start();
    awaitProbes();
    return this.drivers;
  }

  private TranscoderDrivers start(TranscoderDriver... drivers) {
    return start(Duration.ofSeconds(10), drivers);
  }

  private void awaitProbes() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (drivers.status().drivers().stream().anyMatch(TranscoderDrivers.DriverStatus::probing)) {
      assertThat(System.nanoTime()).as("probes finish").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void select_firstAvailableDriverInOrder_comesWithTheSoftwareFallback() {
    // given: started in another order than the preferred one
    start(TestDriver.available("software"), TestDriver.available("vaapi"),
        TestDriver.unavailable("nvidia", "no NVIDIA device node"));

    // when
    TranscoderDrivers.Selection selection = drivers.select(H264_720, false);

    // then
    assertThat(selection.primary().driverId()).isEqualTo("vaapi");
    assertThat(selection.primary().arguments().encode()).containsExactly("-c:v", "vaapi");
    assertThat(selection.fallback()).map(TranscoderDrivers.Choice::driverId).contains("software");
  }

  @Test
  void order_setAtRunTime_outlivesARestartOverTheSameDatabase() {
    // given
    start(TestDriver.available("software"), TestDriver.available("vaapi"));
    drivers.order(List.of("software", "vaapi"));
    drivers.stop();

    // when: a new server over the same database
    drivers = null;
    start();

    // then
    assertThat(drivers.order()).containsExactly("software", "vaapi");
    assertThat(drivers.select(H264_720, false).primary().driverId()).isEqualTo("software");
  }

  @Test
  void select_orderSetAtRunTime_putsSoftwareFirstWithoutFallback() {
    // given
    start(TestDriver.available("software"), TestDriver.available("vaapi"));

    // when
    drivers.order(List.of("software", "vaapi"));
    TranscoderDrivers.Selection selection = drivers.select(H264_720, false);

    // then
    assertThat(selection.primary().driverId()).isEqualTo("software");
    assertThat(selection.fallback()).isEmpty();
    assertThat(drivers.status().preferred()).isEqualTo("software");
  }

  @Test
  void select_driverThatDeclinesTheRequest_passesItToTheNext() {
    // given
    start(new TestDriver("nvidia", p -> Optional.of(caps("nvidia")), false), TestDriver.available("software"));

    // when / then
    assertThat(drivers.select(H264_720, false).primary().driverId()).isEqualTo("software");
  }

  @Test
  void select_withoutAnySoftwareDriver_usesTheBuiltInSoftwarePipeline() {
    // given: only a hardware driver
    start(TestDriver.available("vaapi"));

    // when
    TranscoderDrivers.Selection hardware = drivers.select(H264_720, false);
    TranscoderDrivers.Selection burnIn = drivers.select(H264_720, true);

    // then: the same arguments as the software driver's
    assertThat(hardware.fallback()).map(TranscoderDrivers.Choice::driverId).contains(TranscoderDrivers.BUILT_IN);
    assertThat(hardware.fallback().get().arguments()).isEqualTo(SoftwareVideo.arguments(H264_720));
    assertThat(burnIn.primary().driverId()).isEqualTo(TranscoderDrivers.BUILT_IN);
    assertThat(drivers.status().preferred()).isEqualTo("vaapi");
  }

  @Test
  void select_noDrivers_usesTheBuiltInPipelineAndSaysSo() {
    // given
    start();

    // when / then
    assertThat(drivers.select(H264_720, false).primary().driverId()).isEqualTo(TranscoderDrivers.BUILT_IN);
    assertThat(drivers.status().preferred()).isEqualTo(TranscoderDrivers.BUILT_IN);
    assertThat(drivers.status().drivers()).isEmpty();
  }

  @Test
  void select_softwareProbedUnavailableAndNothingElse_answers503WithTheReasons() {
    // given
    start(TestDriver.unavailable("software", "ffmpeg lacks encoder libx264"),
        TestDriver.unavailable("vaapi", "no VA-API render node"));

    // when / then
    assertThatThrownBy(() -> drivers.select(H264_720, false)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).isEqualTo("TRANSCODER_UNAVAILABLE");
      assertThat(e.getMessage()).contains("vaapi: unavailable (no VA-API render node)",
          "software: unavailable (ffmpeg lacks encoder libx264)");
    });
    assertThat(drivers.status().preferred()).isNull();
  }

  @Test
  void select_pictureSubtitleBurnedIn_takesSoftwareOnly() {
    // given
    start(TestDriver.available("vaapi"), TestDriver.available("software"));

    // when / then
    TranscoderDrivers.Selection selection = drivers.select(H264_720, true);
    assertThat(selection.primary().driverId()).isEqualTo("software");
    assertThat(selection.fallback()).isEmpty();
  }

  @Test
  void status_probesThatThrowOrHang_areFailedWithTheirReason() {
    // given
    TestDriver throwing = new TestDriver("qsv", p -> {
      throw new IOException("cannot read /dev/dri/renderD128");
    }, true);
    TestDriver hanging = new TestDriver("nvidia", p -> {
      p.progress(30, "test encode with h264_nvenc");
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Optional.of(caps("nvidia"));
    }, true);

    // when
    start(Duration.ofMillis(300), throwing, hanging, TestDriver.unavailable("vaapi", "no VA-API render node"));

    // then: in the preferred order, each with why
    List<TranscoderDrivers.DriverStatus> status = drivers.status().drivers();
    assertThat(status).extracting(TranscoderDrivers.DriverStatus::id).containsExactly("nvidia", "vaapi", "qsv");
    assertThat(status.get(0).state()).isEqualTo(TranscoderDrivers.State.FAILED);
    assertThat(status.get(0).outcome().message()).contains("ran over its limit", "test encode with h264_nvenc");
    assertThat(status.get(1).state()).isEqualTo(TranscoderDrivers.State.UNAVAILABLE);
    assertThat(status.get(1).outcome().message()).isEqualTo("no VA-API render node");
    assertThat(status.get(2).outcome().message()).isEqualTo("cannot read /dev/dri/renderD128");
  }

  @Test
  void probe_again_keepsThePreviousAnswerInUseUntilItEnds() throws Exception {
    // given
    TestDriver vaapi = TestDriver.available("vaapi");
    start(vaapi);

    // when
    drivers.probe(Optional.of("vaapi"));

    // then: still chosen while it probes, and probed twice in all
    assertThat(drivers.select(H264_720, false).primary().driverId()).isEqualTo("vaapi");
    awaitProbes();
    assertThat(vaapi.probes).hasValue(2);
    assertThatThrownBy(() -> drivers.probe(Optional.of("qsv"))).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void driverStartedLater_isProbedWhenFirstSeen() {
    // given
    start(TestDriver.available("software"));
    TestDriver later = TestDriver.available("vaapi");

    // when: a plugin brings it after the start-up probes
    started.add(later);
    drivers.status();
    awaitProbes();

    // then
    assertThat(later.probes).hasValue(1);
    assertThat(drivers.select(H264_720, false).primary().driverId()).isEqualTo("vaapi");
  }

  @Test
  void order_malformed_isRefusedAndDriversOutsideItComeLast() {
    // given
    start(TestDriver.available("videotoolbox"), TestDriver.available("software"));

    // when / then
    for (List<String> bad : List.of(List.<String>of(), List.of("VAAPI"), List.of("software", "software"),
        List.of("a b"))) {
      assertThatThrownBy(() -> drivers.order(bad)).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.code()).isEqualTo("VALIDATION_FAILED"));
    }
    assertThat(drivers.status().drivers()).extracting(TranscoderDrivers.DriverStatus::id)
        .containsExactly("software", "videotoolbox");
  }
}
