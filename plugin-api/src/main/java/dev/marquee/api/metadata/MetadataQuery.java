package dev.marquee.api.metadata;

import dev.marquee.api.MediaKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the catalog knows of an item when it asks a {@link MetadataProvider}. Immutable.
 *
 * @param kind the kind of item
 * @param title the title as the catalog knows it (from the file name or an earlier match); for a
 *     season or an episode the series title
 * @param year the release year (first-aired year for a series)
 * @param externalIds ids the item already has, keyed by provider id ({@code imdb}, {@code tmdb},
 *     {@code tvdb}, {@code isbn}, {@code openlibrary}...); may be empty
 * @param seriesExternalIds for a season or an episode: the series' ids; empty otherwise
 * @param seasonNumber for a season or an episode
 * @param episodeNumber for an episode
 * @param authors for a book: its authors as found in the file; empty otherwise
 * @param language the language wanted for texts, as a BCP 47 tag ({@code en}, {@code de-AT})
 * @param files where the item lies on disk, for providers that read what lies beside it (NFO files,
 *     embedded tags): a movie's, episode's or book's media files, main part first; a series' or a
 *     season's folder; empty when unknown
 */
public record MetadataQuery(
    MediaKind kind,
    String title,
    Optional<Integer> year,
    Map<String, String> externalIds,
    Map<String, String> seriesExternalIds,
    Optional<Integer> seasonNumber,
    Optional<Integer> episodeNumber,
    List<String> authors,
    String language,
    List<Path> files) {

  /** @throws NullPointerException when any component is null */
  public MetadataQuery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(year, "year");
    externalIds = Map.copyOf(externalIds);
    seriesExternalIds = Map.copyOf(seriesExternalIds);
    Objects.requireNonNull(seasonNumber, "seasonNumber");
    Objects.requireNonNull(episodeNumber, "episodeNumber");
    authors = List.copyOf(authors);
    Objects.requireNonNull(language, "language");
    files = List.copyOf(files);
  }

  /** A query for a movie, series or book known by title (and year) only. */
  public static MetadataQuery of(MediaKind kind, String title, Optional<Integer> year, String language) {
    return new MetadataQuery(kind, title, year, Map.of(), Map.of(), Optional.empty(), Optional.empty(), List.of(), language, List.of());
  }

  /** The id this item has at {@code providerId}, if known. */
  public Optional<String> externalId(String providerId) {
    return Optional.ofNullable(externalIds.get(providerId));
  }
}
