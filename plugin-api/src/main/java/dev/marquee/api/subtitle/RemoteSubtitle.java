package dev.marquee.api.subtitle;

import java.util.Objects;
import java.util.Optional;

/**
 * One search result of a {@link SubtitleProvider}. Immutable.
 *
 * @param providerId the provider that found it
 * @param remoteId the provider's id, for {@link SubtitleProvider#download}
 * @param language its language as an ISO 639-1 code
 * @param format its format, lower case ({@code srt}, {@code ass}, {@code webvtt})
 * @param releaseName the release it was timed for ("Movie.2019.1080p.BluRay.x264-GRP")
 * @param downloadCount how often it was downloaded, as a hint of quality
 * @param hashMatch whether it was found by the file's hash (timed for this exact file)
 * @param hearingImpaired whether it is SDH
 */
public record RemoteSubtitle(String providerId, String remoteId, String language, String format,
    Optional<String> releaseName, Optional<Integer> downloadCount, boolean hashMatch, boolean hearingImpaired) {

  /** @throws NullPointerException when any component is null */
  public RemoteSubtitle {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(remoteId, "remoteId");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(releaseName, "releaseName");
    Objects.requireNonNull(downloadCount, "downloadCount");
  }
}
