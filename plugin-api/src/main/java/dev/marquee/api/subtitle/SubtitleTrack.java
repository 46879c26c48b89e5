package dev.marquee.api.subtitle;

import java.util.Objects;
import java.util.Optional;

/**
 * One subtitle track of a media file. Immutable.
 *
 * @param sourceId the {@link SubtitleSource} that found it
 * @param trackId the source's handle for it: a sidecar's file name, an embedded stream's index
 * @param origin where it lives
 * @param format its format, lower case: {@code srt}, {@code ass}, {@code webvtt}, {@code pgs}; picture
 *     formats, which the kernel never offers as text, are {@code pgs}, {@code vobsub}, {@code dvb}
 *     and {@code xsub}
 * @param language its language as an ISO 639-2 or BCP 47 tag, when known
 * @param title its title as the file names it ("English SDH", "Commentary")
 * @param forced whether it only covers foreign-language parts
 * @param hearingImpaired whether it describes sounds too (SDH)
 * @param defaultTrack whether the file marks it as the default
 */
public record SubtitleTrack(String sourceId, String trackId, Origin origin, String format, Optional<String> language,
    Optional<String> title, boolean forced, boolean hearingImpaired, boolean defaultTrack) {

  /** Where a track lives. */
  public enum Origin {
    /** A file next to the video ({@code Movie.en.srt}). */
    SIDECAR,
    /** A stream inside the video's container. */
    EMBEDDED
  }

  /** @throws NullPointerException when any component is null */
  public SubtitleTrack {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(trackId, "trackId");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(title, "title");
  }
}
