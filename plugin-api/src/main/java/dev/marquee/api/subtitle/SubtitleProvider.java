package dev.marquee.api.subtitle;

import dev.marquee.api.Progress;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A remote subtitle service (OpenSubtitles, Podnapisi, Addic7ed...). The catalog searches it when a
 * user or a task asks for subtitles, and stores what it downloads as a sidecar file.
 *
 * <p>Thread-safe. {@link #search} and {@link #download} make network calls, may block and honour
 * cancellation. No method returns null. Network and service failures (including exhausted download
 * quotas) are {@link IOException}s whose message the user may see. Optional ability: {@link
 * dev.marquee.api.Ordered}.
 */
public interface SubtitleProvider extends ExtensionPoint {

  /** A stable, lower-case id: {@code opensubtitles}. Cheap, never blocks. */
  String id();

  /**
   * Finds subtitles for an item.
   *
   * @return results, best first (hash matches before title matches); empty when none
   * @throws IOException when the service cannot be reached or refuses the request
   */
  List<RemoteSubtitle> search(SubtitleQuery query, Progress progress) throws IOException;

  /**
   * Downloads one result of {@link #search}.
   *
   * @param remoteId a {@link RemoteSubtitle#remoteId()} this provider returned
   * @return the subtitle, or empty when the service no longer has it
   * @throws IOException when the service cannot be reached or refuses the download
   */
  Optional<DownloadedSubtitle> download(String remoteId, Progress progress) throws IOException;
}
