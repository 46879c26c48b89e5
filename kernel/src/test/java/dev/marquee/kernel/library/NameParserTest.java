package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameParserTest {

  private static MediaGuess parse(String path, LibraryType type) {
    return NameParser.parse(Path.of(path), type).orElseThrow();
  }

  private static MediaGuess.Movie movie(String path) {
    return (MediaGuess.Movie) parse(path, LibraryType.MOVIE);
  }

  private static MediaGuess.Episode episode(String path) {
    return (MediaGuess.Episode) parse(path, LibraryType.SERIES);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "The Matrix (1999)/The Matrix (1999).mkv | The Matrix | 1999",
      "The.Matrix.1999.1080p.BluRay.x264-GROUP.mkv | The Matrix | 1999",
      "Inception.2010.720p.BRRip.x264.AAC.mp4 | Inception | 2010",
      "Blade Runner 2049 (2017)/Blade Runner 2049 (2017).mkv | Blade Runner 2049 | 2017",
      "1917 (2019)/1917 (2019).mkv | 1917 | 2019",
      "2001 A Space Odyssey (1968).mkv | 2001 A Space Odyssey | 1968",
      "Amélie (2001)/Amélie (2001) - 1080p.mkv | Amélie | 2001",
      "Movies/Heat (1995)/heat.mkv | Heat | 1995",
      "Some Home Video.avi | Some Home Video | -",
      "The_Big_Lebowski_1998_DVDRip.avi | The Big Lebowski | 1998",
      "Mission Impossible - Fallout (2018).mkv | Mission Impossible - Fallout | 2018",
      "Alien [1979].mp4 | Alien | 1979",
      "Spider-Man.No.Way.Home.2021.2160p.WEB-DL.x265.mkv | Spider-Man No Way Home | 2021",
      "Mr. Nobody (2009)/Mr. Nobody (2009).mkv | Mr. Nobody | 2009",
      "Star Wars Episode IV - A New Hope (1977) {tmdb-11}.mkv | Star Wars Episode IV - A New Hope | 1977",
      "Dune.Part.Two.2024.1080p.WEBRip.mkv | Dune Part Two | 2024",
      "Oldboy (2003)/Oldboy.2003.KOREAN.1080p.BluRay.mkv | Oldboy | 2003",
  })
  void parse_movieNames_readTitleAndYear(String path, String title, Integer year) {
    MediaGuess.Movie movie = movie(path);
    assertThat(movie.title()).isEqualTo(title);
    assertThat(movie.year()).isEqualTo(year);
  }

  @Test
  void parse_idHints_becomeExternalIds() {
    assertThat(movie("The Matrix (1999) {tmdb-603}/The Matrix (1999) {imdb-tt0133093}.mkv").externalIds())
        .isEqualTo(Map.of("tmdb", "603", "imdb", "tt0133093"));
    assertThat(movie("Heat (1995) [tmdbid-949]/Heat (1995).mkv").externalIds()).isEqualTo(Map.of("tmdb", "949"));
    assertThat(movie("Heat (1995) [tmdbid-949]/Heat (1995).mkv").title()).isEqualTo("Heat");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "Blade Runner (1982) {edition-Final Cut}.mkv | Blade Runner | Final Cut",
      "Blade Runner (1982)/Blade Runner (1982) - Director's Cut.mkv | Blade Runner | Director's Cut",
      "Aliens.1986.Special.Edition.1080p.BluRay.mkv | Aliens | Special Edition",
      "Avatar.2009.EXTENDED.1080p.mkv | Avatar | Extended",
      "Heat (1995).mkv | Heat | -",
      "Heat (1995) - 1080p.mkv | Heat | -",
  })
  void parse_editions_areRead(String path, String title, String edition) {
    MediaGuess.Movie movie = movie(path);
    assertThat(movie.title()).isEqualTo(title);
    assertThat(movie.edition()).isEqualTo(edition);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Kill Bill (2003)/Kill Bill (2003) - cd1.avi | 1",
      "Kill Bill (2003)/Kill Bill (2003) - cd2.avi | 2",
      "Kill Bill (2003)/Kill Bill (2003) part2.mkv | 2",
      "Kill Bill (2003)/Kill Bill (2003) - disc 1.mkv | 1",
      "Kill Bill (2003)/Kill.Bill.2003.pt3.mkv | 3",
      "Kill Bill (2003)/Kill Bill (2003) [dvd2].mkv | 2",
  })
  void parse_multiPart_readsPartAndKeepsTheMovie(String path, int part) {
    MediaGuess.Movie movie = movie(path);
    assertThat(movie.title()).isEqualTo("Kill Bill");
    assertThat(movie.year()).isEqualTo(2003);
    assertThat(movie.part()).isEqualTo(part);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Heat (1995)/Trailers/Official Trailer.mkv | trailer | Official Trailer",
      "Heat (1995)/Featurettes/Making of.mp4 | featurette | Making of",
      "Heat (1995)/Behind The Scenes/On set.mp4 | behind_the_scenes | On set",
      "Heat (1995)/Deleted Scenes/Bank.mp4 | deleted_scene | Bank",
      "Heat (1995)/Interviews/Pacino.mp4 | interview | Pacino",
      "Heat (1995)/Extras/Stuff.mp4 | extra | Stuff",
      "Heat (1995)/Heat (1995)-trailer.mp4 | trailer | Heat (1995)",
      "Heat (1995)/teaser-featurette.mp4 | featurette | teaser",
  })
  void parse_extras_belongToTheirMovie(String path, String type, String title) {
    MediaGuess.Extra extra = (MediaGuess.Extra) parse(path, LibraryType.MOVIE);
    assertThat(extra.extraType()).isEqualTo(type);
    assertThat(extra.title()).isEqualTo(title);
    assertThat(extra.movie().title()).isEqualTo("Heat");
    assertThat(extra.movie().year()).isEqualTo(1995);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "Breaking Bad (2008)/Season 01/Breaking Bad - S01E02 - Cat's in the Bag.mkv | Breaking Bad | 2008 | 1 | 2 | - | Cat's in the Bag",
      "Breaking Bad/Season 1/Breaking.Bad.S01E03.720p.HDTV.x264.mkv | Breaking Bad | - | 1 | 3 | - | -",
      "The Office (US)/Season 02/The Office (US) - S02E01E02 - The Dundies.mkv | The Office (US) | - | 2 | 1 | 2 | The Dundies",
      "Lost/Season 01/Lost - S01E01-E02 - Pilot.mkv | Lost | - | 1 | 1 | 2 | Pilot",
      "Lost/Season 01/Lost.s01e24-25.mkv | Lost | - | 1 | 24 | 25 | -",
      "Friends/Season 3/Friends 3x05.avi | Friends | - | 3 | 5 | - | -",
      "Friends/Friends - 3x05 - The One With Frank Jr.avi | Friends | - | 3 | 5 | - | The One With Frank Jr",
      "Doctor Who (2005)/Specials/Doctor Who - S00E01 - The Christmas Invasion.mkv | Doctor Who | 2005 | 0 | 1 | - | The Christmas Invasion",
      "Doctor Who (2005)/Season 00/Doctor Who - S00E02.mkv | Doctor Who | 2005 | 0 | 2 | - | -",
      "Sherlock.S02E01.1080p.BluRay.mkv | Sherlock | - | 2 | 1 | - | -",
      "Game of Thrones/S01/Game.of.Thrones.S01E09.Baelor.mkv | Game of Thrones | - | 1 | 9 | - | Baelor",
      "Show {tvdb-81189}/Season 01/Show S01E01.mkv | Show | - | 1 | 1 | - | -",
  })
  void parse_episodeNames_readShowSeasonAndEpisode(String path, String show, Integer year, int season, Integer episode,
      Integer end, String title) {
    MediaGuess.Episode e = episode(path);
    assertThat(e.showTitle()).isEqualTo(show);
    assertThat(e.showYear()).isEqualTo(year);
    assertThat(e.season()).isEqualTo(season);
    assertThat(e.episode()).isEqualTo(episode);
    assertThat(e.episodeEnd()).isEqualTo(end);
    assertThat(e.episodeTitle()).isEqualTo(title);
  }

  @Test
  void parse_idHintOnShowFolder_becomesExternalId() {
    assertThat(episode("Show {tvdb-81189}/Season 01/Show S01E01.mkv").externalIds()).isEqualTo(Map.of("tvdb", "81189"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "One Piece/One Piece - 1071 - The Gear Five.mkv | One Piece | 1071 | The Gear Five",
      "Naruto/[Group] Naruto - 102 [1080p].mkv | Naruto | 102 | -",
      "Naruto/Naruto 103.mkv | Naruto | 103 | -",
  })
  void parse_absoluteNumbers_withoutSeasonFolders(String path, String show, int absolute, String title) {
    MediaGuess.Episode e = episode(path);
    assertThat(e.showTitle()).isEqualTo(show);
    assertThat(e.absoluteNumber()).isEqualTo(absolute);
    assertThat(e.episode()).isEqualTo(absolute);
    assertThat(e.season()).isEqualTo(1);
    assertThat(e.episodeTitle()).isEqualTo(title);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "The Daily Show/The Daily Show 2024-03-01.mkv | The Daily Show | 2024-03-01 | 2024",
      "The Daily Show/Season 2023/The.Daily.Show.2023.11.30.720p.WEB.mkv | The Daily Show | 2023-11-30 | 2023",
      "Jeopardy/Jeopardy_2022_01_05.mp4 | Jeopardy | 2022-01-05 | 2022",
  })
  void parse_dateBased_readsReleaseDate(String path, String show, String date, int season) {
    MediaGuess.Episode e = episode(path);
    assertThat(e.showTitle()).isEqualTo(show);
    assertThat(e.releaseDate()).isEqualTo(date);
    assertThat(e.season()).isEqualTo(season);
    assertThat(e.episode()).isNull();
  }

  @Test
  void parse_filesOfOneFolderInARow_readTheFoldersAsEachAlone() {
    // given: what each file reads as when it is the first of its folder
    String[] paths = {"Lost (2004) {tvdb-73739}/Season 01/Lost - S01E01 - Pilot.mkv",
        "Lost (2004) {tvdb-73739}/Season 01/Lost - S01E02.mkv", "Lost (2004) {tvdb-73739}/Season 02/Lost - 2x01.mkv",
        "Naruto/Naruto - 102.mkv", "Naruto/Naruto - 103.mkv", "   /Season 01/Some Show - S01E01.mkv",
        "   /Season 01/Other Show - S01E02.mkv", "Lost (2004) {tvdb-73739}/Season 01/Lost - S01E03.mkv"};
    MediaGuess.Episode[] alone = new MediaGuess.Episode[paths.length];
    for (int i = 0; i < paths.length; i++) {
      episode("Reset/Season 09/Reset - S09E09.mkv");
      alone[i] = episode(paths[i]);
    }
    // when / then: one after the other, as a scan reads them
    for (int i = 0; i < paths.length; i++) {
      assertThat(episode(paths[i])).as(paths[i]).isEqualTo(alone[i]);
    }
    assertThat(alone[0].showTitle()).isEqualTo("Lost");
    assertThat(alone[0].externalIds()).isEqualTo(Map.of("tvdb", "73739"));
    assertThat(alone[3].showTitle()).isEqualTo("Naruto");
    // a blank show folder names nothing: each file's own name does
    assertThat(alone[5].showTitle()).startsWith("Some Show");
    assertThat(alone[6].showTitle()).startsWith("Other Show");
  }

  @Test
  void parse_mixedLibrary_tellsEpisodesFromMovies() {
    assertThat(parse("Shows/Lost/Season 01/Lost - S01E01.mkv", LibraryType.MIXED)).isInstanceOf(MediaGuess.Episode.class);
    assertThat(parse("Movies/Heat (1995)/Heat (1995).mkv", LibraryType.MIXED)).isInstanceOf(MediaGuess.Movie.class);
    assertThat(parse("Movies/Blade Runner 2049 (2017).mkv", LibraryType.MIXED)).isInstanceOf(MediaGuess.Movie.class);
  }

  @Test
  void parse_resolutionLikeNumbers_areNotEpisodes() {
    assertThat(parse("Heat.1995.1920x1080.mkv", LibraryType.MIXED)).isInstanceOf(MediaGuess.Movie.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "Terry Pratchett/Discworld/Guards! Guards!.epub | Guards! Guards! | Terry Pratchett | Discworld",
      "Ursula K. Le Guin/A Wizard of Earthsea.epub | A Wizard of Earthsea | Ursula K. Le Guin | -",
      "Frank Herbert - Dune.pdf | Dune | Frank Herbert | -",
      "Books/Frank Herbert - Dune.epub | Dune | Frank Herbert | -",
      "Watchmen 01.cbz | Watchmen 01 | - | -",
  })
  void parse_books_readAuthorAndSeriesFromFolders(String path, String title, String authors, String series) {
    MediaGuess.Book book = (MediaGuess.Book) parse(path, LibraryType.BOOK);
    assertThat(book.title()).isEqualTo(title);
    assertThat(book.authors()).isEqualTo(authors);
    assertThat(book.seriesName()).isEqualTo(series);
  }

  @Test
  void parse_otherFiles_areNotMedia() {
    assertThat(NameParser.parse(Path.of("Heat (1995)/heat.nfo"), LibraryType.MOVIE)).isEmpty();
    assertThat(NameParser.parse(Path.of("Heat (1995)/poster.jpg"), LibraryType.MOVIE)).isEmpty();
  }

  @Test
  void titles_sortAndFold() {
    assertThat(Titles.sortTitle("The Matrix")).isEqualTo("Matrix");
    assertThat(Titles.sortTitle("A Beautiful Mind")).isEqualTo("Beautiful Mind");
    assertThat(Titles.sortTitle("Anastasia")).isEqualTo("Anastasia");
    assertThat(Titles.sortTitle("The")).isEqualTo("The");
    assertThat(Titles.fold("Amélie: Le Fabuleux Destin!")).isEqualTo("amelie le fabuleux destin");
    assertThat(Titles.fold("Spider-Man")).isEqualTo("spider man");
  }
}
