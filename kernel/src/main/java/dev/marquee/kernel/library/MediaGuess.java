package dev.marquee.kernel.library;

import java.util.Map;

/** What the {@link NameParser} reads from a file's path, before any metadata lookup. */
sealed interface MediaGuess permits MediaGuess.Movie, MediaGuess.Extra, MediaGuess.Episode, MediaGuess.Book {

  /**
   * A movie file.
   *
   * @param edition Director's Cut and the like, or null
   * @param part 1, 2... for a movie split over files, or null
   * @param externalIds provider → id hints from the path ({@code tmdb}, {@code imdb})
   */
  record Movie(String title, Integer year, String edition, Integer part, Map<String, String> externalIds)
      implements MediaGuess {}

  /**
   * A trailer, featurette... of a movie.
   *
   * @param movie the movie it belongs to
   * @param extraType trailer, featurette, behind_the_scenes, deleted_scene, interview, scene, short, extra
   */
  record Extra(Movie movie, String title, String extraType) implements MediaGuess {}

  /**
   * An episode file.
   *
   * @param season season number (0 for specials)
   * @param episode episode number within the season (the absolute number when the show has no seasons)
   * @param episodeEnd last episode of a multi-episode file, or null
   * @param absoluteNumber absolute episode number, or null
   * @param releaseDate YYYY-MM-DD for date-based shows, or null
   * @param episodeTitle the episode's title from the file name, or null
   */
  record Episode(String showTitle, Integer showYear, Map<String, String> externalIds, int season, Integer episode,
      Integer episodeEnd, Integer absoluteNumber, String releaseDate, String episodeTitle) implements MediaGuess {}

  /**
   * A book; authors and series from the folder layout when there are any, the rest from the file's
   * embedded metadata.
   */
  record Book(String title, String authors, String seriesName, String language, String isbn, String description)
      implements MediaGuess {
    Book(String title, String authors, String seriesName) {
      this(title, authors, seriesName, null, null, null);
    }
  }
}
