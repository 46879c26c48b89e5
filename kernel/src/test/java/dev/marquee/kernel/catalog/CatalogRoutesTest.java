package dev.marquee.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Access and input checks of the catalog's read routes. */
class CatalogRoutesTest {
  @TempDir
  static Path dataDir;

  static TestKernel kernel;
  static TestHttp user;
  static long library;
  static long movie;

  @BeforeAll
  static void start() {
    kernel = TestKernel.start(dataDir, Map.of());
    user = kernel.user("reader");
    CatalogFixture fixture = new CatalogFixture(kernel.component().database().jdbi());
    library = fixture.library("Movies", "movie");
    movie = fixture.item(library, "movie", "Heat").year(1995).insert();
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/libraries/1/items", "/api/v1/media/1", "/api/v1/media/1/children", "/api/v1/search?q=a",
      "/api/v1/search/suggest?q=a", "/api/v1/media/recent", "/api/v1/genres", "/api/v1/people/1"})
  void readRoutes_withoutCredentials_401(String path) {
    var response = kernel.http().get(path);

    assertThat(response.status()).as(response.toString()).isEqualTo(401);
    assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/libraries/999/items", "/api/v1/libraries/abc/items", "/api/v1/media/999", "/api/v1/media/x1",
      "/api/v1/media/-1", "/api/v1/media/999/children", "/api/v1/people/999", "/api/v1/people/p",
      "/api/v1/media/recent?libraryId=999", "/api/v1/genres?libraryId=999"})
  void readRoutes_unknownOrNonNumericIds_404Json(String path) {
    var response = user.get(path);

    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
  }

  @ParameterizedTest
  @CsvSource({
      "sort=name", "order=up", "watched=maybe", "kind=episode", "year=19x5", "yearFrom=2000&yearTo=1990",
      "seed=abc", "limit=0", "offset=-1"})
  void libraryItems_badSortOrFilter_422(String query) {
    var response = user.get("/api/v1/libraries/" + library + "/items?" + query);

    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=%20%21%3F", "/api/v1/search/suggest?q=",
      "/api/v1/search?q=heat&limit=501", "/api/v1/media/recent?libraryId=abc", "/api/v1/genres?libraryId=0"})
  void searchAndLists_emptyQueryOrBadParameter_422(String path) {
    var response = user.get(path);

    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void children_seriesWithEpisodesDirectlyUnderIt_bySeasonThenEpisode() {
    // given
    CatalogFixture fixture = new CatalogFixture(kernel.component().database().jdbi());
    long series = fixture.item(library, "series", "Flat Show").insert();
    fixture.item(library, "episode", "Two One").parent(series).parentIndex(2).index(1).insert();
    fixture.item(library, "episode", "One Two").parent(series).parentIndex(1).index(2).insert();
    fixture.item(library, "episode", "One One").parent(series).parentIndex(1).index(1).insert();

    // when
    var response = user.get("/api/v1/media/" + series + "/children");

    // then
    assertThat(CatalogQueriesTest.titles(response.json())).containsExactly("One One", "One Two", "Two One");
  }

  @Test
  void children_ofAMovieWithoutChildren_emptyPage() {
    var response = user.get("/api/v1/media/" + movie + "/children");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("items").size()).isZero();
    assertThat(response.json().path("total").asLong()).isZero();
  }
}
