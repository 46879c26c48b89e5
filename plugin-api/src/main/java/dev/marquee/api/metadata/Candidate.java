package dev.marquee.api.metadata;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One item a {@link MetadataProvider} found for a query: enough to show in a "choose the right
 * match" list and to {@link MetadataProvider#fetch fetch} it afterwards. Immutable.
 *
 * @param title the title at the source
 * @param year the release year
 * @param externalIds the ids that identify this candidate, at least the provider's own
 * @param overview a short description
 * @param imageUrl a poster or cover to show next to it
 * @param confidence how sure the provider is that this is the item, 0.0–1.0
 */
public record Candidate(
    String title,
    Optional<Integer> year,
    Map<String, String> externalIds,
    Optional<String> overview,
    Optional<URI> imageUrl,
    double confidence) {

  /**
   * @throws NullPointerException when any component is null
   * @throws IllegalArgumentException when {@code externalIds} is empty or {@code confidence} is
   *     outside 0.0–1.0
   */
  public Candidate {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(year, "year");
    externalIds = Map.copyOf(externalIds);
    Objects.requireNonNull(overview, "overview");
    Objects.requireNonNull(imageUrl, "imageUrl");
    if (externalIds.isEmpty()) {
      throw new IllegalArgumentException("a candidate needs at least one external id");
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be within 0.0–1.0: " + confidence);
    }
  }
}
