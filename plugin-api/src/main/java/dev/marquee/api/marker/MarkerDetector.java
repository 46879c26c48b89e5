package dev.marquee.api.marker;

import dev.marquee.api.Progress;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Finds intro, recap, credits and outro markers of episodes. The catalog's marker task calls it
 * with the episodes of one season at a time, because intros are found by comparing episodes.
 *
 * <p>Thread-safe. {@link #detect} reads media files (and may run ffmpeg for hours on a large
 * season), so it blocks, should report progress and must honour cancellation. No method returns
 * null. Optional ability: {@link dev.marquee.api.Ordered}; when two detectors mark the same type on
 * one episode, the catalog keeps the first one's marker.
 */
public interface MarkerDetector extends ExtensionPoint {

  /** A stable, lower-case id: {@code chapters}, {@code audio-fingerprint}. Cheap, never blocks. */
  String id();

  /** The marker types this detector can find; never empty. Cheap, never blocks. */
  Set<Marker.Type> types();

  /**
   * Finds markers in the episodes of one season.
   *
   * @param season the season's episodes in order; at least one
   * @return the markers found, in any order, each naming its episode; empty when none
   * @throws IOException when a file cannot be read or decoded
   * @throws java.util.concurrent.CancellationException when {@code progress} was cancelled
   */
  List<Marker> detect(List<EpisodeFile> season, Progress progress) throws IOException;
}
