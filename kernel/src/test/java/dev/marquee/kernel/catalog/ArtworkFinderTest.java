package dev.marquee.kernel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.catalog.ArtworkFinder.LocalImage;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Local artwork beside movies, shows, seasons and episodes, written to item_images on every engine. */
class ArtworkFinderTest {
  @TempDir
  Path tempDir;

  static Path touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[0]);
  }

  private static List<Long> ids(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM item_images ORDER BY id").mapTo(Long.class).list());
  }

  @Test
  void isArtworkName_theNamesTheFinderLooksFor() {
    assertThat(List.of("poster.jpg", "FOLDER.JPG", "cover.png", "fanart.jpeg", "backdrop.jpg", "background.png",
        "thumb.jpg", "landscape.jpg", "Heat (1995)-poster.jpg", "Dark - S01E01-thumb.png", "movie-fanart.jpg",
        "season01-poster.jpg", "season100-fanart.png", "season-specials-poster.jpg"))
        .allMatch(ArtworkFinder::isArtworkName);
    assertThat(List.of("screenshot.jpg", "poster.gif", "poster.jpg.txt", "-poster.jpg", "season01.jpg", "poster",
        "cover-art.jpg", "Heat (1995).mkv"))
        .noneMatch(ArtworkFinder::isArtworkName);
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void refresh_moviesShowsSeasonsEpisodes_findsTheirNamedArtworkAndReplacesLocalRows(TestDatabase.Engine engine)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        TestKernel kernel = TestKernel.start(tempDir.resolve("data"), db.settings())) {
      // given
      Path root = tempDir.resolve("media");
      Path heat = root.resolve("Heat (1995)");
      touch(heat.resolve("Heat (1995).mkv"));
      touch(heat.resolve("Heat (1995)-poster.jpg"));
      touch(heat.resolve("FOLDER.JPG"));
      touch(heat.resolve("fanart.png"));
      touch(heat.resolve("notes.txt"));
      Path dark = root.resolve("Dark (2017)");
      touch(dark.resolve("poster.jpg"));
      touch(dark.resolve("fanart.jpg"));
      touch(dark.resolve("season01-poster.jpg"));
      touch(dark.resolve("Season 1").resolve("Dark - S01E01.mkv"));
      touch(dark.resolve("Season 1").resolve("Dark - S01E01-thumb.jpg"));
      touch(dark.resolve("Season 1").resolve("folder.jpg"));
      Jdbi jdbi = kernel.component().database().jdbi();
      CatalogFixture fixture = new CatalogFixture(jdbi);
      long movies = fixture.library("Movies", "movie");
      long movie = fixture.item(movies, "movie", "Heat").insert();
      fixture.file(movie, heat.resolve("Heat (1995).mkv").toString(), 1, 1);
      fixture.image(movie, "poster", "remote", "https://image.example/heat.jpg", null);
      long series = fixture.item(movies, "series", "Dark").insert();
      long season = fixture.item(movies, "season", "Season 1").parent(series).index(1).insert();
      long episode = fixture.item(movies, "episode", "Secrets").parent(season).index(1).insert();
      fixture.file(episode, dark.resolve("Season 1").resolve("Dark - S01E01.mkv").toString(), 1, 1);
      ArtworkFinder finder = new ArtworkFinder(jdbi);

      // when
      List<LocalImage> movieImages = finder.refresh(movie);
      List<Long> firstIds = ids(jdbi);
      finder.refresh(movie);
      assertThat(ids(jdbi)).as("a second refresh rewrites nothing").isEqualTo(firstIds);
      List<LocalImage> seriesImages = finder.refresh(series);
      List<LocalImage> seasonImages = finder.refresh(season);
      List<LocalImage> episodeImages = finder.refresh(episode);

      // then
      assertThat(movieImages).containsExactly(
          new LocalImage("poster", heat.resolve("Heat (1995)-poster.jpg")),
          new LocalImage("poster", heat.resolve("FOLDER.JPG")),
          new LocalImage("backdrop", heat.resolve("fanart.png")));
      assertThat(seriesImages).containsExactly(
          new LocalImage("poster", dark.resolve("poster.jpg")), new LocalImage("backdrop", dark.resolve("fanart.jpg")));
      assertThat(seasonImages).containsExactly(
          new LocalImage("poster", dark.resolve("season01-poster.jpg")),
          new LocalImage("poster", dark.resolve("Season 1").resolve("folder.jpg")));
      assertThat(episodeImages).containsExactly(new LocalImage("thumb", dark.resolve("Season 1").resolve("Dark - S01E01-thumb.jpg")));
      List<String> rows = jdbi.withHandle(h -> h.createQuery("SELECT kind, source, location, sort_order FROM item_images "
              + "WHERE item_id = :id ORDER BY source, kind, sort_order")
          .bind("id", movie)
          .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + Path.of(rs.getString(3)).getFileName() + " " + rs.getInt(4))
          .list());
      assertThat(rows).containsExactly("backdrop local fanart.png 0", "poster local Heat (1995)-poster.jpg 0",
          "poster local FOLDER.JPG 1", "poster remote heat.jpg 0");
      assertThat(finder.refresh(987_654)).isEmpty();
    }
  }
}
