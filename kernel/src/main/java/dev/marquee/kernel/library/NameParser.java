package dev.marquee.kernel.library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a guess from a media file's path relative to its library root, the way Plex and Jellyfin
 * users lay folders out. Pure: no file system access.
 */
final class NameParser {
  static final Set<String> VIDEO = Set.of("mkv", "mp4", "m4v", "avi", "mov", "wmv", "ts", "m2ts", "webm", "mpg", "mpeg");
  static final Set<String> BOOKS = Set.of("epub", "pdf", "cbz", "cbr");

  private static final Map<String, String> EXTRA_FOLDERS = Map.ofEntries(
      Map.entry("trailers", "trailer"), Map.entry("featurettes", "featurette"),
      Map.entry("behind the scenes", "behind_the_scenes"), Map.entry("deleted scenes", "deleted_scene"),
      Map.entry("interviews", "interview"), Map.entry("scenes", "scene"), Map.entry("shorts", "short"),
      Map.entry("extras", "extra"), Map.entry("other", "extra"));
  private static final Map<String, String> EXTRA_SUFFIXES = Map.ofEntries(
      Map.entry("trailer", "trailer"), Map.entry("featurette", "featurette"),
      Map.entry("behindthescenes", "behind_the_scenes"), Map.entry("deleted", "deleted_scene"),
      Map.entry("interview", "interview"), Map.entry("scene", "scene"), Map.entry("short", "short"),
      Map.entry("other", "extra"), Map.entry("extra", "extra"));
  private static final Pattern EXTRA_SUFFIX = Pattern.compile(
      "(?i)^(.*?)[ ._]*-(trailer|featurette|behindthescenes|deleted|interview|scene|short|other|extra)$");

  private static final Pattern ID_HINT = Pattern.compile(
      "(?i)[\\[{]\\s*(tmdb|imdb|tvdb)(?:id)?[-=:\\s]\\s*([a-z0-9]+)\\s*[\\]}]");
  private static final Pattern EDITION_HINT = Pattern.compile("(?i)\\{\\s*edition-([^}]+)}");
  private static final Pattern YEAR = Pattern.compile("(?<![0-9])(?:19|20)\\d{2}(?![0-9])");
  private static final Pattern PAREN_YEAR = Pattern.compile("[(\\[]((?:19|20)\\d{2})[)\\]]");
  private static final Pattern PART = Pattern.compile(
      "(?i)[ ._-]*[(\\[]?(?:cd|dvd|part|pt|disc|disk)[ ._-]*(\\d{1,2})[)\\]]?$");
  private static final Pattern EDITION_KEYWORD = Pattern.compile(
      "(?i)\\b(director'?s[ ._]cut|extended(?:[ ._]edition|[ ._]cut)?|unrated|uncut|theatrical(?:[ ._]cut)?"
          + "|remastered|special[ ._]edition|ultimate[ ._](?:edition|cut)|final[ ._]cut|criterion)\\b");
  private static final Pattern JUNK = Pattern.compile(
      "(?i)(?<![a-z0-9])(2160p|1080p|1080i|720p|576p|480p|4k|uhd|bluray|blu-ray|bdrip|brrip|bdremux|remux|web-?dl|webrip|web"
          + "|hdtv|hdrip|dvdrip|dvdscr|dvd|x264|x265|h\\.?264|h\\.?265|hevc|avc|xvid|divx|hdr10\\+?|hdr|dv|10bit|8bit"
          + "|aac[0-9.]*|ac3|eac3|dd[p+]?[0-9.]*|dts(?:-hd)?|truehd|atmos|flac|proper|repack|internal|limited"
          + "|multi|subbed|dubbed)(?![a-z0-9])");

  private static final Pattern SXXEYY = Pattern.compile(
      "(?i)(?<![a-z0-9])s(\\d{1,3})[ ._-]?e(\\d{1,4})(?:(?:[ ._]?-[ ._]?e?|[ ._]?e)(\\d{1,4}))?(?![0-9])");
  private static final Pattern NXNN = Pattern.compile("(?i)(?<![a-z0-9])(\\d{1,2})x(\\d{2,3})(?:-?x?(\\d{2,3}))?(?![0-9a-z])");
  private static final Pattern DATE = Pattern.compile("(?<![0-9])((?:19|20)\\d{2})[-. _](\\d{2})[-. _](\\d{2})(?![0-9])");
  private static final Pattern ABSOLUTE = Pattern.compile(
      "(?i)^(.*?)(?:[ ._]+-[ ._]*|[ ._]+|[ ._]*-[ ._]+)(?:e|ep|#)?(\\d{1,4})(?:v\\d)?(?=$|[ ._]+-[ ._]*|[ ._]*[\\[(])(.*)$");
  private static final Pattern SEASON_FOLDER = Pattern.compile("(?i)^(?:season|series|saison|staffel|s)[ ._-]*(\\d{1,4})$");
  private static final Pattern SPECIALS_FOLDER = Pattern.compile("(?i)^specials?$");
  private static final Pattern BRACKETS = Pattern.compile("\\[[^\\]]*]|\\{[^}]*}");
  private static final Pattern WORD_DOT = Pattern.compile("(?<=[\\p{L}\\p{N}]{2})\\.|\\.(?=[\\p{L}\\p{N}]{2})");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");
  /** What follows a movie's year when the rest names its edition: {@code " - Extended"}. */
  private static final Pattern DASH_EDITION = Pattern.compile("^\\s+-\\s+.+");
  private static final Pattern SEPARATORS = Pattern.compile("[ ._]+");
  private static final Pattern AUTHOR_TITLE = Pattern.compile("^(.+?)\\s+-\\s+(.+)$");
  private static final Pattern EDGE = Pattern.compile("^[\\s\\-_.,:;]+|[\\s\\-_.,:;(\\[]+$");
  /** Brackets that say something about the movie itself: a year or a part. */
  private static final Pattern KEPT_BRACKET = Pattern.compile("(?i)\\[((?:19|20)\\d{2}|(?:cd|dvd|part|pt|disc|disk)[ ._-]*\\d{1,2})]");

  private NameParser() {}

  /** The file's extension in lower case, or empty. */
  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Whether the scanner takes the file at all. */
  static boolean isMedia(Path file) {
    String ext = extension(file);
    return VIDEO.contains(ext) || BOOKS.contains(ext);
  }

  /**
   * Guesses what {@code relative} (a path below a library root) holds in a library of {@code type};
   * empty when the file is not media.
   */
  static Optional<MediaGuess> parse(Path relative, LibraryType type) {
    String ext = extension(relative);
    List<String> dirs = new ArrayList<>();
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      dirs.add(relative.getName(i).toString());
    }
    String fileName = relative.getFileName().toString();
    String base = ext.isEmpty() ? fileName : fileName.substring(0, fileName.length() - ext.length() - 1);
    if (BOOKS.contains(ext)) {
      return Optional.of(book(dirs, base));
    }
    if (!VIDEO.contains(ext)) {
      return Optional.empty();
    }
    if (type == LibraryType.SERIES) {
      return Optional.of(episode(dirs, base, true).orElseGet(() -> episodeWithoutNumber(dirs, base)));
    }
    if (type == LibraryType.MIXED) {
      Optional<MediaGuess> episode = episode(dirs, base, dirs.stream().anyMatch(d -> seasonOf(d).isPresent()));
      if (episode.isPresent()) {
        return episode;
      }
    }
    return Optional.of(movieOrExtra(dirs, base));
  }

  // ---- movies

  private static MediaGuess movieOrExtra(List<String> dirs, String base) {
    for (int i = dirs.size() - 1; i >= 0; i--) {
      String extraType = EXTRA_FOLDERS.get(dirs.get(i).toLowerCase(Locale.ROOT).strip());
      if (extraType != null && i > 0) {
        Movie movie = movie(dirs.get(i - 1), dirs.subList(0, i - 1));
        return new MediaGuess.Extra(movie.toGuess(), cleanTitle(base, base), extraType);
      }
    }
    Matcher suffix = EXTRA_SUFFIX.matcher(base);
    if (suffix.matches()) {
      String extraType = EXTRA_SUFFIXES.get(suffix.group(2).toLowerCase(Locale.ROOT));
      Movie movie = dirs.isEmpty() ? movie(suffix.group(1), List.of())
          : movie(dirs.get(dirs.size() - 1), dirs.subList(0, dirs.size() - 1));
      return new MediaGuess.Extra(movie.toGuess(), cleanTitle(suffix.group(1), base), extraType);
    }
    Movie fromFile = movie(base, dirs);
    if (!dirs.isEmpty()) {
      Movie fromFolder = movie(dirs.get(dirs.size() - 1), List.of());
      // the folder usually carries the clean "Title (Year)"; the file keeps the part and edition
      if (fromFolder.year != null && (fromFile.year == null || fromFile.year.equals(fromFolder.year))) {
        Map<String, String> ids = new LinkedHashMap<>(fromFolder.ids);
        ids.putAll(fromFile.ids);
        String edition = fromFile.edition != null ? fromFile.edition : fromFolder.edition;
        return new MediaGuess.Movie(fromFolder.title, fromFolder.year, edition, fromFile.part, Map.copyOf(ids));
      }
      if (fromFile.year == null && fromFolder.year == null && fromFile.part != null) {
        return new MediaGuess.Movie(fromFolder.title, null, fromFile.edition, fromFile.part, fromFile.ids);
      }
    }
    return fromFile.toGuess();
  }

  /** A movie name in the making. */
  private record Movie(String title, Integer year, String edition, Integer part, Map<String, String> ids) {
    MediaGuess.Movie toGuess() {
      return new MediaGuess.Movie(title, year, edition, part, ids);
    }
  }

  private static Movie movie(String name, List<String> parents) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String parent : parents) {
      idHints(parent, ids);
    }
    idHints(name, ids);
    String edition = null;
    Matcher editionHint = EDITION_HINT.matcher(name);
    if (editionHint.find()) {
      edition = editionHint.group(1).strip();
    }
    String text = BRACKETS.matcher(KEPT_BRACKET.matcher(name).replaceAll("($1)")).replaceAll(" ").strip();
    Integer part = null;
    Matcher partMatch = PART.matcher(text);
    if (partMatch.find()) {
      part = Integer.parseInt(partMatch.group(1));
      text = text.substring(0, partMatch.start());
    }
    Integer year = null;
    String title = text;
    String rest = "";
    Matcher paren = PAREN_YEAR.matcher(text);
    if (paren.find() && paren.start() > 0) {
      year = Integer.parseInt(paren.group(1));
      title = text.substring(0, paren.start());
      rest = text.substring(paren.end());
    } else {
      Matcher y = YEAR.matcher(text);
      int start = -1;
      while (y.find()) {
        // a title may itself be a year ("1917", "2001: A Space Odyssey"): never take the very start
        if (y.start() > 0) {
          start = y.start();
          year = Integer.parseInt(y.group());
          rest = text.substring(y.end());
          break;
        }
      }
      if (start > 0) {
        title = text.substring(0, start);
      }
    }
    if (edition == null && year != null) {
      String after = EDGE.matcher(rest).replaceAll("");
      Matcher keyword = EDITION_KEYWORD.matcher(rest);
      if (keyword.find()) {
        edition = prettyEdition(keyword.group(1));
      } else if (DASH_EDITION.matcher(rest).matches() && !after.isBlank() && !JUNK.matcher(after).find()) {
        edition = after.strip();
      }
    }
    return new Movie(cleanTitle(title, name), year, edition, part, Map.copyOf(ids));
  }

  private static String prettyEdition(String keyword) {
    String spaced = SEPARATORS.matcher(keyword).replaceAll(" ").toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (String word : spaced.split(" ")) {
      if (word.equals("director's") || word.equals("directors")) {
        word = "director's";
      }
      out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }

  private static void idHints(String text, Map<String, String> ids) {
    Matcher m = ID_HINT.matcher(text);
    while (m.find()) {
      ids.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
  }

  /**
   * A display title from a name: brackets and release junk dropped, dots and underscores as spaces
   * when the name has no spaces of its own.
   */
  static String cleanTitle(String text, String fallback) {
    String t = BRACKETS.matcher(text).replaceAll(" ");
    Matcher junk = JUNK.matcher(t);
    if (junk.find() && junk.start() > 0) {
      t = t.substring(0, junk.start());
    }
    if (!t.strip().contains(" ") || t.chars().filter(c -> c == '.').count() > 1 || t.contains("_")) {
      t = t.replace('_', ' ');
      // dots between words are separators, but keep the ones of abbreviations like "S.W.A.T"
      t = WORD_DOT.matcher(t).replaceAll(" ");
    }
    t = EDGE.matcher(t.strip()).replaceAll("");
    t = SPACES.matcher(t).replaceAll(" ").strip();
    if (t.isEmpty()) {
      String f = EDGE.matcher(fallback.strip()).replaceAll("");
      return f.isEmpty() ? fallback : f;
    }
    return t;
  }

  // ---- series

  private static Optional<Integer> seasonOf(String folder) {
    if (SPECIALS_FOLDER.matcher(folder.strip()).matches()) {
      return Optional.of(0);
    }
    Matcher m = SEASON_FOLDER.matcher(folder.strip());
    return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The show folder and the season folder below it, when the layout has them. */
  private record Layout(String showFolder, Integer folderSeason) {}

  private static Layout layout(List<String> dirs) {
    Integer season = null;
    int showIndex = -1;
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Optional<Integer> s = seasonOf(dirs.get(i));
      if (s.isPresent()) {
        season = s.get();
        showIndex = i - 1;
        break;
      }
    }
    if (season == null && !dirs.isEmpty()) {
      showIndex = 0;
    }
    return new Layout(showIndex >= 0 ? dirs.get(showIndex) : null, season);
  }

  /**
   * What an episode's folders say, the same for all the files in them: worked out once for a run of
   * files in one folder, as a scan parses them (the last folders only, per thread).
   *
   * @param showTitle and {@code showYear} from the show folder, when there is a (non-blank) one
   */
  private record Folders(List<String> dirs, Layout layout, Map<String, String> ids, String showTitle, Integer showYear) {
    private static final ThreadLocal<Folders> LAST = new ThreadLocal<>();

    static Folders of(List<String> dirs) {
      Folders last = LAST.get();
      if (last != null && last.dirs.equals(dirs)) {
        return last;
      }
      Layout layout = NameParser.layout(dirs);
      Map<String, String> ids = new LinkedHashMap<>();
      dirs.forEach(d -> idHints(d, ids));
      Show show = layout.showFolder != null && !layout.showFolder.isBlank() ? show(layout.showFolder) : null;
      Folders folders = new Folders(List.copyOf(dirs), layout, Map.copyOf(ids), show == null ? null : show.title,
          show == null ? null : show.year);
      LAST.set(folders);
      return folders;
    }
  }

  private record Show(String title, Integer year) {}

  /** A show's title and year from the folder or file name part that names it. */
  private static Show show(String showSource) {
    String show = BRACKETS.matcher(showSource).replaceAll(" ").strip();
    Integer year = null;
    Matcher paren = PAREN_YEAR.matcher(show);
    if (paren.find() && paren.start() > 0) {
      year = Integer.parseInt(paren.group(1));
      show = show.substring(0, paren.start());
    }
    return new Show(cleanTitle(show, showSource), year);
  }

  private static Optional<MediaGuess> episode(List<String> dirs, String base, boolean allowAbsolute) {
    Folders folders = Folders.of(dirs);
    Layout layout = folders.layout;
    String name = SPACES.matcher(BRACKETS.matcher(base).replaceAll(" ")).replaceAll(" ").strip();
    Matcher m = SXXEYY.matcher(name);
    if (!m.find()) {
      m = NXNN.matcher(name);
      if (!m.find()) {
        m = null;
      }
    }
    if (m != null) {
      int season = Integer.parseInt(m.group(1));
      int episode = Integer.parseInt(m.group(2));
      Integer end = m.group(3) != null ? Integer.valueOf(m.group(3)) : null;
      if (end != null && end <= episode) {
        end = null;
      }
      return Optional.of(episodeGuess(folders, base, name.substring(0, m.start()), season, episode, end, null, null,
          name.substring(m.end())));
    }
    Matcher date = DATE.matcher(name);
    if (date.find()) {
      String iso = date.group(1) + "-" + date.group(2) + "-" + date.group(3);
      int season = layout.folderSeason != null ? layout.folderSeason : Integer.parseInt(date.group(1));
      return Optional.of(episodeGuess(folders, base, name.substring(0, date.start()), season, null, null, null, iso,
          name.substring(date.end())));
    }
    if (allowAbsolute) {
      Matcher abs = ABSOLUTE.matcher(name);
      if (abs.matches()) {
        int number = Integer.parseInt(abs.group(2));
        boolean looksLikeYear = abs.group(2).length() == 4 && (number / 100 == 19 || number / 100 == 20);
        if (!looksLikeYear && !abs.group(1).isBlank()) {
          int season = layout.folderSeason != null ? layout.folderSeason : 1;
          Integer absolute = layout.folderSeason == null ? number : null;
          return Optional.of(episodeGuess(folders, base, abs.group(1), season, number, null, absolute, null,
              abs.group(3)));
        }
      }
    }
    return Optional.empty();
  }

  /** A file in a series library with no episode number: its own episode, numbered by nothing. */
  private static MediaGuess episodeWithoutNumber(List<String> dirs, String base) {
    Folders folders = Folders.of(dirs);
    Layout layout = folders.layout;
    int season = layout.folderSeason != null ? layout.folderSeason : 1;
    String title = cleanTitle(base, base);
    return episodeGuess(folders, base, layout.showFolder != null ? "" : title, season, null, null, null, null, base);
  }

  private static MediaGuess episodeGuess(Folders folders, String base, String showPrefix, int season,
      Integer episode, Integer end, Integer absolute, String date, String after) {
    Show show;
    if (folders.showTitle != null) {
      show = new Show(folders.showTitle, folders.showYear);
    } else {
      String showSource = folders.layout.showFolder != null ? folders.layout.showFolder : showPrefix;
      show = show(showSource == null || showSource.isBlank() ? base : showSource);
    }
    String episodeTitle = after == null ? null : cleanTitle(after, "");
    if (episodeTitle != null && (episodeTitle.isBlank() || episodeTitle.equals(after.strip()) && JUNK.matcher(after).lookingAt())) {
      episodeTitle = null;
    }
    return new MediaGuess.Episode(show.title, show.year, folders.ids, season, episode, end, absolute, date,
        episodeTitle);
  }

  // ---- books

  private static MediaGuess book(List<String> dirs, String base) {
    String authors = dirs.isEmpty() ? null : cleanTitle(dirs.get(0), dirs.get(0));
    String series = dirs.size() >= 2 ? cleanTitle(dirs.get(dirs.size() - 1), dirs.get(dirs.size() - 1)) : null;
    String title = base.strip();
    Matcher m = AUTHOR_TITLE.matcher(title);
    // "Author - Title" in the name says more than a folder, which may be a plain "Books"
    if (m.matches()) {
      authors = m.group(1).strip();
      title = m.group(2).strip();
    }
    return new MediaGuess.Book(title.isEmpty() ? base : title, authors, series);
  }
}
