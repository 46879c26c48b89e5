package dev.marquee.kernel.media;

import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What a file holds, for playback: container, duration, bitrate and streams as probing stored
 * them; a file never probed, or changed since, is probed on the spot (blocking, within {@code
 * media.probe-timeout}) so that a decision never rests on guesses.
 */
@Singleton
public final class MediaInfo {

  /**
   * A probed file.
   *
   * @param container ffprobe's format name, for example {@code matroska,webm} or {@code
   *     mov,mp4,m4a,3gp,3g2,mj2}
   * @param durationMs null when unknown
   * @param bitrate bits per second, null when unknown
   * @param streams in file order
   * @param probeError why probing failed, null when it succeeded
   */
  public record Source(long fileId, String container, Long durationMs, Long bitrate, List<ProbedStream> streams,
      String probeError) {

    /** The first video stream that is not a cover picture. */
    public Optional<ProbedStream> video() {
      return streams.stream().filter(s -> s.type().equals("video") && !ATTACHED_PICTURES.contains(s.codec())).findFirst();
    }

    public List<ProbedStream> audio() {
      return streams.stream().filter(s -> s.type().equals("audio")).toList();
    }

    public List<ProbedStream> subtitles() {
      return streams.stream().filter(s -> s.type().equals("subtitle")).toList();
    }
  }

  /** Codecs of cover art that ffprobe lists as video streams. */
  private static final List<String> ATTACHED_PICTURES = List.of("mjpeg", "png", "bmp", "gif", "webp");

  private final Jdbi jdbi;
  private final FileProber prober;

  @Inject
  MediaInfo(Jdbi jdbi, FileProber prober) {
    this.jdbi = jdbi;
    this.prober = prober;
  }

  /** The file's probed media, probing it first when needed; empty for an unknown file. */
  public Optional<Source> of(long fileId) {
    // one handle for what is already probed, the common case when a player asks
    Optional<Stored> stored = jdbi.withHandle(h -> stored(h, fileId));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    if (stored.get().current()) {
      return Optional.of(stored.get().source());
    }
    prober.probe(stored.get().file());
    return jdbi.withHandle(h -> stored(h, fileId)).map(Stored::source);
  }

  /** What the database holds of the file, and whether its probe is as new as its contents. */
  private record Stored(ProbeStore.FileToProbe file, boolean current, Source source) {}

  private static Optional<Stored> stored(Handle h, long fileId) {
    Optional<ProbeStore.FileToProbe> file = h.attach(ProbeStore.class).file(fileId);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    List<ProbedStream> streams = h.createQuery("SELECT * FROM media_streams WHERE file_id = :id ORDER BY stream_index")
        .bind("id", fileId).map((row, ctx) -> ProbedStreams.stream(row)).list();
    return h.createQuery("SELECT container, duration_ms, bitrate, probe_error, probed_at IS NOT NULL AND probed_at >= mtime"
            + " AS current FROM media_files WHERE id = :id")
        .bind("id", fileId)
        .map((row, ctx) -> {
          long duration = row.getLong("duration_ms");
          Long durationMs = row.wasNull() ? null : duration;
          long rate = row.getLong("bitrate");
          Long bitrate = row.wasNull() ? null : rate;
          return new Stored(file.get(), row.getBoolean("current"), new Source(fileId, row.getString("container"),
              durationMs, bitrate, streams, row.getString("probe_error")));
        })
        .findOne();
  }
}
