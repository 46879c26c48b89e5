package dev.marquee.kernel.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.MediaKind;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataProvider;
import dev.marquee.api.metadata.MetadataQuery;
import dev.marquee.kernel.plugins.PluginsModule;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching logic: which provider answers, in which order, and when a search result is good enough. */
class MetadataServiceTest {
  @TempDir
  Path tempDir;

  private CatalogFixture catalog;
  private MetadataStore store;

  @BeforeEach
  void open() {
    catalog = new CatalogFixture(TestDatabase.Engine.SQLITE, tempDir, Map.of("metadata.download-images", "false"));
    store = catalog.store();
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  /** Topics the service published, in order. */
  private final List<String> published = new CopyOnWriteArrayList<>();

  private final EventBus bus = new EventBus() {
    @Override
    public void publish(String topic, Object data) {
      published.add(topic);
    }

    @Override
    public Subscription subscribe(String topicPrefix, Consumer<Event> listener) {
      return () -> {};
    }
  };

  private MetadataService service(MetadataProvider... providers) {
    MetadataSettings settings = MetadataSettings.from(catalog.config);
    return new MetadataService(store, () -> List.of(providers), new ImageCache(PluginsModule.httpClient(), store, settings),
        settings, bus);
  }

  private static Candidate candidate(String title, String provider, String id, double confidence) {
    return new Candidate(title, Optional.of(1999), Map.of(provider, id), Optional.empty(), Optional.empty(), confidence);
  }

  @Test
  void autoMatch_idHint_beatsSearch() {
    // given
    long id = catalog.item("movie", "Matrix Wrongly Named", 1999, null);
    catalog.externalId(id, "tmdb", "603");
    ScriptedProvider tmdb = new ScriptedProvider("tmdb")
        .knows("603", MetadataPatch.builder().title("The Matrix").build())
        .finds(candidate("Matrix Wrongly Named", "tmdb", "999", 1.0));
    // when
    boolean matched = service(tmdb).autoMatch(id);
    // then
    assertThat(matched).isTrue();
    assertThat(tmdb.searches).isEmpty();
    assertThat(store.view(id).orElseThrow()).satisfies(v -> {
      assertThat(v.title()).isEqualTo("The Matrix");
      assertThat(v.matchState()).isEqualTo("matched");
      assertThat(v.externalIds()).containsEntry("tmdb", "603");
    });
  }

  @Test
  void autoMatch_lowConfidenceCandidate_isRejected() {
    // given
    long id = catalog.item("movie", "Some Obscure Film", null, null);
    ScriptedProvider tmdb = new ScriptedProvider("tmdb")
        .knows("7", MetadataPatch.builder().title("Something Else").build())
        .finds(candidate("Something Else", "tmdb", "7", 0.5));
    // when
    boolean matched = service(tmdb).autoMatch(id);
    // then
    assertThat(matched).isFalse();
    assertThat(tmdb.searches).singleElement().satisfies(q -> assertThat(q.title()).isEqualTo("Some Obscure Film"));
    assertThat(store.view(id).orElseThrow()).satisfies(v -> {
      assertThat(v.title()).isEqualTo("Some Obscure Film");
      assertThat(v.matchState()).isEqualTo("unmatched");
    });
  }

  @Test
  void autoMatch_confidentCandidate_isFetchedWithItsId() {
    // given
    long id = catalog.item("movie", "matrix", 1999, null);
    ScriptedProvider tmdb = new ScriptedProvider("tmdb")
        .knows("603", MetadataPatch.builder().title("The Matrix").overview("Neo.").build())
        .finds(candidate("The Matrix", "tmdb", "603", 0.93));
    // when
    boolean matched = service(tmdb).autoMatch(id);
    // then
    assertThat(matched).isTrue();
    assertThat(tmdb.searches).singleElement().satisfies(q -> assertThat(q.year()).contains(1999));
    assertThat(store.view(id).orElseThrow()).satisfies(v -> {
      assertThat(v.title()).isEqualTo("The Matrix");
      assertThat(v.externalIds()).containsEntry("tmdb", "603");
    });
  }

  @Test
  void autoMatch_localProviderIds_feedTheNextProviderAndItsFieldsWin() {
    // given
    long id = catalog.item("movie", "matrix", null, null);
    ScriptedProvider nfo = new ScriptedProvider("nfo")
        .always(MetadataPatch.builder().title("The Matrix (My Cut)").externalId("tmdb", "603").build());
    ScriptedProvider tmdb = new ScriptedProvider("tmdb")
        .knows("603", MetadataPatch.builder().title("The Matrix").overview("Neo.").genre("Action").build());
    // when
    service(nfo, tmdb).autoMatch(id);
    // then
    assertThat(tmdb.fetches).singleElement().satisfies(q -> assertThat(q.externalIds()).containsEntry("tmdb", "603"));
    assertThat(store.view(id).orElseThrow()).satisfies(v -> {
      assertThat(v.title()).isEqualTo("The Matrix (My Cut)");
      assertThat(v.overview()).isEqualTo("Neo.");
      assertThat(v.genres()).containsExactly("Action");
    });
  }

  @Test
  void autoMatch_episode_asksWithSeriesIdsNumbersAndFile() {
    // given
    long show = catalog.item("series", "Lost", 2004, null);
    catalog.externalId(show, "tmdb", "4607");
    long season = catalog.item("season", "Season 1", null, show, 1, null);
    long episode = catalog.item("episode", "Pilot", null, season, 2, 1);
    Path file = tempDir.resolve("Lost (2004)/Season 01/Lost - S01E02.mkv");
    catalog.file(episode, file);
    ScriptedProvider tmdb = new ScriptedProvider("tmdb");
    MetadataService service = service(tmdb);
    // when
    service.autoMatch(episode);
    service.autoMatch(show);
    // then
    assertThat(tmdb.fetches).hasSize(2);
    MetadataQuery episodeQuery = tmdb.fetches.get(0);
    assertThat(episodeQuery.kind()).isEqualTo(MediaKind.EPISODE);
    assertThat(episodeQuery.title()).isEqualTo("Lost");
    assertThat(episodeQuery.seriesExternalIds()).containsEntry("tmdb", "4607");
    assertThat(episodeQuery.seasonNumber()).contains(1);
    assertThat(episodeQuery.episodeNumber()).contains(2);
    assertThat(episodeQuery.files()).containsExactly(file);
    assertThat(tmdb.fetches.get(1).files()).containsExactly(tempDir.resolve("Lost (2004)"));
  }

  @Test
  void refresh_lockedField_staysWhileOthersUpdate() {
    // given
    long id = catalog.item("movie", "matrix", null, null);
    catalog.externalId(id, "tmdb", "603");
    ScriptedProvider tmdb = new ScriptedProvider("tmdb")
        .knows("603", MetadataPatch.builder().title("The Matrix").overview("Neo.").build());
    MetadataService service = service(tmdb);
    service.edit(id, new MetadataStore.Edit("My Matrix", null, null, null, null, null, null, null, null, null, null, null));
    // when
    ItemView refreshed = service.refresh(id);
    // then
    assertThat(refreshed.title()).isEqualTo("My Matrix");
    assertThat(refreshed.overview()).isEqualTo("Neo.");
    assertThat(refreshed.matchState()).isEqualTo("manual");
    // the edit and the refresh each told the catalog's readers
    assertThat(published).containsExactly(MetadataService.CATALOG_CHANGED, MetadataService.CATALOG_CHANGED);
  }

  @Test
  void apply_unknownProviderOrId_isUnprocessable() {
    long id = catalog.item("movie", "matrix", null, null);
    MetadataService service = service(new ScriptedProvider("tmdb"));
    assertThatThrownBy(() -> service.apply(id, "nope", "1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_PROVIDER"));
    assertThatThrownBy(() -> service.apply(id, "tmdb", "1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND_AT_PROVIDER"));
    assertThatThrownBy(() -> service.apply(id + 1000, "tmdb", "1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void merge_bestFirst_takesFieldsAndListsFromTheBestThatHasThemAndIdsFromAll() {
    // given
    MetadataPatch nfo = MetadataPatch.builder().title("Mine").externalId("tmdb", "603").build();
    MetadataPatch tmdb = MetadataPatch.builder().title("Theirs").overview("Neo.").genre("Action")
        .externalId("tmdb", "999").externalId("imdb", "tt0133093").build();
    // when
    MetadataPatch merged = MetadataService.merge(List.of(nfo, tmdb));
    // then
    assertThat(merged.title()).contains("Mine");
    assertThat(merged.overview()).contains("Neo.");
    assertThat(merged.genres()).containsExactly("Action");
    assertThat(merged.externalIds()).containsExactlyInAnyOrderEntriesOf(Map.of("tmdb", "603", "imdb", "tt0133093"));
  }
}
