package dev.marquee.kernel.transcode;

import dev.marquee.api.Progress;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.api.transcode.TranscoderDriver;
import dev.marquee.transcoder.support.DriverProbe;
import dev.marquee.transcoder.support.SoftwareVideo;
import dev.marquee.kernel.config.StoredSettings;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transcoder drivers of started plugins, what their probes found, and which one writes the
 * arguments of a transcode. Every driver is probed in the background at start, when an admin asks,
 * and when a plugin brings a driver not probed yet; probes run one after another, each bounded by
 * {@code playback.transcoder-probe-timeout}. A re-probe keeps the previous answer in use until it
 * ends.
 *
 * <p>A transcode goes to the first driver, in the admin's order ({@code playback.transcoders}, or
 * {@link #order(List)} at run time), whose probe succeeded and whose {@code arguments} answer. A
 * hardware choice comes with the software arguments to fall back on when its run fails. The
 * kernel's own software pipeline ({@link SoftwareVideo}, the same code as the {@code software}
 * driver's) is the last resort when no {@code software} driver has probed: no such plugin, or its
 * probe still running; once the software driver has probed, its answer stands. Thread-safe.
 */
@Singleton
public final class TranscoderDrivers {
  private static final Logger log = LoggerFactory.getLogger(TranscoderDrivers.class);
  /** The driver id of the software driver plugin. */
  public static final String SOFTWARE = "software";
  /** The name of the kernel's own software pipeline where a driver id would be. */
  public static final String BUILT_IN = "built-in-software";

  /** Where a driver's probe stands. */
  enum State {
    /** A probe is running or queued and the driver has no earlier answer. */
    PROBING,
    /** The probe found capabilities: transcodes may use the driver. */
    AVAILABLE,
    /** The probe found the hardware or the ffmpeg build lacking; the reason says what. */
    UNAVAILABLE,
    /** The probe threw, or ran over its time limit. */
    FAILED
  }

  /**
   * A finished probe.
   *
   * @param capabilities null unless {@code state} is AVAILABLE
   * @param message the probe's last words: why the driver cannot be used, or a summary of what it
   *     found (for example that the GPU decodes but has no encoder); null when it said nothing
   */
  record Outcome(State state, HardwareCapabilities capabilities, String message, Instant probedAt, long probeMillis) {}

  /** A run of a driver's arguments that failed, so that playback fell back to software. */
  record RunFailure(Instant at, String reason) {}

  /**
   * One driver as the admin route shows it.
   *
   * @param probing whether a probe is running or queued now
   * @param step the running probe's last step; null when none runs
   * @param outcome the last finished probe; null before the first ends
   * @param lastRunFailure the last time playback fell back from it; null when never
   */
  record DriverStatus(String id, boolean probing, String step, Outcome outcome, RunFailure lastRunFailure) {
    State state() {
      return outcome == null ? State.PROBING : outcome.state();
    }
  }

  /**
   * What the admin route shows.
   *
   * @param preferred the driver a transcode goes to first (the first available in order), {@value
   *     #BUILT_IN} when the kernel's pipeline would be used, null when nothing can transcode
   */
  record Status(List<String> order, String preferred, List<DriverStatus> drivers) {}

  /**
   * Arguments for one transcode and who wrote them.
   *
   * @param driverId a driver's id, or {@value #BUILT_IN}
   */
  public record Choice(String driverId, FfmpegArguments arguments) {}

  /**
   * What a transcode runs with.
   *
   * @param fallback the software arguments to switch to when a run of {@code primary} fails; empty
   *     when {@code primary} is software already, or when software cannot do it either
   */
  public record Selection(Choice primary, Optional<Choice> fallback) {}

  /**
   * One driver's state between probes. The driver is held weakly: it tells a new instance (its plugin
   * restarted) from the probed one, and must not keep an unloaded plugin's classes loaded.
   */
  private record Entry(WeakReference<TranscoderDriver> driver, boolean probing, String step, Outcome outcome) {
    Entry(TranscoderDriver driver, boolean probing, String step, Outcome outcome) {
      this(new WeakReference<>(driver), probing, step, outcome);
    }

    boolean isOf(TranscoderDriver other) {
      return driver.get() == other;
    }
  }

  private final DriverSource source;
  private final TranscodeSettings settings;
  private final StoredSettings stored;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, RunFailure> failures = new ConcurrentHashMap<>();
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private volatile List<String> order;
  private ExecutorService rounds;
  private ExecutorService probes;

  @Inject
  TranscoderDrivers(DriverSource source, TranscodeSettings settings, StoredSettings stored, Clock clock) {
    this.source = source;
    this.settings = settings;
    this.stored = stored;
    this.clock = clock;
    this.order = settings.order();
  }

  /**
   * Takes the order an administrator stored, if any, over {@code playback.transcoders}; a stored
   * order that is no longer valid is logged and left aside. Needs the migrated schema.
   */
  void loadStoredOrder() {
    stored.get(TranscodeSettings.STORED_ORDER).ifPresent(text -> {
      List<String> ids = TranscodeSettings.parseOrder(text);
      Optional<String> problem = TranscodeSettings.validOrder(ids);
      if (problem.isPresent()) {
        log.warn("stored transcoder order '{}' left aside: {}", text, problem.get());
      } else {
        order = ids;
      }
    });
  }

  /** Starts probing every started driver in the background. */
  synchronized void start() {
    rounds = Executors.newSingleThreadExecutor(daemon("marquee-transcoder-probes"));
    probes = Executors.newCachedThreadPool(daemon("marquee-transcoder-probe"));
    probe(Optional.empty());
  }

  synchronized void stop() {
    if (rounds != null) {
      rounds.shutdownNow();
      probes.shutdownNow();
      rounds = null;
      probes = null;
    }
  }

  /**
   * Probes the started drivers again (or only {@code driverId}), in the background.
   *
   * @throws ApiException 404 when {@code driverId} names no started driver
   */
  void probe(Optional<String> driverId) {
    // a driver seen for the first time is scheduled by drivers(): not a second time here
    Set<String> justScheduled = new HashSet<>();
    Map<String, TranscoderDriver> drivers = drivers(justScheduled);
    if (driverId.isPresent()) {
      TranscoderDriver driver = drivers.get(driverId.get());
      if (driver == null) {
        throw ApiException.notFound("no started transcoder driver " + driverId.get() + "; started: " + drivers.keySet());
      }
      if (!justScheduled.contains(driverId.get())) {
        schedule(driver);
      }
    } else {
      drivers.forEach((id, driver) -> {
        if (!justScheduled.contains(id)) {
          schedule(driver);
        }
      });
    }
  }

  /**
   * The arguments for {@code request}: the first driver in order that is available and answers,
   * with the software fallback for a hardware one.
   *
   * @param softwareOnly only software will do (a picture subtitle is overlaid in memory)
   * @throws ApiException 503 TRANSCODER_UNAVAILABLE when no driver can, not even software
   */
  public Selection select(TranscodeRequest request, boolean softwareOnly) {
    Map<String, TranscoderDriver> drivers = drivers();
    List<String> refused = new ArrayList<>();
    for (String id : effectiveOrder(drivers)) {
      if (softwareOnly && !id.equals(SOFTWARE)) {
        continue;
      }
      Entry entry = entries.get(id);
      Outcome outcome = entry == null ? null : entry.outcome();
      if (outcome == null || outcome.state() != State.AVAILABLE) {
        refused.add(id + ": " + (outcome == null ? "not probed yet"
            : outcome.state().name().toLowerCase() + " (" + outcome.message() + ")"));
        continue;
      }
      Optional<FfmpegArguments> arguments = arguments(drivers.get(id), request, outcome.capabilities());
      if (arguments.isPresent()) {
        Choice primary = new Choice(id, arguments.get());
        return new Selection(primary, id.equals(SOFTWARE) ? Optional.empty() : software(drivers, request));
      }
      refused.add(id + ": cannot make this one");
    }
    Optional<Choice> builtIn = builtIn(drivers, request);
    if (builtIn.isPresent()) {
      return new Selection(builtIn.get(), Optional.empty());
    }
    throw new ApiException(503, "TRANSCODER_UNAVAILABLE", "no transcoder driver can make " + describe(request)
        + (softwareOnly ? " in software (a picture subtitle is burned in)" : "") + ": "
        + (refused.isEmpty() ? "none is started" : String.join("; ", refused))
        + "; see GET /api/v1/admin/transcoding/hardware");
  }

  /** Notes that a run of {@code driverId}'s arguments failed and playback fell back to software. */
  public void runFailed(String driverId, String stderrTail) {
    failures.put(driverId, new RunFailure(clock.instant(), DriverProbe.reason(stderrTail)));
  }

  /** The drivers in order, with their probes. */
  Status status() {
    Map<String, TranscoderDriver> drivers = drivers();
    List<DriverStatus> statuses = new ArrayList<>();
    String preferred = null;
    for (String id : effectiveOrder(drivers)) {
      Entry entry = entries.get(id);
      DriverStatus status = entry == null ? new DriverStatus(id, true, null, null, failures.get(id))
          : new DriverStatus(id, entry.probing(), entry.probing() ? entry.step() : null, entry.outcome(),
              failures.get(id));
      if (preferred == null && status.state() == State.AVAILABLE) {
        preferred = id;
      }
      statuses.add(status);
    }
    if (preferred == null && softwareOutcome(drivers).isEmpty()) {
      preferred = BUILT_IN;
    }
    return new Status(order, preferred, statuses);
  }

  List<String> order() {
    return order;
  }

  /**
   * Sets and stores the preferred order: it outlives a restart and stands over {@code
   * playback.transcoders}.
   *
   * @throws ApiException 422 VALIDATION_FAILED for a malformed list
   */
  void order(List<String> ids) {
    Optional<String> problem = TranscodeSettings.validOrder(ids);
    if (problem.isPresent()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "order: " + problem.get());
    }
    stored.put(TranscodeSettings.STORED_ORDER, String.join(",", ids));
    order = List.copyOf(ids);
    log.info("transcoder order set to {}", order);
  }

  /** The started drivers by id, in plugin order; newly seen ones (or new instances) get probed. */
  private Map<String, TranscoderDriver> drivers() {
    return drivers(new HashSet<>());
  }

  /** As {@link #drivers()}, adding the ids it scheduled a probe of to {@code scheduled}. */
  private Map<String, TranscoderDriver> drivers(Set<String> scheduled) {
    Map<String, TranscoderDriver> drivers = new LinkedHashMap<>();
    for (TranscoderDriver driver : source.drivers()) {
      String id;
      try {
        id = driver.id();
      } catch (RuntimeException e) {
        log.error("transcoder driver {} has no id, leaving it out", driver.getClass().getName(), e);
        continue;
      }
      if (drivers.putIfAbsent(id, driver) != null) {
        log.debug("transcoder driver id {} is taken; {} left out", id, driver.getClass().getName());
        continue;
      }
      Entry entry = entries.get(id);
      if (entry == null || !entry.isOf(driver)) {
        schedule(driver);
        scheduled.add(id);
      }
    }
    return drivers;
  }

  private List<String> effectiveOrder(Map<String, TranscoderDriver> drivers) {
    List<String> ids = new ArrayList<>(order.stream().filter(drivers::containsKey).toList());
    drivers.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
    return ids;
  }

  /** The software driver's arguments; the kernel's pipeline when it has not probed; empty when it cannot. */
  private Optional<Choice> software(Map<String, TranscoderDriver> drivers, TranscodeRequest request) {
    Optional<Outcome> outcome = softwareOutcome(drivers);
    if (outcome.isEmpty()) {
      return builtIn(drivers, request);
    }
    if (outcome.get().state() != State.AVAILABLE) {
      return Optional.empty();
    }
    return arguments(drivers.get(SOFTWARE), request, outcome.get().capabilities()).map(a -> new Choice(SOFTWARE, a));
  }

  private Optional<Choice> builtIn(Map<String, TranscoderDriver> drivers, TranscodeRequest request) {
    if (softwareOutcome(drivers).isPresent() || SoftwareVideo.encoder(request.targetCodec()).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Choice(BUILT_IN, SoftwareVideo.arguments(request)));
  }

  /** The finished probe of the started software driver; empty when there is none (yet). */
  private Optional<Outcome> softwareOutcome(Map<String, TranscoderDriver> drivers) {
    Entry entry = entries.get(SOFTWARE);
    return drivers.containsKey(SOFTWARE) && entry != null ? Optional.ofNullable(entry.outcome()) : Optional.empty();
  }

  private static Optional<FfmpegArguments> arguments(TranscoderDriver driver, TranscodeRequest request,
      HardwareCapabilities capabilities) {
    try {
      return driver.arguments(request, capabilities);
    } catch (RuntimeException | LinkageError e) {
      log.error("transcoder driver {} failed writing arguments for {}", driver.getClass().getName(), describe(request), e);
      return Optional.empty();
    }
  }

  private void schedule(TranscoderDriver driver) {
    String id = driver.id();
    ExecutorService executor;
    synchronized (this) {
      executor = rounds;
    }
    if (executor == null || !queued.add(id)) {
      return;
    }
    entries.compute(id, (key, old) -> new Entry(driver, true, "waiting for the probes before it",
        old == null ? null : old.outcome()));
    try {
      executor.execute(() -> probeNow(driver));
    } catch (RejectedExecutionException e) {
      queued.remove(id);
    }
  }

  private void probeNow(TranscoderDriver driver) {
    String id = driver.id();
    queued.remove(id);
    AtomicReference<String> last = new AtomicReference<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    Progress progress = Progress.of((percent, message) -> {
      if (message != null) {
        last.set(message);
        entries.computeIfPresent(id, (key, e) -> e.isOf(driver) ? new Entry(driver, true, message, e.outcome()) : e);
      }
    }, cancelled::get);
    entries.compute(id, (key, old) -> new Entry(driver, true, "starting", old == null ? null : old.outcome()));
    Instant started = clock.instant();
    long start = System.nanoTime();
    ExecutorService executor;
    synchronized (this) {
      executor = probes;
    }
    if (executor == null) {
      return;
    }
    Future<Optional<HardwareCapabilities>> future;
    try {
      future = executor.submit(() -> driver.probe(progress));
    } catch (RejectedExecutionException e) {
      return;
    }
    Outcome outcome;
    try {
      Optional<HardwareCapabilities> found = future.get(settings.probeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      outcome = found.isPresent() ? new Outcome(State.AVAILABLE, found.get(), last.get(), started, millis)
          : new Outcome(State.UNAVAILABLE, null, last.get() == null ? "the driver found nothing it can use" : last.get(),
              started, millis);
    } catch (TimeoutException e) {
      cancelled.set(true);
      future.cancel(true);
      outcome = new Outcome(State.FAILED, null, "the probe ran over its limit of " + settings.probeTimeout()
          + (last.get() == null ? "" : " at: " + last.get()), started, settings.probeTimeout().toMillis());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (!(cause instanceof IOException) && !(cause instanceof CancellationException)) {
        log.error("transcoder driver {}: probe failed", id, cause);
      }
      outcome = new Outcome(State.FAILED, null, cause.getMessage() == null ? cause.toString() : cause.getMessage(),
          started, (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      cancelled.set(true);
      future.cancel(true);
      Thread.currentThread().interrupt();
      return;
    }
    Outcome done = outcome;
    entries.compute(id, (key, old) -> old != null && !old.isOf(driver) ? old : new Entry(driver, false, null, done));
    if (done.state() == State.AVAILABLE) {
      HardwareCapabilities caps = done.capabilities();
      log.info("transcoder {}: available{} (decodes {}, encodes {}, up to {}x{}{}{}; probed in {} ms){}", id,
          caps.device().map(d -> " on " + d).orElse(""), caps.decodeCodecs(), caps.encodeCodecs(), caps.maxWidth(),
          caps.maxHeight(), caps.tenBit() ? ", 10-bit" : "", caps.toneMapping() ? ", tone-maps HDR" : "",
          done.probeMillis(), done.message() == null ? "" : ": " + done.message());
    } else {
      log.info("transcoder {}: {}: {}", id, done.state().name().toLowerCase(), done.message());
    }
  }

  private static String describe(TranscodeRequest request) {
    return request.sourceCodec() + " " + request.sourceWidth() + "x" + request.sourceHeight()
        + (request.sourceBitDepth() > 8 ? " " + request.sourceBitDepth() + "-bit" : "") + (request.sourceHdr() ? " HDR" : "")
        + " to " + request.targetCodec() + " " + request.targetWidth() + "x" + request.targetHeight()
        + (request.toneMap() ? " tone-mapped" : "");
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
