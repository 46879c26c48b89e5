package dev.marquee.transcoder.support;

import dev.marquee.api.Progress;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The steps every driver's probe takes, each bounded and reported: what the ffmpeg build has, test
 * samples made on the CPU, and test runs of the driver's own arguments whose failure gives the
 * reason an admin reads. One instance per probe; {@link #close()} deletes its samples. Not
 * thread-safe.
 */
public final class DriverProbe implements AutoCloseable {
  /** The longest one test run may take; a device that hangs counts as failing. */
  public static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
  /** The test source: one second of ffmpeg's test pattern, 1280x720 at 25 frames per second. */
  public static final String TEST_SOURCE = "testsrc2=duration=1:size=1280x720:rate=25";
  private static final int REASON_LIMIT = 500;

  /** A one-second 1280x720 test file, made on the CPU, that a driver decodes to prove it can. */
  public enum Sample {
    /** H.264 High, 8-bit, by libx264. */
    H264("h264", 8, false, "libx264", List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")),
    /** HEVC Main, 8-bit, by libx265. */
    HEVC("hevc", 8, false, "libx265", List.of("-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        "-x265-params", "log-level=error")),
    /** HEVC Main 10 tagged HDR10 (BT.2020, PQ), by libx265. */
    HEVC_10BIT_HDR("hevc", 10, true, "libx265", List.of("-c:v", "libx265", "-preset", "ultrafast",
        "-pix_fmt", "yuv420p10le", "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc",
        "-x265-params", "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:hdr10=1"
            + ":master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)"
            + ":max-cll=1000,400"));

    private final String codec;
    private final int bitDepth;
    private final boolean hdr;
    private final String encoder;
    private final List<String> encode;

    Sample(String codec, int bitDepth, boolean hdr, String encoder, List<String> encode) {
      this.codec = codec;
      this.bitDepth = bitDepth;
      this.hdr = hdr;
      this.encoder = encoder;
      this.encode = encode;
    }

    /** The encoder that makes it. */
    public String encoder() {
      return encoder;
    }

    /** Its codec, by ffmpeg's name. */
    public String codec() {
      return codec;
    }

    /**
     * A transcode of this sample to 640x360 {@code targetCodec} at 1 Mb/s, tone-mapped when the
     * sample is HDR.
     */
    public TranscodeRequest request(String targetCodec) {
      return new TranscodeRequest(codec, 1280, 720, bitDepth, hdr, targetCodec, 640, 360, 1_000_000, hdr);
    }
  }

  private final MediaToolkit media;
  private final Progress progress;
  private final Path workDir;
  private final Map<Sample, Path> samples = new EnumMap<>(Sample.class);
  private final List<String> notes = new ArrayList<>();

  /**
   * @param media the kernel's ffmpeg runner
   * @param progress the probe's progress: each step is reported on it, and its cancellation ends
   *     the probe
   * @param workDir a folder for the samples (created when needed; its samples are deleted on close)
   */
  public DriverProbe(MediaToolkit media, Progress progress, Path workDir) {
    this.media = media;
    this.progress = progress;
    this.workDir = workDir;
  }

  /** What the ffmpeg binary was built with. */
  public MediaToolkit.FfmpegBuild build() throws IOException {
    return media.build();
  }

  /**
   * Reports a step.
   *
   * @throws java.util.concurrent.CancellationException when the probe was cancelled
   */
  public void step(int percent, String message) {
    progress.checkCancelled();
    progress.progress(percent, message);
  }

  /** Reports why the driver cannot be used (the last message of the probe), and answers so. */
  public Optional<HardwareCapabilities> unavailable(String reason) {
    progress.progress(100, reason);
    return Optional.empty();
  }

  /**
   * What {@code build} lacks of the names a driver needs, for people: {@code ffmpeg lacks hwaccel
   * vaapi, encoder h264_vaapi}; empty when it has them all.
   */
  public static Optional<String> missing(MediaToolkit.FfmpegBuild build, Collection<String> hwaccels,
      Collection<String> encoders, Collection<String> filters) {
    List<String> lacking = new ArrayList<>();
    hwaccels.stream().filter(h -> !build.hwaccels().contains(h)).forEach(h -> lacking.add("hwaccel " + h));
    encoders.stream().filter(e -> !build.encoders().contains(e)).forEach(e -> lacking.add("encoder " + e));
    filters.stream().filter(f -> !build.filters().contains(f)).forEach(f -> lacking.add("filter " + f));
    return lacking.isEmpty() ? Optional.empty() : Optional.of("ffmpeg lacks " + String.join(", ", lacking));
  }

  /** Whether the build has the encoder that makes {@code sample}. */
  public boolean canMake(Sample sample) throws IOException {
    return build().encoders().contains(sample.encoder());
  }

  /**
   * The sample's file, made on first use.
   *
   * @throws IOException when ffmpeg cannot make it; the message says why
   */
  public Path sample(Sample sample) throws IOException {
    Path made = samples.get(sample);
    if (made != null) {
      return made;
    }
    Files.createDirectories(workDir);
    Path file = workDir.resolve("sample-" + sample.name().toLowerCase() + ".mkv");
    List<String> args = new ArrayList<>(List.of("-v", "error", "-y", "-f", "lavfi", "-i", TEST_SOURCE));
    args.addAll(sample.encode);
    args.add(file.toString());
    MediaToolkit.FfmpegResult result = media.ffmpeg(args, RUN_TIMEOUT, progress);
    if (!result.succeeded()) {
      throw new IOException("cannot make the " + sample.name() + " test sample with " + sample.encoder() + ": "
          + reason(result.stderrTail()));
    }
    samples.put(sample, file);
    return file;
  }

  /**
   * Runs {@code arguments} on {@code input} as playback would (decode options, the input, the
   * filter, the encoder) into nothing.
   *
   * @return empty when ffmpeg succeeded; else why it failed, from its standard error
   */
  public Optional<String> run(FfmpegArguments arguments, Path input) throws IOException {
    List<String> args = new ArrayList<>(List.of("-v", "error"));
    args.addAll(arguments.decode());
    args.addAll(List.of("-i", input.toString(), "-map", "0:v:0"));
    return finish(args, arguments);
  }

  /**
   * Runs {@code arguments} on {@value #TEST_SOURCE} made by ffmpeg itself (no decoding: for drivers
   * whose pipeline starts from frames in memory, such as the software one) into nothing.
   *
   * @return empty when ffmpeg succeeded; else why it failed, from its standard error
   */
  public Optional<String> runTestSource(FfmpegArguments arguments) throws IOException {
    List<String> args = new ArrayList<>(List.of("-v", "error"));
    args.addAll(arguments.decode());
    args.addAll(List.of("-f", "lavfi", "-i", TEST_SOURCE));
    return finish(args, arguments);
  }

  private Optional<String> finish(List<String> args, FfmpegArguments arguments) throws IOException {
    if (!arguments.scaleFilter().isEmpty()) {
      args.addAll(List.of("-vf", arguments.scaleFilter()));
    }
    args.addAll(arguments.encode());
    args.addAll(List.of("-an", "-f", "null", "-"));
    MediaToolkit.FfmpegResult result = media.ffmpeg(args, RUN_TIMEOUT, progress);
    return result.succeeded() ? Optional.empty()
        : Optional.of("exit " + result.exitCode() + ": " + reason(result.stderrTail()));
  }

  /**
   * ffmpeg's error lines made readable: joined with {@code " / "}, without the {@code [h264 @
   * 0x55d...]} prefixes, at most {@value #REASON_LIMIT} characters.
   */
  public static String reason(String stderrTail) {
    String joined = stderrTail.lines().map(line -> line.replaceAll("\\[[^\\]]*@ ?0x[0-9a-f]+\\] ?", "").strip())
        .filter(line -> !line.isEmpty()).collect(Collectors.joining(" / "));
    if (joined.isEmpty()) {
      return "no error output";
    }
    return joined.length() <= REASON_LIMIT ? joined : joined.substring(0, REASON_LIMIT - 3) + "...";
  }

  /** The DRM render nodes ({@code renderD128}, ...) in {@code dri}, in name order; none when it does not exist. */
  public static List<Path> renderNodes(Path dri) throws IOException {
    if (!Files.isDirectory(dri)) {
      return List.of();
    }
    List<Path> nodes = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dri, "renderD*")) {
      entries.forEach(nodes::add);
    }
    nodes.sort(null);
    return nodes;
  }

  /**
   * The DRM render node a VA-API or Quick Sync driver uses: the configured device, else the first
   * {@code renderD*} in {@code dri}. When there is none, or it cannot be opened, the reason is
   * reported as {@link #unavailable} and the answer is empty.
   *
   * @param api the interface's name for people ({@code VA-API}, {@code Quick Sync})
   * @param noDevice what the lack of a node usually means ({@code no GPU})
   */
  public Optional<Path> renderNode(Optional<String> configured, Path dri, String api, String noDevice)
      throws IOException {
    Path device;
    if (configured.isPresent()) {
      device = Path.of(configured.get());
    } else {
      List<Path> nodes = renderNodes(dri);
      if (nodes.isEmpty()) {
        unavailable("no " + api + " render node: " + dri + " has no renderD* device (" + noDevice
            + ", or a container started without --device /dev/dri)");
        return Optional.empty();
      }
      device = nodes.get(0);
    }
    Optional<String> inaccessible = inaccessible(device);
    if (inaccessible.isPresent()) {
      unavailable(inaccessible.get());
      return Optional.empty();
    }
    return Optional.of(device);
  }

  /**
   * Why the current user cannot open {@code device} for reading and writing, for people; empty
   * when it can.
   */
  public static Optional<String> inaccessible(Path device) {
    if (!Files.exists(device)) {
      return Optional.of(device + " does not exist");
    }
    if (!Files.isReadable(device) || !Files.isWritable(device)) {
      return Optional.of("no read/write access to " + device + " (add the server's user to the device's group,"
          + " usually render or video)");
    }
    return Optional.empty();
  }

  /**
   * The usual end of a hardware probe: the test transcode of the H.264 sample to 640x360 H.264 with
   * the driver's arguments under {@code base}, then {@link #widen}, then the summary as the last
   * step.
   *
   * @param base what the first test must prove: H.264 decoding and encoding on {@code device}
   * @return the capabilities, or empty (the reason reported) when the first test fails
   */
  public Optional<HardwareCapabilities> verify(HardwareCapabilities base, Arguments arguments, boolean hevcEncoder,
      boolean toneMapper) throws IOException {
    String device = base.device().orElse("the device");
    if (!canMake(Sample.H264)) {
      return unavailable("cannot make the H.264 test sample: ffmpeg lacks encoder libx264");
    }
    step(20, "one-second H.264 test transcode on " + device);
    Optional<FfmpegArguments> first = arguments.of(Sample.H264.request("h264"), base);
    if (first.isEmpty()) {
      return unavailable("the driver declines its own test transcode");
    }
    Optional<String> failed = run(first.get(), sample(Sample.H264));
    if (failed.isPresent()) {
      return unavailable("test transcode on " + device + " failed: " + failed.get());
    }
    HardwareCapabilities caps = widen(base, arguments, hevcEncoder, toneMapper);
    step(100, summary(caps, notes));
    return Optional.of(caps);
  }

  /**
   * What a probe found, for people: {@code decodes h264, hevc (10-bit) on /dev/dri/renderD128;
   * encodes h264; tone-maps HDR}, then what failed.
   */
  public static String summary(HardwareCapabilities caps, List<String> notes) {
    StringBuilder text = new StringBuilder("decodes ").append(String.join(", ", new TreeSet<>(caps.decodeCodecs())));
    if (caps.tenBit()) {
      text.append(" (10-bit)");
    }
    caps.device().ifPresent(device -> text.append(" on ").append(device));
    text.append(caps.encodeCodecs().isEmpty() ? "; no encoder on the device"
        : "; encodes " + String.join(", ", new TreeSet<>(caps.encodeCodecs())));
    text.append(caps.toneMapping() ? "; tone-maps HDR" : "; no HDR tone mapping");
    notes.forEach(note -> text.append("; ").append(note));
    return text.toString();
  }

  /** A driver's {@code arguments}, as {@link dev.marquee.api.transcode.TranscoderDriver#arguments}. */
  @FunctionalInterface
  public interface Arguments {
    Optional<FfmpegArguments> of(TranscodeRequest request, HardwareCapabilities capabilities);
  }

  /**
   * Widens what a hardware driver's first test transcode proved (H.264 decoding and its encoder) by
   * trying, each with the driver's own arguments: HEVC encoding (when {@code hevcEncoder}), HEVC
   * decoding, 10-bit HEVC decoding and, when {@code toneMapper}, tone-mapping an HDR10 sample. A
   * test that fails leaves its ability out and is noted in {@link #notes()}. Samples of HEVC need
   * libx265; without it the HEVC abilities stay out.
   */
  public HardwareCapabilities widen(HardwareCapabilities proven, Arguments arguments, boolean hevcEncoder,
      boolean toneMapper) throws IOException {
    HardwareCapabilities caps = proven;
    if (hevcEncoder) {
      step(45, "HEVC test encode on the device");
      caps = tryWith(caps, with(caps, null, "hevc", caps.tenBit(), caps.toneMapping()), arguments,
          Sample.H264.request("hevc"), Sample.H264, "HEVC encode");
    }
    if (!canMake(Sample.HEVC)) {
      notes.add("HEVC decoding untested: ffmpeg lacks libx265 to make the sample");
      return caps;
    }
    step(60, "HEVC test decode on the device");
    HardwareCapabilities before = caps;
    caps = tryWith(caps, with(caps, "hevc", null, caps.tenBit(), caps.toneMapping()), arguments,
        Sample.HEVC.request("h264"), Sample.HEVC, "HEVC decode");
    if (caps == before) {
      return caps;
    }
    step(72, "10-bit HEVC test decode on the device");
    caps = tryWith(caps, with(caps, null, null, true, caps.toneMapping()), arguments,
        HardwareFit.variant(Sample.HEVC_10BIT_HDR.request("h264"), "h264", false), Sample.HEVC_10BIT_HDR,
        "10-bit HEVC decode");
    if (toneMapper && caps.tenBit()) {
      step(85, "tone-mapping an HDR10 sample to SDR");
      caps = tryWith(caps, with(caps, null, null, true, true), arguments, Sample.HEVC_10BIT_HDR.request("h264"),
          Sample.HEVC_10BIT_HDR, "HDR tone mapping");
    }
    return caps;
  }

  /** What {@link #widen} found failing, for people; empty when everything passed. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  private HardwareCapabilities tryWith(HardwareCapabilities current, HardwareCapabilities wider, Arguments arguments,
      TranscodeRequest request, Sample sample, String what) throws IOException {
    Optional<FfmpegArguments> args = arguments.of(request, wider);
    if (args.isEmpty()) {
      notes.add(what + ": the driver declines it");
      return current;
    }
    Path input;
    try {
      input = sample(sample);
    } catch (IOException e) {
      notes.add(what + " untested: " + e.getMessage());
      return current;
    }
    Optional<String> failed = run(args.get(), input);
    if (failed.isPresent()) {
      notes.add(what + " failed: " + failed.get());
      return current;
    }
    return wider;
  }

  private static HardwareCapabilities with(HardwareCapabilities caps, String decode, String encode, boolean tenBit,
      boolean toneMapping) {
    Set<String> decodes = new TreeSet<>(caps.decodeCodecs());
    Set<String> encodes = new TreeSet<>(caps.encodeCodecs());
    if (decode != null) {
      decodes.add(decode);
    }
    if (encode != null) {
      encodes.add(encode);
    }
    return new HardwareCapabilities(caps.driverId(), caps.device(), decodes, encodes, caps.maxWidth(), caps.maxHeight(),
        tenBit, toneMapping);
  }

  /** Deletes the samples this probe made. */
  @Override
  public void close() {
    for (Path file : samples.values()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a sample left behind is overwritten by the next probe
      }
    }
    samples.clear();
  }
}
