package dev.marquee.api.transcode;

import dev.marquee.api.Progress;
import java.io.IOException;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * One way of running ffmpeg's video pipeline. Playback asks every started driver to {@link #probe}
 * once (at start and when an admin asks), keeps the capabilities, and for each transcode picks the
 * first driver in the admin's order whose capabilities fit and whose {@link #arguments} answer.
 *
 * <p>Thread-safe. Only {@link #probe} does I/O (it may run {@code ffmpeg}, {@code vainfo} or read
 * {@code /dev/dri}) and may block; the other methods are pure and fast. No method returns null.
 */
public interface TranscoderDriver extends ExtensionPoint {

  /** A stable, lower-case id: {@code software}, {@code vaapi}, {@code nvidia}, {@code qsv}. Cheap. */
  String id();

  /**
   * Finds out what this machine can do with this driver, by trying it. Bounded in time (a few
   * seconds); honours cancellation. Report each step through {@code progress}: when the answer is
   * empty, the last message reported says why (admins read it, for example {@code no VA-API render
   * node: /dev/dri has no renderD*}).
   *
   * @return the capabilities, or empty when the hardware or the ffmpeg build lacks this driver
   * @throws IOException when the probe itself cannot run (no ffmpeg binary, unreadable device); its
   *     message is shown as the reason
   */
  Optional<HardwareCapabilities> probe(Progress progress) throws IOException;

  /**
   * The ffmpeg arguments that decode, scale and encode {@code request} with this driver.
   *
   * @param request the source and the wanted output
   * @param capabilities what {@link #probe} found on this machine
   * @return the arguments, or empty when this driver cannot do this request (a codec, bit depth or
   *     size it lacks); playback then tries the next driver
   */
  Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities);
}
