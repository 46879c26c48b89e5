package dev.marquee.api.subtitle;

import dev.marquee.api.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Finds subtitle tracks of a local media file and converts them to WebVTT. The catalog asks every
 * source when it scans a file; playback asks the track's own source to convert it.
 *
 * <p>Thread-safe. Both {@link #tracks} and {@link #toWebVtt} read files (and may run ffmpeg or
 * ffprobe), so they may block; they honour cancellation. No method returns null.
 */
public interface SubtitleSource extends ExtensionPoint {

  /** A stable, lower-case id: {@code sidecar}, {@code embedded}. Cheap, never blocks. */
  String id();

  /**
   * The subtitle tracks this source finds for {@code video}.
   *
   * @param video the media file
   * @return its tracks, each with {@link SubtitleTrack#sourceId()} equal to {@link #id()}; empty
   *     when none
   * @throws IOException when the file cannot be read
   */
  List<SubtitleTrack> tracks(Path video, Progress progress) throws IOException;

  /**
   * One of this source's tracks as WebVTT text.
   *
   * @param video the media file the track belongs to
   * @param track a track this source listed
   * @return the WebVTT document (starting with {@code WEBVTT}), or empty when the track's format
   *     cannot become text (bitmap formats such as PGS or VobSub)
   * @throws IOException when the file cannot be read or the track is corrupt
   * @throws IllegalArgumentException when the track is not one of this source's
   */
  Optional<String> toWebVtt(Path video, SubtitleTrack track, Progress progress) throws IOException;
}
