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
