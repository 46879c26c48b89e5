package dev.marquee.kernel.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.Person;
import dev.marquee.kernel.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Writing provider patches and manual edits into the catalog, on each engine. */
class MetadataStoreTest {
  @TempDir
  Path tempDir;

  private static MetadataPatch matrix() {
    return MetadataPatch.builder()
        .title("The Matrix").originalTitle("The Matrix").overview("A hacker learns the truth.").tagline("Welcome to the Real World.")
        .releaseDate(LocalDate.of(1999, 3, 30)).runtime(Duration.ofMinutes(136)).communityRating(8.2).contentRating("R")
        .genre("Action").genre("Science Fiction").genre("action")
        .person(new Person("Keanu Reeves", Person.Role.ACTOR, Optional.of("Neo"), Map.of("tmdb", "6384"), Optional.empty()))
        .person(new Person("Keanu Reeves", Person.Role.ACTOR, Optional.of("Thomas Anderson"), Map.of("tmdb", "6384"), Optional.empty()))
        .person(Person.of("Lana Wachowski", Person.Role.DIRECTOR))
        .person(Person.of("Lana Wachowski", Person.Role.WRITER))
        .externalId("tmdb", "603").externalId("imdb", "tt0133093")
        .image(Image.of(Image.Type.POSTER, URI.create("http://127.0.0.1:9/p/poster.jpg")))
        .image(Image.of(Image.Type.BACKDROP, URI.create("http://127.0.0.1:9/p/backdrop.jpg")))
        .build();
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void apply_fullPatch_writesEveryField(TestDatabase.Engine engine) {
    try (CatalogFixture catalog = new CatalogFixture(engine, tempDir, Map.of())) {
      // given
      long id = catalog.item("movie", "matrix", null, null);
      // when
      List<MetadataStore.PendingImage> pending = catalog.store().apply(id, matrix(), "matched").downloads();
      // then
      Map<String, Object> row = catalog.row(id);
      assertThat(row).containsEntry("title", "The Matrix").containsEntry("sort_title", "Matrix")
          .containsEntry("search_text", "the matrix").containsEntry("overview", "A hacker learns the truth.")
          .containsEntry("tagline", "Welcome to the Real World.").containsEntry("release_date", "1999-03-30")
          .containsEntry("official_rating", "R").containsEntry("match_state", "matched");
      assertThat(((Number) row.get("year")).intValue()).isEqualTo(1999);
      assertThat(((Number) row.get("runtime_ms")).longValue()).isEqualTo(136 * 60_000L);
      assertThat(((Number) row.get("rating")).doubleValue()).isEqualTo(8.2);
      ItemView view = catalog.store().view(id).orElseThrow();
      assertThat(view.externalIds()).containsEntry("tmdb", "603").containsEntry("imdb", "tt0133093");
      assertThat(view.images()).extracting(ItemView.ImageView::kind).containsExactly("backdrop", "poster");
      assertThat(pending).hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void apply_lockedFields_leavesThemUntouched(TestDatabase.Engine engine) {
    try (CatalogFixture catalog = new CatalogFixture(engine, tempDir, Map.of())) {
      // given
      long id = catalog.item("movie", "My Own Title", 2001, null);
      catalog.lock(id, "title,year,genres,overview");
      // when
      catalog.store().apply(id, matrix(), "matched");
      // then
      Map<String, Object> row = catalog.row(id);
      assertThat(row).containsEntry("title", "My Own Title").containsEntry("search_text", "my own title the matrix")
          .containsEntry("overview", null).containsEntry("tagline", "Welcome to the Real World.")
          .containsEntry("release_date", "1999-03-30").containsEntry("locked_fields", "title,year,genres,overview");
      assertThat(((Number) row.get("year")).intValue()).isEqualTo(2001);
      assertThat(catalog.count("SELECT COUNT(*) FROM item_genres WHERE item_id = ?", id)).isZero();
      assertThat(catalog.count("SELECT COUNT(*) FROM item_people WHERE item_id = ?", id)).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void apply_genresAndPeople_areDeduplicatedAcrossItems(TestDatabase.Engine engine) {
    try (CatalogFixture catalog = new CatalogFixture(engine, tempDir, Map.of())) {
      // given
      long first = catalog.item("movie", "matrix", null, null);
      long second = catalog.item("movie", "matrix reloaded", null, null);
      MetadataStore store = catalog.store();
      // when
      store.apply(first, matrix(), "matched");
      store.apply(second, MetadataPatch.builder().title("The Matrix Reloaded").genre("ACTION").genre("Thriller")
          .person(new Person("Keanu Reeves", Person.Role.ACTOR, Optional.of("Neo"), Map.of("tmdb", "6384"), Optional.empty()))
          .person(Person.of("Lana Wachowski", Person.Role.DIRECTOR)).build(), "matched");
      store.apply(first, matrix(), "matched");
      // then
      assertThat(catalog.count("SELECT COUNT(*) FROM genres")).isEqualTo(3);
      assertThat(catalog.count("SELECT COUNT(*) FROM genres WHERE name_key = 'action'")).isEqualTo(1);
      assertThat(store.view(first).orElseThrow().genres()).containsExactly("Action", "Science Fiction");
      assertThat(catalog.count("SELECT COUNT(*) FROM people")).isEqualTo(2);
      ItemView view = store.view(first).orElseThrow();
      assertThat(view.people()).extracting(ItemView.PersonView::name, ItemView.PersonView::role, ItemView.PersonView::character,
          ItemView.PersonView::order).containsExactly(
              org.assertj.core.groups.Tuple.tuple("Keanu Reeves", "actor", "Neo", 0),
              org.assertj.core.groups.Tuple.tuple("Lana Wachowski", "director", null, 1),
              org.assertj.core.groups.Tuple.tuple("Lana Wachowski", "writer", null, 2));
      assertThat(catalog.rows("SELECT tmdb_id FROM people WHERE name_key = 'keanu reeves'")).singleElement()
          .satisfies(r -> assertThat(r.get("tmdb_id")).isEqualTo("6384"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void apply_externalIds_upsertsByProvider(TestDatabase.Engine engine) {
    try (CatalogFixture catalog = new CatalogFixture(engine, tempDir, Map.of())) {
      // given
      long id = catalog.item("movie", "matrix", null, null);
      catalog.externalId(id, "tmdb", "1");
      catalog.externalId(id, "tvdb", "77");
      // when
      catalog.store().apply(id, matrix(), "matched");
      // then
      assertThat(catalog.store().item(id).orElseThrow().externalIds())
          .containsExactlyInAnyOrderEntriesOf(Map.of("tmdb", "603", "imdb", "tt0133093", "tvdb", "77"));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void edit_fields_areWrittenAndLocked(TestDatabase.Engine engine) {
    try (CatalogFixture catalog = new CatalogFixture(engine, tempDir, Map.of())) {
      // given
      long id = catalog.item("movie", "matrix", null, null);
      MetadataStore store = catalog.store();
      // when
      store.edit(id, new MetadataStore.Edit("Matrix (Édition Spéciale)", null, null, "Mine.", null, 1999, null, null, null,
          null, List.of("Cult", "cult"), Set.of("tagline")));
      store.apply(id, matrix(), "matched");
      // then
      ItemView view = store.view(id).orElseThrow();
      assertThat(view.title()).isEqualTo("Matrix (Édition Spéciale)");
      assertThat(view.overview()).isEqualTo("Mine.");
      assertThat(view.tagline()).isNull();
      assertThat(view.genres()).containsExactly("Cult");
      assertThat(view.lockedFields()).containsExactly("title", "overview", "tagline", "year", "genres");
      assertThat(catalog.row(id)).containsEntry("search_text", "matrix edition speciale the matrix");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void apply_sameImagesAgain_keepsCachedRows(TestDatabase.Engine engine) {
    try (CatalogFixture catalog = new CatalogFixture(engine, tempDir, Map.of())) {
      // given
      long id = catalog.item("movie", "matrix", null, null);
      MetadataStore store = catalog.store();
      List<MetadataStore.PendingImage> first = store.apply(id, matrix(), "matched").downloads();
      first.forEach(p -> store.setCachedPath(p.imageId(), tempDir.resolve("cached-" + p.imageId() + ".jpg")));
      // when
      MetadataStore.Written second = store.apply(id, matrix(), "matched");
      MetadataStore.Written third = store.apply(id, MetadataPatch.builder()
          .image(Image.of(Image.Type.POSTER, URI.create("http://127.0.0.1:9/p/other.jpg"))).build(), "matched");
      // then
      assertThat(second.downloads()).isEmpty();
      assertThat(second.dropped()).isEmpty();
      assertThat(third.downloads()).singleElement().satisfies(p -> assertThat(p.url().getPath()).isEqualTo("/p/other.jpg"));
      assertThat(third.dropped()).containsExactlyInAnyOrderElementsOf(
          first.stream().map(p -> tempDir.resolve("cached-" + p.imageId() + ".jpg")).toList());
      assertThat(store.view(id).orElseThrow().images()).extracting(ItemView.ImageView::location, ItemView.ImageView::cached)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("http://127.0.0.1:9/p/other.jpg", false));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void pendingItems_unmatchedUntriedOrLongAgo_seriesBeforeEpisodes(TestDatabase.Engine engine) {
    try (CatalogFixture catalog = new CatalogFixture(engine, tempDir, Map.of())) {
      // given
      MetadataStore store = catalog.store();
      long show = catalog.item("series", "Lost", null, null);
      long season = catalog.item("season", "Season 1", null, show, 1, null);
      long episode = catalog.item("episode", "Pilot", null, season, 1, 1);
      long movie = catalog.item("movie", "Heat", null, null);
      long extra = catalog.item("extra", "Trailer", null, movie);
      long matched = catalog.item("movie", "Known", null, null);
      store.apply(matched, MetadataPatch.builder().title("Known").build(), "matched");
      long triedNow = catalog.item("movie", "Obscure", null, null);
      store.recordAttempts(List.of(triedNow));
      long missing = catalog.item("movie", "Gone", null, null);
      catalog.jdbi().useHandle(h -> h.execute("UPDATE media_items SET missing_since = 1 WHERE id = ?", missing));
      // when
      List<Long> pending = store.pendingItems(System.currentTimeMillis() - 60_000, 100);
      List<Long> laterOn = store.pendingItems(System.currentTimeMillis() + 60_000, 100);
      // then
      assertThat(pending).containsExactly(show, movie, episode);
      assertThat(laterOn).containsExactly(show, movie, triedNow, episode);
      assertThat(store.pendingItems(System.currentTimeMillis(), 1)).containsExactly(show);
      assertThat(pending).doesNotContain(season, extra, matched, missing);
    }
  }
}
