package dev.marquee.api.metadata;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MetadataProvider} says about one item. The catalog applies it: an empty optional or
 * an empty list means "no opinion, keep what you have", never "erase"; fields an admin locked are
 * left alone. Lists replace the catalog's list when non-empty; external ids are added to the ones
 * the item has. Immutable; build one with {@link #builder()}.
 *
 * @param title the display title
 * @param originalTitle the title in the original language
 * @param sortTitle the title to sort by ("Matrix, The")
 * @param overview the plot or blurb
 * @param tagline a one-line slogan
 * @param releaseDate release, first-air or publication date
 * @param endDate for a series: the last air date when it has ended
 * @param runtime the running time of a movie or episode
 * @param pageCount the pages of a book
 * @param communityRating the average user rating at the source, 0.0–10.0
 * @param contentRating the age rating as the source writes it ({@code PG-13}, {@code FSK 12})
 * @param originalLanguage the original language as a BCP 47 tag
 * @param genres genre names, as the source writes them
 * @param studios studios, networks, or a book's publishers
 * @param people cast and crew, or a book's authors, in billing order
 * @param externalIds ids of this item at sources, keyed by provider id
 * @param images images to choose from, best first per type
 * @param year the release year, for sources that know the year but not the date; the year of
 *     {@code releaseDate} wins over it
 */
public record MetadataPatch(
    Optional<String> title,
    Optional<String> originalTitle,
    Optional<String> sortTitle,
    Optional<String> overview,
    Optional<String> tagline,
    Optional<LocalDate> releaseDate,
    Optional<LocalDate> endDate,
    Optional<Duration> runtime,
    Optional<Integer> pageCount,
    Optional<Double> communityRating,
    Optional<String> contentRating,
    Optional<String> originalLanguage,
    List<String> genres,
    List<String> studios,
    List<Person> people,
    Map<String, String> externalIds,
    List<Image> images,
    Optional<Integer> year) {

  /** @throws NullPointerException when any component is null */
  public MetadataPatch {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(originalTitle, "originalTitle");
    Objects.requireNonNull(sortTitle, "sortTitle");
    Objects.requireNonNull(overview, "overview");
    Objects.requireNonNull(tagline, "tagline");
    Objects.requireNonNull(releaseDate, "releaseDate");
    Objects.requireNonNull(endDate, "endDate");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(pageCount, "pageCount");
    Objects.requireNonNull(communityRating, "communityRating");
    Objects.requireNonNull(contentRating, "contentRating");
    Objects.requireNonNull(originalLanguage, "originalLanguage");
    genres = List.copyOf(genres);
    studios = List.copyOf(studios);
    people = List.copyOf(people);
    externalIds = Map.copyOf(externalIds);
    images = List.copyOf(images);
    Objects.requireNonNull(year, "year");
  }

  /** A builder holding this patch's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.title = title.orElse(null);
    b.originalTitle = originalTitle.orElse(null);
    b.sortTitle = sortTitle.orElse(null);
    b.overview = overview.orElse(null);
    b.tagline = tagline.orElse(null);
    b.releaseDate = releaseDate.orElse(null);
    b.endDate = endDate.orElse(null);
    b.runtime = runtime.orElse(null);
    b.pageCount = pageCount.orElse(null);
    b.communityRating = communityRating.orElse(null);
    b.contentRating = contentRating.orElse(null);
    b.originalLanguage = originalLanguage.orElse(null);
    b.year = year.orElse(null);
    b.genres.addAll(genres);
    b.studios.addAll(studios);
    b.people.addAll(people);
    b.externalIds.putAll(externalIds);
    b.images.addAll(images);
    return b;
  }

  /** A builder with every field empty. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link MetadataPatch}; fields left unset stay empty. Not thread-safe. Each setter
   * rejects null with a {@link NullPointerException}.
   */
  public static final class Builder {
    private String title;
    private String originalTitle;
    private String sortTitle;
    private String overview;
    private String tagline;
    private LocalDate releaseDate;
    private LocalDate endDate;
    private Duration runtime;
    private Integer pageCount;
    private Double communityRating;
    private String contentRating;
    private String originalLanguage;
    private Integer year;
    private final List<String> genres = new ArrayList<>();
    private final List<String> studios = new ArrayList<>();
    private final List<Person> people = new ArrayList<>();
    private final Map<String, String> externalIds = new LinkedHashMap<>();
    private final List<Image> images = new ArrayList<>();

    private Builder() {}

    /** Sets {@link MetadataPatch#title()}. */
    public Builder title(String value) {
      title = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#originalTitle()}. */
    public Builder originalTitle(String value) {
      originalTitle = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#sortTitle()}. */
    public Builder sortTitle(String value) {
      sortTitle = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#overview()}. */
    public Builder overview(String value) {
      overview = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#tagline()}. */
    public Builder tagline(String value) {
      tagline = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#releaseDate()}. */
    public Builder releaseDate(LocalDate value) {
      releaseDate = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#endDate()}. */
    public Builder endDate(LocalDate value) {
      endDate = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#runtime()}. */
    public Builder runtime(Duration value) {
      runtime = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#pageCount()}. */
    public Builder pageCount(int value) {
      pageCount = value;
      return this;
    }

    /**
     * Sets {@link MetadataPatch#communityRating()}.
     *
     * @throws IllegalArgumentException outside 0.0–10.0
     */
    public Builder communityRating(double value) {
      if (!(value >= 0.0 && value <= 10.0)) {
        throw new IllegalArgumentException("community rating must be within 0.0–10.0: " + value);
      }
      communityRating = value;
      return this;
    }

    /** Sets {@link MetadataPatch#contentRating()}. */
    public Builder contentRating(String value) {
      contentRating = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#originalLanguage()}. */
    public Builder originalLanguage(String value) {
      originalLanguage = Objects.requireNonNull(value);
      return this;
    }

    /** Sets {@link MetadataPatch#year()}. */
    public Builder year(int value) {
      year = value;
      return this;
    }

    /** Adds to {@link MetadataPatch#genres()}. */
    public Builder genre(String value) {
      genres.add(Objects.requireNonNull(value));
      return this;
    }

    /** Adds to {@link MetadataPatch#studios()}. */
    public Builder studio(String value) {
      studios.add(Objects.requireNonNull(value));
      return this;
    }

    /** Adds to {@link MetadataPatch#people()}. */
    public Builder person(Person value) {
      people.add(Objects.requireNonNull(value));
      return this;
    }

    /** Adds to {@link MetadataPatch#externalIds()}; a second id for one provider replaces the first. */
    public Builder externalId(String providerId, String id) {
      externalIds.put(Objects.requireNonNull(providerId), Objects.requireNonNull(id));
      return this;
    }

    /** Adds to {@link MetadataPatch#images()}. */
    public Builder image(Image value) {
      images.add(Objects.requireNonNull(value));
      return this;
    }

    /** The patch; the builder may be used further. */
    public MetadataPatch build() {
      return new MetadataPatch(Optional.ofNullable(title), Optional.ofNullable(originalTitle), Optional.ofNullable(sortTitle),
          Optional.ofNullable(overview), Optional.ofNullable(tagline), Optional.ofNullable(releaseDate),
          Optional.ofNullable(endDate), Optional.ofNullable(runtime), Optional.ofNullable(pageCount),
          Optional.ofNullable(communityRating), Optional.ofNullable(contentRating), Optional.ofNullable(originalLanguage),
          genres, studios, people, externalIds, images, Optional.ofNullable(year));
    }
  }
}
