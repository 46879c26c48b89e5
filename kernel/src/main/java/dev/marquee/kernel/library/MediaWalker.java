package dev.marquee.kernel.library;

import dev.marquee.kernel.catalog.ArtworkFinder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a library root and returns the media files in it, and reports the artwork files it passes
 * ({@link ArtworkFinder#isArtworkName}) without extra look-ups: no parsing, no database. Skips
 * hidden files and folders, {@code sample} files and folders, and what a {@code .marqueeignore} or
 * {@code .ignore} file excludes: an empty one excludes its whole folder, one with
 * lines excludes what those gitignore-style globs match below it ({@code *.mkv}, {@code extras/},
 * {@code Season 1/bad.mkv}; {@code #} starts a comment).
 */
final class MediaWalker {
  private static final Logger log = LoggerFactory.getLogger(MediaWalker.class);
  static final List<String> IGNORE_FILES = List.of(".marqueeignore", ".ignore");
  private static final Pattern SAMPLE = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])sample(?![\\p{L}\\p{N}])");

  /** A media file found on disk. */
  record FoundFile(Path path, long size, long mtime) {}

  private MediaWalker() {}

  /**
   * The media files below {@code start} (a root, or a folder or file inside {@code root}). Follows
   * symbolic links, visiting each real folder once.
   */
  static List<FoundFile> walk(Path root, Path start, BooleanSupplier cancelled) throws IOException {
    return walk(root, start, cancelled, artwork -> {});
  }

  /**
   * As {@link #walk(Path, Path, BooleanSupplier)}, giving {@code artwork} each artwork file found
   * under the same rules.
   */
  static List<FoundFile> walk(Path root, Path start, BooleanSupplier cancelled, Consumer<Path> artwork)
      throws IOException {
    List<FoundFile> found = new ArrayList<>();
    List<IgnoreRules> rules = new ArrayList<>();
    if (!start.equals(root) && (!start.startsWith(root) || ignoredOnTheWay(root, start, rules))) {
      return found;
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(start, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return found;
    }
    if (attrs.isDirectory()) {
      walkDir(start, attrs, rules, new HashSet<>(), found, cancelled, artwork);
    } else if (attrs.isRegularFile() && NameParser.isMedia(start) && !skippedName(start) && !matches(rules, start, false)) {
      found.add(new FoundFile(start, attrs.size(), attrs.lastModifiedTime().toMillis()));
    } else if (attrs.isRegularFile() && isArtwork(start) && !skippedName(start) && !matches(rules, start, false)) {
      artwork.accept(start);
    }
    return found;
  }

  /**
   * One folder: its listing gives the ignore file without extra look-ups, then one stat per entry,
   * relative to the open folder as {@code find} does (an {@code fstatat}, not a look-up of the whole
   * path). Faster than {@link Files#walkFileTree}, which would need two more look-ups per folder.
   */
  private static void walkDir(Path dir, BasicFileAttributes dirAttrs, List<IgnoreRules> rules, Set<Object> visited,
      List<FoundFile> found, BooleanSupplier cancelled, Consumer<Path> artwork) {
    Object key = dirAttrs.fileKey();
    if (cancelled.getAsBoolean() || (key != null && !visited.add(key))) {
      return;
    }
    List<Path> entries = new ArrayList<>();
    List<BasicFileAttributes> entryAttrs = new ArrayList<>();
    Path ignoreFile = null;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path entry : stream) {
        String name = entry.getFileName().toString();
        if (IGNORE_FILES.contains(name)) {
          if (ignoreFile == null || name.equals(IGNORE_FILES.get(0))) {
            ignoreFile = entry;
          }
        } else if (!skippedName(name)) {
          entries.add(entry);
        }
      }
      for (Path entry : entries) {
        entryAttrs.add(readAttributes(stream, entry));
      }
    } catch (IOException e) {
      log.warn("cannot read folder {}: {}", dir, e.toString());
      return;
    }
    IgnoreRules own = ignoreFile == null ? null : IgnoreRules.read(dir, ignoreFile);
    if (own != null && own.all()) {
      return;
    }
    rules.add(own);
    for (int i = 0; i < entries.size(); i++) {
      Path entry = entries.get(i);
      BasicFileAttributes attrs = entryAttrs.get(i);
      if (attrs == null) {
        continue;
      }
      if (attrs.isDirectory()) {
        if (!matches(rules, entry, true)) {
          walkDir(entry, attrs, rules, visited, found, cancelled, artwork);
        }
      } else if (attrs.isRegularFile() && NameParser.isMedia(entry) && !matches(rules, entry, false)) {
        found.add(new FoundFile(entry, attrs.size(), attrs.lastModifiedTime().toMillis()));
      } else if (attrs.isRegularFile() && isArtwork(entry) && !matches(rules, entry, false)) {
        artwork.accept(entry);
      }
    }
    rules.remove(rules.size() - 1);
  }

  /** An entry's attributes (following links) through its open folder when it can; null when it cannot be read. */
  private static BasicFileAttributes readAttributes(DirectoryStream<Path> folder, Path entry) {
    try {
      if (folder instanceof SecureDirectoryStream<Path> secure) {
        return secure.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class).readAttributes();
      }
      return Files.readAttributes(entry, BasicFileAttributes.class);
    } catch (IOException e) {
      if (!(e instanceof NoSuchFileException)) {
        log.warn("cannot read {}: {}", entry, e.toString());
      }
      return null;
    }
  }

  /** Whether {@code path} (inside {@code root}) is skipped by the rules of the folders above it. */
  static boolean ignored(Path root, Path path) {
    return ignoredOnTheWay(root, path, new ArrayList<>()) || skippedName(path)
        || (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !NameParser.isMedia(path));
  }

  /** Checks the folders from root down to start's parent, collecting their rules; true when one excludes start. */
  private static boolean ignoredOnTheWay(Path root, Path start, List<IgnoreRules> collected) {
    Path relative = root.relativize(start);
    Path dir = root;
    for (int i = 0; i < relative.getNameCount(); i++) {
      IgnoreRules own = IgnoreRules.read(dir);
      if (own != null && own.all()) {
        return true;
      }
      collected.add(own);
      dir = dir.resolve(relative.getName(i));
      boolean last = i == relative.getNameCount() - 1;
      if ((!last && skippedName(dir)) || matches(collected, dir, !last || Files.isDirectory(dir))) {
        return true;
      }
    }
    return false;
  }

  /** An image named as artwork: the extension first, so other files cost no pattern match. */
  static boolean isArtwork(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return false;
    }
    String extension = name.substring(dot + 1);
    return (extension.equalsIgnoreCase("jpg") || extension.equalsIgnoreCase("jpeg") || extension.equalsIgnoreCase("png"))
        && ArtworkFinder.isArtworkName(name);
  }

  static boolean skippedName(Path path) {
    return skippedName(path.getFileName().toString());
  }

  private static boolean skippedName(String name) {
    return name.startsWith(".") || (containsSample(name) && SAMPLE.matcher(name).find());
  }

  /**
   * A cheap pre-check, so that the word-boundary regex runs only on the few names with "sample" in
   * them. The regex ignores case in ASCII only, so an ASCII 's' must start any match.
   */
  private static boolean containsSample(String name) {
    for (int i = 0; i + 6 <= name.length(); i++) {
      char c = name.charAt(i);
      if ((c == 's' || c == 'S') && name.regionMatches(true, i, "sample", 0, 6)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<IgnoreRules> rules, Path path, boolean directory) {
    for (IgnoreRules rule : rules) {
      if (rule != null && rule.excludes(path, directory)) {
        return true;
      }
    }
    return false;
  }

  /** The patterns of one folder's ignore file. */
  private record IgnoreRules(Path dir, List<PathMatcher> anyDepth, List<PathMatcher> anchored, List<Boolean> dirOnly,
      boolean all) {

    static IgnoreRules read(Path dir) {
      for (String name : IGNORE_FILES) {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
          return read(dir, file);
        }
      }
      return null;
    }

    static IgnoreRules read(Path dir, Path file) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file).stream().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!")).toList();
      } catch (IOException e) {
        log.warn("cannot read {}: {}; ignoring its whole folder", file, e.toString());
        lines = List.of();
      }
      if (lines.isEmpty()) {
        return new IgnoreRules(dir, List.of(), List.of(), List.of(), true);
      }
      List<PathMatcher> anyDepth = new ArrayList<>();
      List<PathMatcher> anchored = new ArrayList<>();
      List<Boolean> dirOnly = new ArrayList<>();
      for (String line : lines) {
        boolean onlyDirs = line.endsWith("/");
        String glob = onlyDirs ? line.substring(0, line.length() - 1) : line;
        boolean isAnchored = glob.contains("/");
        glob = glob.startsWith("/") ? glob.substring(1) : glob;
        try {
          PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
          anyDepth.add(isAnchored ? null : matcher);
          anchored.add(isAnchored ? matcher : null);
          dirOnly.add(onlyDirs);
        } catch (RuntimeException e) {
          log.warn("{}: skipping the bad pattern '{}'", file, line);
        }
      }
      return new IgnoreRules(dir, anyDepth, anchored, dirOnly, false);
    }

    boolean excludes(Path path, boolean directory) {
      if (!path.startsWith(dir) || path.equals(dir)) {
        return false;
      }
      Path relative = dir.relativize(path);
      for (int i = 0; i < dirOnly.size(); i++) {
        if (dirOnly.get(i) && !directory) {
          continue;
        }
        PathMatcher byName = anyDepth.get(i);
        if (byName != null ? byName.matches(path.getFileName()) : anchored.get(i).matches(relative)) {
          return true;
        }
      }
      return false;
    }
  }
}
