package dev.marquee.api;

/**
 * The kinds of catalog items extensions deal with. Seasons and episodes belong to a series; a book
 * stands alone (series of books are a later concern).
 */
public enum MediaKind {
  /** A feature film or other single video. */
  MOVIE,
  /** A television series: the parent of seasons. */
  SERIES,
  /** A season of a series: the parent of episodes. */
  SEASON,
  /** One episode of a season. */
  EPISODE,
  /** A book: epub, pdf, comic archive or audiobook. */
  BOOK
}
