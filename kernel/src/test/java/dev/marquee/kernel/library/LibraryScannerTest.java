package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.api.event.Event;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LibraryScannerTest {
  @TempDir
  Path tempDir;

  private static long num(Object value) {
    return ((Number) value).longValue();
  }

  private static List<Object> column(List<Map<String, Object>> rows, String column) {
    return rows.stream().map(r -> r.get(column)).toList();
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_movieLibrary_writesMoviesPartsAndExtras(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given
      Library library = f.library(LibraryType.MOVIE);
      f.file("The Matrix (1999) {tmdb-603}/The Matrix (1999).mkv");
      f.file("Kill Bill (2003)/Kill Bill (2003) - cd1.avi");
      f.file("Kill Bill (2003)/Kill Bill (2003) - cd2.avi");
      f.file("Heat (1995)/Heat (1995).mkv");
      f.file("Heat (1995)/Trailers/Teaser.mp4");
      f.file("Heat (1995)/Heat (1995)-featurette.mp4");
      f.file("Heat (1995)/heat.nfo");
      // when
      ScanResult result = f.scan(library);
      // then
      assertThat(result.added()).isEqualTo(6);
      List<Map<String, Object>> movies = f.items(library.id(), "movie");
      assertThat(column(movies, "title")).containsExactlyInAnyOrder("The Matrix", "Kill Bill", "Heat");
      Map<String, Object> matrix = movies.stream().filter(m -> m.get("title").equals("The Matrix")).findFirst().orElseThrow();
      assertThat(matrix.get("sort_title")).isEqualTo("Matrix");
      assertThat(matrix.get("search_text")).isEqualTo("the matrix");
      assertThat(num(matrix.get("year"))).isEqualTo(1999);
      assertThat(matrix.get("match_state")).isEqualTo("unmatched");
      String tmdb = f.jdbi.withHandle(h -> h.createQuery("SELECT value FROM external_ids WHERE item_id = :id AND provider = 'tmdb'")
          .bind("id", matrix.get("id")).mapTo(String.class).one());
      assertThat(tmdb).isEqualTo("603");
      Map<String, Object> killBill = movies.stream().filter(m -> m.get("title").equals("Kill Bill")).findFirst().orElseThrow();
      List<Map<String, Object>> killBillFiles = f.files(library.id()).stream()
          .filter(file -> num(file.get("item_id")) == num(killBill.get("id"))).toList();
      assertThat(killBillFiles).extracting(file -> num(file.get("part"))).containsExactly(1L, 2L);
      Map<String, Object> heat = movies.stream().filter(m -> m.get("title").equals("Heat")).findFirst().orElseThrow();
      List<Map<String, Object>> extras = f.items(library.id(), "extra");
      assertThat(extras).hasSize(2).allSatisfy(extra -> assertThat(num(extra.get("parent_id"))).isEqualTo(num(heat.get("id"))));
      assertThat(column(extras, "extra_type")).containsExactlyInAnyOrder("trailer", "featurette");
      Map<String, Object> file = f.files(library.id()).get(0);
      assertThat((String) file.get("path_hash")).hasSize(64).isEqualTo(Fingerprints.pathHash(Path.of((String) file.get("path"))));
      assertThat((String) file.get("fingerprint")).hasSize(64);
      assertThat(f.events).extracting(Event::topic).contains(LibraryScanner.ITEM_ADDED, LibraryScanner.SCANNED);
      assertThat(f.events.stream().filter(e -> e.topic().equals(LibraryScanner.ITEM_ADDED)).count()).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_seriesLibrary_buildsShowsSeasonsAndEpisodes(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given
      Library library = f.library(LibraryType.SERIES);
      f.file("Lost (2004)/Season 01/Lost - S01E01 - Pilot.mkv");
      f.file("Lost (2004)/Season 01/Lost - S01E02E03 - Tabula Rasa.mkv");
      f.file("Lost (2004)/Specials/Lost - S00E01 - Destination.mkv");
      f.file("Lost (2004)/Season 02/Lost - 2x01.mkv");
      f.file("Naruto/Naruto - 102.mkv");
      // when
      ScanResult result = f.scan(library);
      // then
      assertThat(result.added()).isEqualTo(5);
      assertThat(column(f.items(library.id(), "series"), "title")).containsExactlyInAnyOrder("Lost", "Naruto");
      List<Map<String, Object>> seasons = f.items(library.id(), "season");
      assertThat(column(seasons, "title")).containsExactlyInAnyOrder("Season 1", "Specials", "Season 2", "Season 1");
      List<Map<String, Object>> episodes = f.items(library.id(), "episode");
      Map<String, Object> double_ = episodes.stream().filter(e -> e.get("title").equals("Tabula Rasa")).findFirst().orElseThrow();
      assertThat(num(double_.get("index_number"))).isEqualTo(2);
      assertThat(num(double_.get("index_end"))).isEqualTo(3);
      assertThat(num(double_.get("parent_index"))).isEqualTo(1);
      Map<String, Object> special = episodes.stream().filter(e -> e.get("title").equals("Destination")).findFirst().orElseThrow();
      assertThat(num(special.get("parent_index"))).isZero();
      Map<String, Object> naruto = episodes.stream().filter(e -> Objects.equals(e.get("title"), "Episode 102")).findFirst().orElseThrow();
      assertThat(num(naruto.get("absolute_number"))).isEqualTo(102);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_moreFilesThanOneTransaction_givesEachItsItemUnderTheRightParents(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given: more episodes than one transaction writes, and a movie with an id hint after them
      Library library = f.library(LibraryType.MIXED);
      int episodes = LibraryScanner.CHUNK + 10;
      for (int i = 1; i <= episodes; i++) {
        f.file(String.format("Show (2020) {tmdb-42}/Season 01/Show - S01E%04d.mkv", i));
      }
      f.file("Zulu (1964) {tmdb-14433}/Zulu (1964).mkv");
      // when
      ScanResult result = f.scan(library);
      // then
      assertThat(result.added()).isEqualTo(episodes + 1);
      assertThat(result.itemsAdded()).isEqualTo(episodes + 3);
      List<Map<String, Object>> items = f.items(library.id());
      assertThat(column(items, "id")).doesNotHaveDuplicates().hasSize(episodes + 3);
      long season = num(f.items(library.id(), "season").get(0).get("id"));
      assertThat(f.items(library.id(), "episode")).hasSize(episodes)
          .allSatisfy(e -> assertThat(num(e.get("parent_id"))).isEqualTo(season));
      Map<Object, Object> fileItems = f.files(library.id()).stream()
          .collect(java.util.stream.Collectors.toMap(file -> file.get("id"), file -> file.get("item_id")));
      assertThat(fileItems.values()).doesNotHaveDuplicates().hasSize(episodes + 1);
      long zulu = num(f.items(library.id(), "movie").get(0).get("id"));
      long show = num(f.items(library.id(), "series").get(0).get("id"));
      List<String> hints = f.jdbi.withHandle(h -> h.createQuery("SELECT item_id, provider, value FROM external_ids")
          .map((rs, ctx) -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3)).list());
      assertThat(hints).containsExactlyInAnyOrder(zulu + ":tmdb:14433", show + ":tmdb:42");
      assertThat(f.events.stream().filter(e -> e.topic().equals(LibraryScanner.ITEM_ADDED))
          .map(e -> ((Map<?, ?>) e.data()).get("itemId"))).doesNotHaveDuplicates().hasSize(episodes + 3);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_afterAPurge_neverReusesAnItemId(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given: the newest items were purged
      Library library = f.library(LibraryType.MOVIE);
      f.file("Alien (1979)/Alien (1979).mkv");
      Path heat = f.file("Heat (1995)/Heat (1995).mkv");
      f.scan(library);
      long heatId = num(f.items(library.id(), "movie").get(1).get("id"));
      Files.delete(heat);
      f.scan(library);
      f.clock.advance(Duration.ofDays(8));
      assertThat(f.scan(library).purged()).isEqualTo(1);
      // when
      f.file("Ronin (1998)/Ronin (1998).mkv");
      f.scan(library);
      // then
      assertThat(num(f.items(library.id(), "movie").get(1).get("id"))).isGreaterThan(heatId);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void rescan_noChange_touchesNothing(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.MOVIE);
      f.file("Heat (1995)/Heat (1995).mkv");
      f.file("Alien (1979)/Alien (1979).mkv");
      f.scan(library);
      List<Map<String, Object>> before = f.items(library.id());
      f.events.clear();
      // when
      ScanResult again = f.scan(library);
      // then
      assertThat(again).isEqualTo(ScanResult.NONE);
      assertThat(f.items(library.id())).isEqualTo(before);
      assertThat(f.events).extracting(Event::topic).containsExactly(LibraryScanner.SCANNED);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void rescan_changedFile_updatesItsSizeAndTime(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.MOVIE);
      Path heat = f.file("Heat (1995)/Heat (1995).mkv", "first");
      f.scan(library);
      long itemId = num(f.items(library.id(), "movie").get(0).get("id"));
      // when
      Files.writeString(heat, "a longer second version");
      ScanFixture.touch(heat, 1_700_000_000_000L);
      ScanResult result = f.scan(library);
      // then
      assertThat(result.updated()).isEqualTo(1);
      assertThat(result.added()).isZero();
      Map<String, Object> file = f.files(library.id()).get(0);
      assertThat(num(file.get("size"))).isEqualTo(23);
      assertThat(num(file.get("mtime"))).isEqualTo(1_700_000_000_000L);
      assertThat(num(file.get("item_id"))).isEqualTo(itemId);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void rescan_deletedFile_isMissingThenPurgedAfterTheGracePeriod(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.SERIES);
      Path pilot = f.file("Lost/Season 01/Lost - S01E01.mkv");
      f.file("Lost/Season 02/Lost - S02E01.mkv");
      f.scan(library);
      // when
      Files.delete(pilot);
      ScanResult result = f.scan(library);
      // then
      assertThat(result.missing()).isEqualTo(1);
      assertThat(f.items(library.id(), "episode")).filteredOn(e -> e.get("missing_since") != null).hasSize(1);
      assertThat(f.files(library.id())).filteredOn(file -> file.get("missing_since") != null).hasSize(1);

      // a rescan within the grace period keeps it
      f.clock.advance(Duration.ofDays(6));
      assertThat(f.scan(library).purged()).isZero();
      assertThat(f.items(library.id(), "episode")).hasSize(2);

      // after it, the episode and its now empty season go
      f.clock.advance(Duration.ofDays(2));
      ScanResult purge = f.scan(library);
      assertThat(purge.purged()).isEqualTo(2);
      assertThat(f.items(library.id(), "episode")).hasSize(1);
      assertThat(column(f.items(library.id(), "season"), "title")).containsExactly("Season 2");
      assertThat(f.items(library.id(), "series")).hasSize(1);
      assertThat(f.files(library.id())).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void rescan_missingFileComesBack_isPresentAgain(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.MOVIE);
      Path heat = f.file("Heat (1995)/Heat (1995).mkv", "heat");
      f.scan(library);
      Path aside = Files.move(heat, tempDir.resolve("aside.mkv"));
      f.scan(library);
      // when
      Files.move(aside, heat);
      ScanResult result = f.scan(library);
      // then
      assertThat(result.updated()).isEqualTo(1);
      assertThat(f.items(library.id(), "movie").get(0).get("missing_since")).isNull();
      assertThat(f.files(library.id()).get(0).get("missing_since")).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void rescan_movedFile_keepsItsItemAndWatchState(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.MOVIE);
      Path heat = f.file("Heat (1995)/Heat (1995).mkv", "the content of heat");
      f.file("Alien (1979)/Alien (1979).mkv", "the content of alien");
      f.scan(library);
      long itemId = num(f.items(library.id(), "movie").stream().filter(m -> m.get("title").equals("Heat")).findFirst()
          .orElseThrow().get("id"));
      f.jdbi.useHandle(h -> {
        long user = h.createUpdate("INSERT INTO users (username, username_key, password_hash, role, created_at, updated_at)"
            + " VALUES ('ann', 'ann', 'x', 'USER', 0, 0)").executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.execute("INSERT INTO user_item_state (user_id, item_id, position_ms, played, play_count, updated_at)"
            + " VALUES (?, ?, 60000, TRUE, 1, 0)", user, itemId);
      });
      // when
      Path renamed = f.root.resolve("Crime/Heat 1995 remastered.mkv");
      Files.createDirectories(renamed.getParent());
      Files.move(heat, renamed);
      ScanResult result = f.scan(library);
      // then
      assertThat(result.moved()).isEqualTo(1);
      assertThat(result.added()).isZero();
      assertThat(result.missing()).isZero();
      Map<String, Object> file = f.files(library.id()).stream().filter(r -> num(r.get("item_id")) == itemId)
          .findFirst().orElseThrow();
      assertThat(file.get("path")).isEqualTo(renamed.toString());
      assertThat(file.get("path_hash")).isEqualTo(Fingerprints.pathHash(renamed));
      assertThat(file.get("missing_since")).isNull();
      assertThat(f.items(library.id(), "movie")).hasSize(2);
      int states = f.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM user_item_state WHERE item_id = :id")
          .bind("id", itemId).mapTo(Integer.class).one());
      assertThat(states).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scanPaths_onlyLooksAtTheGivenPaths(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.MOVIE);
      Path heat = f.file("Heat (1995)/Heat (1995).mkv");
      f.scan(library);
      Path alien = f.file("Alien (1979)/Alien (1979).mkv");
      Files.delete(heat);
      // when: only Alien's folder changed as far as the caller knows
      ScanResult result = f.scanner.scanPaths(library, List.of(alien.getParent()));
      // then
      assertThat(result.added()).isEqualTo(1);
      assertThat(result.missing()).isZero();
      // and the deletion is seen when its path is given
      assertThat(f.scanner.scanPaths(library, List.of(heat)).missing()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void rescan_unreadableRootKeepsItsFiles_removedRootLosesThem(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.MOVIE);
      f.file("Heat (1995)/Heat (1995).mkv");
      f.scan(library);
      Path other = Files.createDirectories(tempDir.resolve("other")).toRealPath();
      // when the root is gone (an unmounted drive), its files stay as they are
      Path aside = Files.move(f.root, tempDir.resolve("unmounted"));
      assertThat(f.scan(library).missing()).isZero();
      Files.move(aside, f.root);
      // when the library no longer lists the root, its files go missing
      Library moved = new Library(library.id(), library.name(), library.type(), List.of(other), library.settings(),
          library.createdAt(), library.updatedAt(), 0);
      assertThat(f.scanner.scan(moved, LibraryScanner.Progress.NONE).missing()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_mixedLibrary_sortsMoviesEpisodesAndBooks_andSkipsIgnoredFolders(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      Library library = f.library(LibraryType.MIXED);
      f.file("Movies/Heat (1995)/Heat (1995).mkv");
      f.file("Shows/Lost/Season 01/Lost - S01E01.mkv");
      f.file("Shows/Lost/Season 01/Lost - S01E01 - 720p.mp4");
      f.file("Books/Frank Herbert - Dune.epub", "not really an epub");
      f.file("Private/.marqueeignore");
      f.file("Private/Home Video (2020).mkv");
      f.file("Movies/Heat (1995)/heat-sample.mkv");
      // when
      ScanResult result = f.scan(library);
      // then: two files of one episode are two versions of one item
      assertThat(result.added()).isEqualTo(4);
      assertThat(column(f.items(library.id(), "movie"), "title")).containsExactly("Heat");
      assertThat(f.items(library.id(), "episode")).hasSize(1);
      List<Map<String, Object>> books = f.items(library.id(), "book");
      assertThat(column(books, "title")).containsExactly("Dune");
      assertThat(column(books, "authors")).containsExactly("Frank Herbert");
      long episodeId = num(f.items(library.id(), "episode").get(0).get("id"));
      assertThat(f.files(library.id())).filteredOn(file -> num(file.get("item_id")) == episodeId).hasSize(2);
    }
  }
}
