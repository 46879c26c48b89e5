package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Local artwork found by scans, on every engine: added, left alone, removed, picked up for new files. */
class ScanArtworkTest {
  @TempDir
  Path tempDir;

  /** "title kind file-name sort_order" of every local image of the library, sorted. */
  private static List<String> images(ScanFixture f, long libraryId) {
    return f.jdbi.withHandle(h -> h.createQuery("SELECT i.title, ii.kind, ii.location, ii.sort_order FROM item_images ii"
            + " JOIN media_items i ON i.id = ii.item_id WHERE i.library_id = :library AND ii.source = 'local'")
        .bind("library", libraryId)
        .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + Path.of(rs.getString(3)).getFileName() + " "
            + rs.getInt(4))
        .list()).stream().sorted().toList();
  }

  private static List<Long> imageIds(ScanFixture f) {
    return f.jdbi.withHandle(h -> h.createQuery("SELECT id FROM item_images ORDER BY id").mapTo(Long.class).list());
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_movieFolderWithArtwork_writesItsImagesOnceAndRemovesDeletedOnes(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given
      Library library = f.library(LibraryType.MOVIE);
      f.file("Heat (1995)/Heat (1995).mkv");
      Path poster = f.file("Heat (1995)/poster.jpg");
      f.file("Heat (1995)/fanart.jpg");
      f.file("Heat (1995)/screenshot.jpg");
      f.file("Alien (1979)/Alien (1979).mkv");
      f.file("Alien (1979)/Alien (1979)-poster.png");
      f.file("Alien (1979)/.hidden/poster.jpg");
      f.file("Plain (2001)/Plain (2001).mkv");

      // when
      f.scan(library);

      // then
      assertThat(images(f, library.id())).containsExactly(
          "Alien poster Alien (1979)-poster.png 0", "Heat backdrop fanart.jpg 0", "Heat poster poster.jpg 0");

      // when: a rescan with nothing changed
      List<Long> before = imageIds(f);
      f.scan(library);

      // then: no row was rewritten
      assertThat(imageIds(f)).isEqualTo(before);

      // when: the poster is replaced under the same name, and then deleted
      Files.writeString(poster, "a new poster");
      ScanFixture.touch(poster, 1_700_000_000_000L);
      f.scan(library);
      assertThat(imageIds(f)).isEqualTo(before);
      Files.delete(poster);
      f.scan(library);

      // then
      assertThat(images(f, library.id())).containsExactly(
          "Alien poster Alien (1979)-poster.png 0", "Heat backdrop fanart.jpg 0");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_seriesWithShowAndSeasonArtwork_givesShowSeasonAndEpisodeTheirImages(TestDatabase.Engine engine)
      throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given
      Library library = f.library(LibraryType.SERIES);
      f.file("Dark (2017)/poster.jpg");
      f.file("Dark (2017)/season01-poster.jpg");
      f.file("Dark (2017)/Season 1/Dark - S01E01.mkv");
      f.file("Dark (2017)/Season 1/Dark - S01E01-thumb.jpg");
      f.file("Dark (2017)/Season 2/Dark - S02E01.mkv");

      // when
      f.scan(library);

      // then
      assertThat(images(f, library.id())).containsExactly(
          "Dark poster poster.jpg 0", "Episode 1 thumb Dark - S01E01-thumb.jpg 0", "Season 1 poster season01-poster.jpg 0");

      // when: a season poster appears in the show folder, and a new episode beside a thumb
      f.file("Dark (2017)/season02-poster.jpg");
      f.file("Dark (2017)/Season 1/Dark - S01E02-thumb.jpg");
      f.file("Dark (2017)/Season 1/Dark - S01E02.mkv");
      f.scan(library);

      // then
      assertThat(images(f, library.id())).containsExactly(
          "Dark poster poster.jpg 0", "Episode 1 thumb Dark - S01E01-thumb.jpg 0",
          "Episode 2 thumb Dark - S01E02-thumb.jpg 0", "Season 1 poster season01-poster.jpg 0",
          "Season 2 poster season02-poster.jpg 0");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scanPaths_artworkCreatedOrDeletedOrMediaMovedBesideIt_updatesOnlyThoseItems(TestDatabase.Engine engine)
      throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given
      Library library = f.library(LibraryType.MOVIE);
      Path heat = f.file("Heat (1995)/Heat (1995).mkv", "heat");
      f.file("Other (2000)/Other (2000).mkv", "other");
      f.file("Other (2000)/folder.jpg");
      f.scan(library);
      assertThat(images(f, library.id())).containsExactly("Other poster folder.jpg 0");

      // when: a poster appears beside Heat and only its path is scanned (as the watcher does)
      Path poster = f.file("Heat (1995)/poster.jpg");
      f.scanner.scanPaths(library, List.of(poster));

      // then
      assertThat(images(f, library.id())).containsExactly("Heat poster poster.jpg 0", "Other poster folder.jpg 0");

      // when: it is deleted again
      Files.delete(poster);
      f.scanner.scanPaths(library, List.of(poster));

      // then
      assertThat(images(f, library.id())).containsExactly("Other poster folder.jpg 0");

      // when: Heat's file moves into the folder with artwork (new name, same content)
      Path moved = f.root.resolve("Other (2000)/Heat (1995).mkv");
      Files.move(heat, moved);
      f.scanner.scanPaths(library, List.of(heat, moved));

      // then: Heat keeps its item and now finds the folder's poster too
      List<Map<String, Object>> movies = f.items(library.id(), "movie");
      assertThat(movies).hasSize(2);
      assertThat(images(f, library.id())).containsExactly("Heat poster folder.jpg 0", "Other poster folder.jpg 0");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void scan_manyFoldersAndNamesWithLikeWildcards_eachMovieGetsItsOwnPoster(TestDatabase.Engine engine) throws Exception {
    try (ScanFixture f = new ScanFixture(engine, tempDir)) {
      // given: more folders than are matched by path in the query, and names with % _ ! in them
      Library library = f.library(LibraryType.MOVIE);
      for (int i = 0; i < ScanArtwork.MAX_PREFIXES + 10; i++) {
        f.file("Movie " + i + " (2000)/Movie " + i + " (2000).mkv", "m" + i);
        f.file("Movie " + i + " (2000)/poster.jpg");
      }
      f.file("100% Wolf_ (2020)!/100% Wolf_ (2020)!.mkv", "wolf");
      f.file("100X Wolfy (2020)!/100X Wolfy (2020)!.mkv", "wolfy");
      f.scan(library);
      assertThat(images(f, library.id())).hasSize(ScanArtwork.MAX_PREFIXES + 10);

      // when: a poster appears in the folder with wildcards in its name only
      Path poster = f.file("100% Wolf_ (2020)!/folder.jpg");
      f.scanner.scanPaths(library, List.of(poster));

      // then: only that movie has it
      assertThat(images(f, library.id())).hasSize(ScanArtwork.MAX_PREFIXES + 11)
          .contains("100% Wolf poster folder.jpg 0").noneMatch(row -> row.startsWith("100X"));
    }
  }
}
