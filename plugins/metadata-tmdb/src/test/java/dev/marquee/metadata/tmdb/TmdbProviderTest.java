package dev.marquee.metadata.tmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Progress;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataQuery;
import dev.marquee.api.metadata.Person;
import dev.marquee.kernel.testing.TestPluginContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TMDb provider against an in-test TMDb that answers with the API's documented JSON. */
class TmdbProviderTest {
  /** The TMDb provider keeps no files of its own. */
  private static final Path NO_FILES = Path.of(System.getProperty("java.io.tmpdir"));

  private FakeTmdb tmdb;

  @BeforeEach
  void start() throws IOException {
    tmdb = new FakeTmdb()
        .route("/search/movie", "search-movie-the-matrix.json")
        .route("/movie/603", "movie-603.json")
        .route("/find/tt0133093", "find-tt0133093.json")
        .route("/search/tv", "search-tv-breaking-bad.json")
        .route("/tv/1396", "tv-1396.json")
        .route("/tv/1396/season/1/episode/2", "tv-1396-s1e2.json");
  }

  @AfterEach
  void stop() {
    tmdb.close();
  }

  private TmdbProvider provider(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("base-url", tmdb.baseUrl(), "api-key", "test-key"));
    settings.putAll(extra);
    return new TmdbProvider(new TestPluginContext("metadata-tmdb", settings, NO_FILES));
  }

  private static MetadataQuery query(MediaKind kind, String title, Integer year, Map<String, String> ids) {
    return new MetadataQuery(kind, title, Optional.ofNullable(year), ids, Map.of(), Optional.empty(), Optional.empty(),
        List.of(), "en-US", List.of());
  }

  @Test
  void search_titleAndYear_ranksTheExactMatchFirst() throws IOException {
    // when
    List<Candidate> found = provider(Map.of()).search(query(MediaKind.MOVIE, "The Matrix", 1999, Map.of()), Progress.none());
    // then
    assertThat(found).extracting(Candidate::title).containsExactly("The Matrix", "The Matrix Reloaded");
    Candidate best = found.get(0);
    assertThat(best.externalIds()).containsExactly(Map.entry("tmdb", "603"));
    assertThat(best.year()).contains(1999);
    assertThat(best.confidence()).isEqualTo(1.0);
    assertThat(best.imageUrl()).contains(URI.create("https://image.tmdb.org/t/p/original/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg"));
    assertThat(found.get(1).confidence()).isLessThan(0.8);
    FakeTmdb.Request request = tmdb.requestsTo("/search/movie").get(0);
    assertThat(request.query()).contains("query=The%20Matrix", "year=1999", "language=en-US", "api_key=test-key");
  }

  @Test
  void fetch_movieByTmdbId_mapsDetailsCreditsImagesAndCertification() throws IOException {
    // when
    MetadataPatch patch = provider(Map.of()).fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "603")), Progress.none())
        .orElseThrow();
    // then
    assertThat(patch.title()).contains("The Matrix");
    assertThat(patch.tagline()).contains("Welcome to the Real World.");
    assertThat(patch.releaseDate()).contains(LocalDate.of(1999, 3, 30));
    assertThat(patch.runtime()).contains(Duration.ofMinutes(136));
    assertThat(patch.communityRating()).contains(8.2);
    assertThat(patch.contentRating()).contains("R");
    assertThat(patch.genres()).containsExactly("Action", "Science Fiction");
    assertThat(patch.studios()).containsExactly("Village Roadshow Pictures", "Warner Bros. Pictures");
    assertThat(patch.externalIds()).containsExactlyInAnyOrderEntriesOf(Map.of("tmdb", "603", "imdb", "tt0133093"));
    assertThat(patch.people()).extracting(Person::name, Person::role, p -> p.character().orElse(null)).containsExactly(
        tuple("Keanu Reeves", Person.Role.ACTOR, "Thomas A. Anderson / Neo"),
        tuple("Laurence Fishburne", Person.Role.ACTOR, "Morpheus"),
        tuple("Carrie-Anne Moss", Person.Role.ACTOR, "Trinity"),
        tuple("Lana Wachowski", Person.Role.DIRECTOR, null),
        tuple("Lana Wachowski", Person.Role.WRITER, null));
    assertThat(patch.people().get(0).externalIds()).containsEntry("tmdb", "6384");
    assertThat(patch.people().get(0).imageUrl()).contains(URI.create("https://image.tmdb.org/t/p/original/4D0PpNI0kmP58hgrwGC3wCjxhnm.jpg"));
    assertThat(patch.images()).extracting(Image::type, i -> i.url().getPath()).containsExactly(
        tuple(Image.Type.POSTER, "/t/p/original/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg"),
        tuple(Image.Type.POSTER, "/t/p/original/aOIuZAjPaRIE6CMzbazvcHuHXDc.jpg"),
        tuple(Image.Type.BACKDROP, "/t/p/original/ncEsesgOJDNrTUED89hYbA117wo.jpg"),
        tuple(Image.Type.BACKDROP, "/t/p/original/fNG7i7RqMErkcqhohV2a6cV1Ehy.jpg"),
        tuple(Image.Type.LOGO, "/t/p/original/4ZOvPJ4UMbxtStxDGNfG5ZbL2DJ.png"));
    assertThat(tmdb.requestsTo("/movie/603").get(0).query())
        .contains("append_to_response=credits%2Cexternal_ids%2Cimages%2Crelease_dates");
  }

  @Test
  void fetch_movieByImdbId_findsTheTmdbIdFirst() throws IOException {
    MetadataPatch patch = provider(Map.of()).fetch(query(MediaKind.MOVIE, "x", null, Map.of("imdb", "tt0133093")), Progress.none())
        .orElseThrow();
    assertThat(patch.externalIds()).containsEntry("tmdb", "603");
    assertThat(tmdb.requestsTo("/find/tt0133093").get(0).query()).contains("external_source=imdb_id");
  }

  @Test
  void fetch_unknownIdOrNoId_isEmpty() throws IOException {
    TmdbProvider provider = provider(Map.of());
    assertThat(provider.fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "1")), Progress.none())).isEmpty();
    assertThat(provider.fetch(query(MediaKind.MOVIE, "x", null, Map.of()), Progress.none())).isEmpty();
  }

  @Test
  void fetch_seriesAndEpisode_useTheSeriesIdAndNumbers() throws IOException {
    // given
    TmdbProvider provider = provider(Map.of());
    MetadataQuery episode = new MetadataQuery(MediaKind.EPISODE, "Breaking Bad", Optional.of(2008), Map.of(),
        Map.of("tmdb", "1396"), Optional.of(1), Optional.of(2), List.of(), "en-US", List.of());
    // when
    MetadataPatch show = provider.fetch(query(MediaKind.SERIES, "Breaking Bad", null, Map.of("tmdb", "1396")), Progress.none())
        .orElseThrow();
    MetadataPatch ep = provider.fetch(episode, Progress.none()).orElseThrow();
    // then
    assertThat(show.title()).contains("Breaking Bad");
    assertThat(show.endDate()).contains(LocalDate.of(2013, 9, 29));
    assertThat(show.contentRating()).contains("TV-MA");
    assertThat(show.studios()).containsExactly("AMC");
    assertThat(show.externalIds()).containsExactlyInAnyOrderEntriesOf(Map.of("tmdb", "1396", "imdb", "tt0903747", "tvdb", "81189"));
    assertThat(show.people()).extracting(Person::name, Person::role).startsWith(tuple("Vince Gilligan", Person.Role.CREATOR));
    assertThat(ep.title()).contains("Cat's in the Bag...");
    assertThat(ep.releaseDate()).contains(LocalDate.of(2008, 1, 27));
    assertThat(ep.runtime()).contains(Duration.ofMinutes(48));
    assertThat(ep.externalIds()).containsEntry("tvdb", "349232").containsEntry("imdb", "tt1054724");
    assertThat(ep.people()).extracting(Person::name, Person::role).containsExactly(
        tuple("Bryan Cranston", Person.Role.ACTOR), tuple("Adam Bernstein", Person.Role.DIRECTOR),
        tuple("Vince Gilligan", Person.Role.WRITER));
    assertThat(ep.images()).extracting(Image::type).containsExactly(Image.Type.THUMBNAIL);
  }

  @Test
  void search_tv_usesFirstAirDateYear() throws IOException {
    List<Candidate> found = provider(Map.of()).search(query(MediaKind.SERIES, "Breaking Bad", 2008, Map.of()), Progress.none());
    assertThat(found).singleElement().satisfies(c -> {
      assertThat(c.externalIds()).containsEntry("tmdb", "1396");
      assertThat(c.confidence()).isEqualTo(1.0);
    });
    assertThat(tmdb.requestsTo("/search/tv").get(0).query()).contains("first_air_date_year=2008");
  }

  @Test
  void get_tooManyRequests_isRetriedAfterRetryAfter() throws IOException {
    // given
    tmdb.throttle("/movie/603", 1);
    long start = System.nanoTime();
    // when
    Optional<MetadataPatch> patch = provider(Map.of()).fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "603")), Progress.none());
    // then
    assertThat(patch).isPresent();
    assertThat(tmdb.requestsTo("/movie/603")).hasSize(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  @Test
  void get_throttledBeyondRetries_failsWithIoException() {
    tmdb.throttle("/movie/603", 10);
    TmdbProvider provider = provider(Map.of("max-retries", "1", "max-retry-wait", "PT0.05S"));
    assertThatThrownBy(() -> provider.fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "603")), Progress.none()))
        .isInstanceOf(IOException.class).hasMessageContaining("429");
    assertThat(tmdb.requestsTo("/movie/603")).hasSize(2);
  }

  @Test
  void get_sameResourceTwice_isAnsweredFromTheCache() throws IOException {
    TmdbProvider provider = provider(Map.of());
    provider.fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "603")), Progress.none());
    provider.fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "603")), Progress.none());
    assertThat(tmdb.requestsTo("/movie/603")).hasSize(1);
  }

  @Test
  void accessToken_isSentAsBearerWithoutTheKey() throws IOException {
    TmdbProvider provider = new TmdbProvider(new TestPluginContext("metadata-tmdb", Map.of("base-url", tmdb.baseUrl(), "access-token", "test-token"), NO_FILES));
    assertThat(provider.fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "603")), Progress.none())).isPresent();
    FakeTmdb.Request request = tmdb.requestsTo("/movie/603").get(0);
    assertThat(request.authorization()).isEqualTo("Bearer test-token");
    assertThat(request.query()).doesNotContain("api_key");
  }

  @Test
  void wrongKey_failsWithAClearMessage() {
    TmdbProvider provider = provider(Map.of("api-key", "wrong"));
    assertThatThrownBy(() -> provider.search(query(MediaKind.MOVIE, "The Matrix", null, Map.of()), Progress.none()))
        .isInstanceOf(IOException.class).hasMessageContaining("401");
  }

  @Test
  void noCredentials_findsNothingWithoutCalling() throws IOException {
    TmdbProvider provider = new TmdbProvider(new TestPluginContext("metadata-tmdb", Map.of("base-url", tmdb.baseUrl()), NO_FILES));
    assertThat(provider.search(query(MediaKind.MOVIE, "The Matrix", null, Map.of()), Progress.none())).isEmpty();
    assertThat(provider.fetch(query(MediaKind.MOVIE, "x", null, Map.of("tmdb", "603")), Progress.none())).isEmpty();
    assertThat(tmdb.requests).isEmpty();
  }

  @Test
  void defaults_pointAtTheRealService() {
    TmdbSettings settings = TmdbSettings.from(new TestPluginContext("metadata-tmdb", Map.of(), NO_FILES).config());
    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.themoviedb.org/3"));
    assertThat(settings.imageBaseUrl()).isEqualTo("https://image.tmdb.org/t/p/original");
  }
}
