package dev.marquee.kernel.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.plugins.PluginJar;
import dev.marquee.testplugins.FakeProviderPlugin;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The match, refresh and edit routes through a real kernel with a provider plugin. */
class MetadataRoutesTest {
  @TempDir
  Path tempDir;

  private TestKernel start(Map<String, String> settings) throws Exception {
    Path plugins = Files.createDirectories(tempDir.resolve("plugins"));
    PluginJar.plugin("fake-metadata").mainClass(FakeProviderPlugin.class).extension(FakeProviderPlugin.Provider.class)
        .writeJar(plugins.resolve("fake-metadata.jar"));
    return TestKernel.start(tempDir, settings);
  }

  private static long item(TestKernel kernel, String kind, String title) {
    Jdbi jdbi = kernel.component().database().jdbi();
    return jdbi.withHandle(h -> {
      long library = h.createQuery("SELECT id FROM libraries").mapTo(Long.class).findFirst()
          .orElseGet(() -> h.createUpdate("INSERT INTO libraries (name, type, settings, created_at, updated_at)"
                  + " VALUES ('Movies', 'movie', '{}', 0, 0)").executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
      return h.createUpdate("INSERT INTO media_items (library_id, kind, title, sort_title, search_text, match_state,"
              + " locked_fields, added_at, updated_at) VALUES (:library, :kind, :title, :title, :title, 'unmatched', '', 0, 0)")
          .bind("library", library).bind("kind", kind).bind("title", title)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    });
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void searchApplyEditRefresh_throughThePlugin_writeTheCatalog(TestDatabase.Engine engine) throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, tempDir); TestKernel kernel = start(db.settings())) {
      // given
      TestHttp admin = kernel.admin();
      long id = item(kernel, "movie", "some film");
      // when
      TestHttp.Response search = admin.post("/api/v1/media/" + id + "/match/search", "{\"title\":\"Other Film\",\"year\":2001}");
      TestHttp.Response applied = admin.post("/api/v1/media/" + id + "/match/apply", "{\"provider\":\"fake\",\"id\":\"42\"}");
      TestHttp.Response edited = admin.put("/api/v1/media/" + id + "/metadata",
          "{\"title\":\"My Title\",\"genres\":[\"Cult\"],\"lockedFields\":[\"overview\"]}");
      TestHttp.Response refreshed = admin.post("/api/v1/media/" + id + "/refresh", "");
      // then
      assertThat(search.status()).isEqualTo(200);
      JsonNode first = search.json().path("items").get(0);
      assertThat(first.path("provider").asText()).isEqualTo("fake");
      assertThat(first.path("title").asText()).isEqualTo("Other Film");
      assertThat(first.path("year").asInt()).isEqualTo(2001);
      assertThat(first.path("externalIds").path("fake").asText()).isEqualTo("42");
      assertThat(applied.status()).isEqualTo(200);
      assertThat(applied.json().path("title").asText()).isEqualTo("Fetched 42");
      assertThat(applied.json().path("matchState").asText()).isEqualTo("matched");
      assertThat(applied.json().path("externalIds").path("fake").asText()).isEqualTo("42");
      assertThat(applied.json().path("externalIds").path("imdb").asText()).isEqualTo("tt0042");
      assertThat(applied.json().path("genres").toString()).isEqualTo("[\"Drama\",\"Thriller\"]");
      assertThat(applied.json().path("people").get(0).path("name").asText()).isEqualTo("Ada Actor");
      assertThat(edited.status()).isEqualTo(200);
      assertThat(edited.json().path("matchState").asText()).isEqualTo("manual");
      assertThat(edited.json().path("lockedFields").toString()).isEqualTo("[\"title\",\"overview\",\"genres\"]");
      assertThat(refreshed.status()).isEqualTo(200);
      assertThat(refreshed.json().path("title").asText()).isEqualTo("My Title");
      assertThat(refreshed.json().path("genres").toString()).isEqualTo("[\"Cult\"]");
      assertThat(refreshed.json().path("overview").asText()).isEqualTo("From the fake.");
    }
  }

  @Test
  void itemAddedEvent_matchesInTheBackground() throws Exception {
    try (TestKernel kernel = start(Map.of())) {
      // given
      long confident = item(kernel, "movie", "Known Film");
      long obscure = item(kernel, "movie", "Obscure Film");
      long extra = item(kernel, "extra", "Trailer");
      // when
      for (long id : new long[] {confident, obscure, extra}) {
        kernel.component().eventBus().publish("library.item.added", Map.of("itemId", id, "libraryId", 1));
      }
      // then
      Jdbi jdbi = kernel.component().database().jdbi();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      String state;
      do {
        Thread.sleep(50);
        state = jdbi.withHandle(h -> h.createQuery("SELECT match_state FROM media_items WHERE id = :id")
            .bind("id", confident).mapTo(String.class).one());
      } while (!state.equals("matched") && Instant.now().isBefore(deadline));
      assertThat(state).isEqualTo("matched");
      assertThat(kernel.admin().post("/api/v1/media/" + confident + "/refresh", "").json().path("title").asText())
          .isEqualTo("Fetched 42");
      String obscureState = jdbi.withHandle(h -> h.createQuery("SELECT match_state FROM media_items WHERE id = :id")
          .bind("id", obscure).mapTo(String.class).one());
      assertThat(obscureState).isEqualTo("unmatched");
    }
  }

  @Test
  void applyOnSeries_matchesItsUnmatchedEpisodesInTheBackground() throws Exception {
    try (TestKernel kernel = start(Map.of())) {
      // given
      long show = item(kernel, "series", "Some Show");
      Jdbi jdbi = kernel.component().database().jdbi();
      long episode = jdbi.withHandle(h -> h.createUpdate("INSERT INTO media_items (library_id, parent_id, kind, title, sort_title,"
              + " search_text, index_number, parent_index, match_state, locked_fields, added_at, updated_at)"
              + " SELECT library_id, id, 'episode', 'Pilot', 'Pilot', 'pilot', 1, 1, 'unmatched', '', 0, 0 FROM media_items WHERE id = :show")
          .bind("show", show).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
      // when
      TestHttp.Response applied = kernel.admin().post("/api/v1/media/" + show + "/match/apply", "{\"provider\":\"fake\",\"id\":\"7\"}");
      // then
      assertThat(applied.status()).isEqualTo(200);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      String state;
      do {
        Thread.sleep(50);
        state = jdbi.withHandle(h -> h.createQuery("SELECT match_state FROM media_items WHERE id = :id")
            .bind("id", episode).mapTo(String.class).one());
      } while (!state.equals("matched") && Instant.now().isBefore(deadline));
      assertThat(state).isEqualTo("matched");
    }
  }

  @Test
  void matchPendingTask_matchesItemsNoEventAnnounced() throws Exception {
    try (TestKernel kernel = start(Map.of())) {
      // given: items written without an event, as after a restart that dropped the queue
      long known = item(kernel, "movie", "Known Film");
      long obscure = item(kernel, "movie", "Obscure Film");
      Jdbi jdbi = kernel.component().database().jdbi();
      // when
      TestHttp.Response run = kernel.admin().post("/api/v1/admin/tasks/metadata.match-pending/run", null);
      // then
      assertThat(run.status()).isIn(202, 409);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      long attempts;
      String state;
      do {
        Thread.sleep(50);
        state = jdbi.withHandle(h -> h.createQuery("SELECT match_state FROM media_items WHERE id = :id")
            .bind("id", known).mapTo(String.class).one());
        attempts = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM metadata_attempts WHERE item_id = :id")
            .bind("id", obscure).mapTo(Long.class).one());
      } while (!(state.equals("matched") && attempts == 1) && Instant.now().isBefore(deadline));
      assertThat(state).isEqualTo("matched");
      assertThat(attempts).isEqualTo(1);
    }
  }

  @Test
  void routes_withoutCredentials_are401AndForUsers403() throws Exception {
    try (TestKernel kernel = start(Map.of())) {
      long id = item(kernel, "movie", "x");
      TestHttp user = kernel.user("bob");
      assertThat(kernel.http().get("/api/v1/admin/metadata/providers").status()).isEqualTo(401);
      assertThat(user.get("/api/v1/admin/metadata/providers").status()).isEqualTo(403);
      for (String[] route : new String[][] {{"POST", "/match/search"}, {"POST", "/match/apply"}, {"POST", "/refresh"},
          {"PUT", "/metadata"}}) {
        String path = "/api/v1/media/" + id + route[1];
        TestHttp.Response anonymous = route[0].equals("PUT") ? kernel.http().put(path, "{}") : kernel.http().post(path, "{}");
        TestHttp.Response forbidden = route[0].equals("PUT") ? user.put(path, "{}") : user.post(path, "{}");
        assertThat(anonymous.status()).as(path).isEqualTo(401);
        assertThat(forbidden.status()).as(path).isEqualTo(403);
      }
    }
  }

  @Test
  void providers_listsStartedProvidersWithKindsAndOrder() throws Exception {
    try (TestKernel kernel = start(Map.of())) {
      JsonNode page = kernel.admin().get("/api/v1/admin/metadata/providers").json();
      assertThat(page.path("total").asInt()).isEqualTo(1);
      JsonNode fake = page.path("items").get(0);
      assertThat(fake.path("id").asText()).isEqualTo("fake");
      assertThat(fake.path("order").asInt()).isEqualTo(50);
      assertThat(fake.path("kinds").toString()).isEqualTo("[\"episode\",\"movie\",\"series\"]");
      assertThat(kernel.admin().get("/api/v1/admin/metadata/providers?limit=501").status()).isEqualTo(422);
    }
  }

  @Test
  void routes_badInput_isAnsweredWithoutWriting() throws Exception {
    try (TestKernel kernel = start(Map.of())) {
      TestHttp admin = kernel.admin();
      long id = item(kernel, "movie", "x");
      long extra = item(kernel, "extra", "Trailer");
      String base = "/api/v1/media/" + id;
      assertThat(admin.post(base + "/match/apply", "{not json").errorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(admin.put(base + "/metadata", "[1,2").status()).isEqualTo(400);
      assertThat(admin.post(base + "/match/search", "{\"year\":\"soon\"}").status()).isEqualTo(400);
      assertThat(admin.post("/api/v1/media/99999/match/search", "{}").status()).isEqualTo(404);
      assertThat(admin.post("/api/v1/media/abc/refresh", "").status()).isEqualTo(404);
      assertThat(admin.put("/api/v1/media/99999/metadata", "{\"title\":\"t\"}").status()).isEqualTo(404);
      assertThat(admin.post(base + "/match/apply", "{\"provider\":\"nope\",\"id\":\"1\"}").errorCode()).isEqualTo("UNKNOWN_PROVIDER");
      assertThat(admin.post(base + "/match/apply", "{\"provider\":\"fake\"}").errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(admin.post(base + "/match/apply", "{\"provider\":\"fake\",\"id\":\"404\"}").errorCode())
          .isEqualTo("NOT_FOUND_AT_PROVIDER");
      assertThat(admin.post(base + "/match/apply", "{\"provider\":\"fake\",\"id\":\"500\"}").status()).isEqualTo(502);
      assertThat(admin.post(base + "/match/search", "{\"provider\":\"nope\"}").status()).isEqualTo(422);
      assertThat(admin.post("/api/v1/media/" + extra + "/match/search", "{}").errorCode()).isEqualTo("NO_METADATA");
      assertThat(admin.put(base + "/metadata", "{\"title\":\"New\",\"year\":99}").errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(admin.put(base + "/metadata", "{\"title\":\"New\",\"lockedFields\":[\"colour\"]}").status()).isEqualTo(422);
      assertThat(admin.put(base + "/metadata", "{\"title\":\"New\",\"releaseDate\":\"30.03.1999\"}").status()).isEqualTo(422);
      assertThat(admin.put(base + "/metadata", "{\"titel\":\"typo\"}").errorCode()).isEqualTo("VALIDATION_FAILED");
      // nothing was written by the refused edits
      assertThat(admin.post(base + "/refresh", "").json().path("title").asText()).isEqualTo("x");
    }
  }
}
