package dev.marquee.kernel.library;

import java.nio.file.Path;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Reads a book file's type and embedded metadata. */
@Singleton
class BookReader {

  /**
   * What a book file says about itself; null fields are unknown.
   *
   * @param authors comma-separated
   */
  record BookInfo(String mimeType, String title, String authors, String seriesName, String language, String isbn,
      String description) {
    static final BookInfo EMPTY = new BookInfo(null, null, null, null, null, null, null);

    /** The guess from the path, with what the file says on top. */
    MediaGuess.Book over(MediaGuess.Book guess) {
      return new MediaGuess.Book(title != null ? title : guess.title(), authors != null ? authors : guess.authors(),
          seriesName != null ? seriesName : guess.seriesName(), language, isbn, description);
    }
  }

  @Inject
  BookReader() {}

  /** Never throws: an unreadable book is known by its path alone. */
  BookInfo read(Path file) {
    return BookInfo.EMPTY;
  }
}
