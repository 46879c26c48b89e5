package dev.marquee.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestDatabase.Engine;
import dev.marquee.kernel.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog's read queries through the API, on every database engine, over one seeded catalog per engine. */
class CatalogQueriesTest {
  @TempDir
  static Path tempDir;

  private static final Map<Engine, CatalogSeed> SEEDS = new EnumMap<>(Engine.class);

  static synchronized CatalogSeed seed(Engine engine) throws Exception {
    CatalogSeed seed = SEEDS.get(engine);
    if (seed == null) {
      seed = new CatalogSeed(engine, Files.createDirectories(tempDir.resolve(engine.name())));
      SEEDS.put(engine, seed);
    }
    return seed;
  }

  @AfterAll
  static void close() {
    SEEDS.values().forEach(CatalogSeed::close);
    SEEDS.clear();
  }

  static List<String> titles(JsonNode page) {
    List<String> titles = new ArrayList<>();
    page.path("items").forEach(item -> titles.add(item.path("title").asText()));
    return titles;
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void libraryItems_eachSort_ordersTopLevelPresentItems(Engine engine) throws Exception {
    // given
    CatalogSeed s = seed(engine);
    TestHttp user = s.kernel.user("sorter");
    String items = "/api/v1/libraries/" + s.movies + "/items";

    // when
    var byTitle = user.get(items);
    var byTitleDesc = user.get(items + "?sort=title&order=desc");
    var byYear = user.get(items + "?sort=year");
    var byRating = user.get(items + "?sort=rating");
    var byAdded = user.get(items + "?sort=added&order=asc");
    var random1 = user.get(items + "?sort=random&seed=42");
    var random2 = user.get(items + "?sort=random&seed=42");
    var paged = user.get(items + "?limit=2&offset=1");

    // then
    assertThat(byTitle.status()).as(byTitle.toString()).isEqualTo(200);
    assertThat(titles(byTitle.json())).containsExactly("Alien", "Aliens", "Amélie", "The Matrix");
    assertThat(byTitle.json().path("total").asLong()).isEqualTo(4);
    assertThat(titles(byTitleDesc.json())).containsExactly("The Matrix", "Amélie", "Aliens", "Alien");
    assertThat(titles(byYear.json())).containsExactly("Amélie", "The Matrix", "Aliens", "Alien");
    assertThat(titles(byRating.json())).containsExactly("The Matrix", "Alien", "Aliens", "Amélie");
    assertThat(titles(byAdded.json())).containsExactly("Amélie", "The Matrix", "Alien", "Aliens");
    assertThat(titles(random1.json())).containsExactlyInAnyOrder("Alien", "Aliens", "Amélie", "The Matrix")
        .containsExactlyElementsOf(titles(random2.json()));
    assertThat(titles(paged.json())).containsExactly("Aliens", "Amélie");
    assertThat(paged.json().path("total").asLong()).isEqualTo(4);
    assertThat(paged.json().path("offset").asInt()).isEqualTo(1);
    assertThat(paged.json().path("limit").asInt()).isEqualTo(2);
    JsonNode first = byTitle.json().path("items").get(0);
    assertThat(first.path("id").asLong()).isEqualTo(s.alien);
    assertThat(first.path("kind").asText()).isEqualTo("movie");
    assertThat(first.path("year").asInt()).isEqualTo(1979);
    assertThat(first.path("addedAt").asText()).endsWith("Z");
    assertThat(first.path("userState").path("played").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void libraryItems_genreYearAndKindFilters_narrowTheList(Engine engine) throws Exception {
    CatalogSeed s = seed(engine);
    TestHttp user = s.kernel.user("filterer");
    String items = "/api/v1/libraries/" + s.movies + "/items";

    assertThat(titles(user.get(items + "?genre=science%20fiction").json())).containsExactly("Alien", "The Matrix");
    assertThat(titles(user.get(items + "?genre=ACTION").json())).containsExactly("Aliens", "The Matrix");
    assertThat(titles(user.get(items + "?year=1999").json())).containsExactly("The Matrix");
    assertThat(titles(user.get(items + "?yearFrom=1980&yearTo=2000").json())).containsExactly("Aliens", "The Matrix");
    assertThat(titles(user.get(items + "?kind=series").json())).isEmpty();
    assertThat(titles(user.get("/api/v1/libraries/" + s.shows + "/items?kind=series").json()))
        .containsExactly("Breaking Bad", "Dark");
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void libraryItems_watchedFilter_perUserAndSeriesWatchedWhenAllEpisodesAre(Engine engine) throws Exception {
    // given: carol played The Matrix, every episode of Dark and one of Breaking Bad; dave nothing
    CatalogSeed s = seed(engine);
    long carol = s.userId("carol");
    s.fixture.state(carol, s.matrix, 0, true, 1L);
    s.fixture.state(carol, s.darkS1E1, 0, true, 2L);
    s.fixture.state(carol, s.bbS1[0], 0, true, 3L);
    s.fixture.state(carol, s.alien, 60_000, false, 4L);
    TestHttp carolHttp = s.kernel.user("carol");
    TestHttp daveHttp = s.kernel.user("dave");

    // when / then
    assertThat(titles(carolHttp.get("/api/v1/libraries/" + s.movies + "/items?watched=true").json()))
        .containsExactly("The Matrix");
    assertThat(titles(carolHttp.get("/api/v1/libraries/" + s.movies + "/items?watched=false").json()))
        .containsExactly("Alien", "Aliens", "Amélie");
    var watchedShows = carolHttp.get("/api/v1/libraries/" + s.shows + "/items?watched=true").json();
    assertThat(titles(watchedShows)).containsExactly("Dark");
    assertThat(watchedShows.path("items").get(0).path("userState").path("played").asBoolean()).isTrue();
    assertThat(carolHttp.get("/api/v1/media/" + s.dark).json().path("userState").path("played").asBoolean()).isTrue();
    assertThat(titles(carolHttp.get("/api/v1/libraries/" + s.shows + "/items?watched=false").json()))
        .containsExactly("Breaking Bad");
    assertThat(titles(daveHttp.get("/api/v1/libraries/" + s.movies + "/items?watched=true").json())).isEmpty();
    assertThat(titles(daveHttp.get("/api/v1/libraries/" + s.shows + "/items?watched=false").json()))
        .containsExactly("Breaking Bad", "Dark");
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void detail_movie_hasIdsGenresPeopleFilesAndUserState(Engine engine) throws Exception {
    // given
    CatalogSeed s = seed(engine);
    long erin = s.userId("erin");
    s.fixture.state(erin, s.amelie, 1_800_000, false, 1_700_000_000_000L);

    // when
    var response = s.kernel.user("erin").get("/api/v1/media/" + s.amelie);

    // then
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode item = response.json();
    assertThat(item.path("title").asText()).isEqualTo("Amélie");
    assertThat(item.path("originalTitle").asText()).isEqualTo("Le Fabuleux Destin d'Amélie Poulain");
    assertThat(item.path("kind").asText()).isEqualTo("movie");
    assertThat(item.path("libraryId").asLong()).isEqualTo(s.movies);
    assertThat(item.path("externalIds").toString()).isEqualTo("{\"imdb\":\"tt0211915\",\"tmdb\":\"194\"}");
    assertThat(item.path("genres").toString()).isEqualTo("[\"Comedy\",\"Romance\"]");
    assertThat(item.path("people").get(0).path("name").asText()).isEqualTo("Audrey Tautou");
    assertThat(item.path("people").get(0).path("role").asText()).isEqualTo("actor");
    assertThat(item.path("people").get(0).path("character").asText()).isEqualTo("Amélie Poulain");
    assertThat(item.path("people").get(1).path("role").asText()).isEqualTo("director");
    assertThat(item.path("files").get(0).path("path").asText()).isEqualTo("/media/movies/Amélie (2001)/Amélie (2001).mkv");
    assertThat(item.path("files").get(0).path("size").asLong()).isEqualTo(1_234_567);
    assertThat(item.path("files").get(0).path("container").asText()).isEqualTo("matroska");
    assertThat(item.path("files").get(0).path("durationMs").asLong()).isEqualTo(7_200_000);
    assertThat(item.path("files").get(0).path("streams").isNull()).isTrue();
    assertThat(item.path("userState").path("positionMs").asLong()).isEqualTo(1_800_000);
    assertThat(item.path("userState").path("positionTicks").asLong()).isEqualTo(18_000_000_000L);
    assertThat(item.path("userState").path("played").asBoolean()).isFalse();
    assertThat(item.path("userState").path("lastPlayedAt").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(item.path("images").size()).isZero();
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void detailAndChildren_series_seasonsAndEpisodesByNumberWithParentIds(Engine engine) throws Exception {
    // given
    CatalogSeed s = seed(engine);
    TestHttp user = s.kernel.user("frank");

    // when
    var seasons = user.get("/api/v1/media/" + s.breakingBad + "/children");
    var episodes = user.get("/api/v1/media/" + s.bbSeason1 + "/children");
    var episode = user.get("/api/v1/media/" + s.bbS1[1]);
    var season = user.get("/api/v1/media/" + s.bbSeason2);

    // then
    assertThat(titles(seasons.json())).containsExactly("Season 1", "Season 2");
    assertThat(seasons.json().path("total").asLong()).isEqualTo(2);
    assertThat(titles(episodes.json())).containsExactly("Pilot", "Cat's in the Bag...", "...And the Bag's in the River");
    assertThat(episodes.json().path("items").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(episode.json().path("seriesId").asLong()).isEqualTo(s.breakingBad);
    assertThat(episode.json().path("seasonId").asLong()).isEqualTo(s.bbSeason1);
    assertThat(episode.json().path("parentIndex").asInt()).isEqualTo(1);
    assertThat(season.json().path("seriesId").asLong()).isEqualTo(s.breakingBad);
    assertThat(season.json().path("childCount").asLong()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void search_accentsCaseAndRanking(Engine engine) throws Exception {
    CatalogSeed s = seed(engine);
    TestHttp user = s.kernel.user("gina");

    assertThat(titles(user.get("/api/v1/search?q=amel").json())).containsExactly("Amélie");
    assertThat(titles(user.get("/api/v1/search?q=AM%C3%89LIE").json())).containsExactly("Amélie");
    assertThat(titles(user.get("/api/v1/search?q=poulain").json())).containsExactly("Amélie");
    // exact title, then title prefix, then a word inside the title
    assertThat(titles(user.get("/api/v1/search?q=alien").json())).containsExactly("Alien", "Aliens", "The Alien Within")
        .doesNotContain("Alien Trailer");
    assertThat(titles(user.get("/api/v1/search?q=bag%20the").json()))
        .containsExactly("...And the Bag's in the River", "Cat's in the Bag...");
    assertThat(titles(user.get("/api/v1/search?q=zed").json())).isEmpty();
    var suggest = user.get("/api/v1/search/suggest?q=ali");
    assertThat(suggest.status()).isEqualTo(200);
    assertThat(titles(suggest.json())).containsExactly("Alien", "Aliens", "The Alien Within");
    assertThat(suggest.json().path("items").get(0).path("kind").asText()).isEqualTo("movie");
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void recentGenresAndPeople_countVisibleItemsOnly(Engine engine) throws Exception {
    CatalogSeed s = seed(engine);
    TestHttp user = s.kernel.user("hank");

    var recent = user.get("/api/v1/media/recent?limit=3");
    var recentMovies = user.get("/api/v1/media/recent?libraryId=" + s.movies);
    var genres = user.get("/api/v1/genres?libraryId=" + s.movies);
    var person = user.get("/api/v1/people/" + s.audrey);

    assertThat(titles(recent.json())).containsExactly("The Alien Within", "Secrets", "Dark");
    assertThat(titles(recentMovies.json())).containsExactly("Aliens", "Alien", "The Matrix", "Amélie");
    assertThat(genres.json().path("items").toString()).contains("{\"id\":", "\"name\":\"Action\",\"count\":2}",
        "\"name\":\"Science Fiction\",\"count\":2}", "\"name\":\"Comedy\",\"count\":1}");
    assertThat(person.json().path("name").asText()).isEqualTo("Audrey Tautou");
    assertThat(person.json().path("items").get(0).path("character").asText()).isEqualTo("Amélie Poulain");
    assertThat(person.json().path("items").get(0).path("item").path("title").asText()).isEqualTo("Amélie");
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void missingItems_hiddenFromUsers_shownToAdminsWhoAsk(Engine engine) throws Exception {
    CatalogSeed s = seed(engine);
    TestHttp admin = s.kernel.admin();
    TestHttp user = s.kernel.user("ivan");

    assertThat(user.get("/api/v1/media/" + s.zed).status()).isEqualTo(404);
    assertThat(user.get("/api/v1/media/" + s.zed + "?includeMissing=true").status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/media/" + s.zed).status()).isEqualTo(404);
    var shown = admin.get("/api/v1/media/" + s.zed + "?includeMissing=true");
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().path("missingSince").asText()).isEqualTo("1970-01-01T00:00:00.001Z");
    assertThat(titles(admin.get("/api/v1/libraries/" + s.movies + "/items?includeMissing=true").json())).contains("Zed");
    assertThat(titles(user.get("/api/v1/libraries/" + s.movies + "/items?includeMissing=true").json())).doesNotContain("Zed");
  }
}
