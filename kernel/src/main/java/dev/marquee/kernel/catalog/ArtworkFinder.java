package dev.marquee.kernel.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the artwork that sits beside the media, named the way Plex, Jellyfin and Kodi users name it,
 * and writes it to {@code item_images} with source {@code local}. The scanner calls {@link #sync}
 * for the items whose folders changed, {@link #refresh(long)} brings one item in line; both write
 * nothing when the rows already match the disk. {@link #find} is the pure listing for one folder.
 *
 * <ul>
 *   <li>poster: {@code <name>-poster}, {@code poster}, {@code folder}, {@code cover}
 *   <li>backdrop: {@code <name>-fanart}, {@code <name>-backdrop}, {@code fanart}, {@code backdrop},
 *       {@code background}
 *   <li>thumb: {@code <name>-thumb}, {@code thumb}, {@code landscape}
 *   <li>a season, in the show folder: {@code season01-poster}, {@code season01-fanart}, {@code
 *       season01-thumb} ({@code season-specials-poster} for season 0); in its own folder the
 *       generic names
 * </ul>
 *
 * Each with extension {@code .jpg}, {@code .jpeg} or {@code .png}, case-insensitive; the first name
 * in the order above is the preferred image of its kind. An episode takes only {@code <name>-*}
 * images: a {@code poster.jpg} in a season folder belongs to the season. The {@code local} rows whose
 * file name is one of these ({@link #isArtworkName}) are this finder's: it adds, reorders and removes
 * them; other {@code local} rows (files a provider such as an NFO named) are left alone. Thread-safe.
 */
public final class ArtworkFinder {
  private static final Logger log = LoggerFactory.getLogger(ArtworkFinder.class);
  private static final List<String> EXTENSIONS = List.of("jpg", "jpeg", "png");
  private static final Pattern SEASON_FOLDER = Pattern.compile("(?i)(season[ ._-]*\\d+|specials|s\\d{1,3})");
  private static final Map<String, List<String>> SUFFIXES = Map.of(
      "poster", List.of("poster", "cover"),
      "backdrop", List.of("fanart", "backdrop"),
      "thumb", List.of("thumb"));
  private static final Map<String, List<String>> GENERIC = Map.of(
      "poster", List.of("poster", "folder", "cover"),
      "backdrop", List.of("fanart", "backdrop", "background"),
      "thumb", List.of("thumb", "landscape"));
  private static final List<String> KINDS = List.of("poster", "backdrop", "thumb");
  private static final Pattern ARTWORK_NAME = Pattern.compile("(?i)(?:poster|folder|cover|fanart|backdrop|background"
      + "|thumb|landscape|season(?:\\d+|-specials)-(?:poster|fanart|thumb)|.+-(?:poster|cover|fanart|backdrop|thumb))"
      + "\\.(?:jpg|jpeg|png)");

  /**
   * One image found on disk.
   *
   * @param kind poster, backdrop or thumb
   * @param path the image file
   */
  public record LocalImage(String kind, Path path) {
    public LocalImage {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * An item whose local artwork is to be brought in line with the disk.
   *
   * @param kind the item's kind (movie, series, season, episode, book, extra)
   * @param indexNumber a season's number, else ignored
   * @param file the item's first file; for a series or season, one of its episodes' files
   */
  public record Target(long itemId, String kind, Integer indexNumber, Path file) {
    public Target {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(file, "file");
    }
  }

  /** A {@code local} row of {@code item_images}. */
  public record StoredImage(long id, long itemId, String kind, String location, int sortOrder) {}

  private final Jdbi jdbi;

  @Inject
  public ArtworkFinder(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Whether a file name is one of the artwork names this finder looks for (any base name, any
   * season), case-insensitive: the walker reports only these, and only rows with these names are
   * the finder's to remove.
   */
  public static boolean isArtworkName(String fileName) {
    return ARTWORK_NAME.matcher(fileName).matches();
  }

  /**
   * The artwork in {@code folder}: for a season ({@code seasonNumber} not null) only the {@code
   * seasonNN-*} names, otherwise the {@code <baseName>-*} names (when {@code baseName} is not null)
   * followed by the generic ones. Preferred first within each kind; empty when the folder is
   * missing. Blocks on the file system.
   */
  public List<LocalImage> find(Path folder, String baseName, Integer seasonNumber) {
    return find(folder, baseName, seasonNumber, new HashMap<>());
  }

  private List<LocalImage> find(Path folder, String baseName, Integer seasonNumber,
      Map<Path, Map<String, Path>> listings) {
    Map<String, Path> files = listings.computeIfAbsent(folder, ArtworkFinder::artworkByLowerName);
    List<LocalImage> found = new ArrayList<>();
    for (String kind : KINDS) {
      List<String> stems = new ArrayList<>();
      if (seasonNumber != null) {
        String season = seasonNumber == 0 ? "season-specials" : String.format(Locale.ROOT, "season%02d", seasonNumber);
        stems.add(season + "-" + (kind.equals("backdrop") ? "fanart" : kind));
      } else {
        if (baseName != null) {
          SUFFIXES.get(kind).forEach(suffix -> stems.add(baseName.toLowerCase(Locale.ROOT) + "-" + suffix));
        }
        stems.addAll(GENERIC.get(kind));
      }
      for (String stem : stems) {
        for (String extension : EXTENSIONS) {
          Path file = files.get(stem + "." + extension);
          if (file != null) {
            found.add(new LocalImage(kind, file));
          }
        }
      }
    }
    return found;
  }

  /**
   * Lists the local artwork of an item from where its files are (a series or season: where its
   * episodes are) and brings the item's {@code local} rows in line with it: missing ones are added,
   * gone ones removed, the order fixed; nothing is written when they match. Other sources' rows stay.
   * Returns the images found; empty for an unknown item or one without files. Blocks on the
   * database and the file system.
   */
  public List<LocalImage> refresh(long itemId) {
    Optional<Target> target = jdbi.withHandle(h -> {
      Optional<Map<String, Object>> item = h.createQuery("SELECT kind, index_number FROM media_items WHERE id = :id")
          .bind("id", itemId).mapToMap().findOne();
      if (item.isEmpty()) {
        return Optional.<Target>empty();
      }
      String kind = (String) item.get().get("kind");
      Object index = item.get().get("index_number");
      return firstFile(h, itemId, kind).filter(file -> file.getParent() != null)
          .map(file -> new Target(itemId, kind, index == null ? null : ((Number) index).intValue(), file));
    });
    if (target.isEmpty()) {
      return List.of();
    }
    List<StoredImage> stored = jdbi.withHandle(h -> h.createQuery("SELECT id, item_id, kind, location, sort_order"
            + " FROM item_images WHERE item_id = :id AND source = 'local'")
        .bind("id", itemId).map((rs, ctx) -> storedImage(rs)).list());
    Map<Path, Map<String, Path>> listings = new HashMap<>();
    List<LocalImage> images = imagesOf(target.get(), listings);
    write(List.of(diff(itemId, images, stored)));
    return images;
  }

  /**
   * The {@code local} rows of a library's items, by item, in one query.
   */
  public Map<Long, List<StoredImage>> storedOfLibrary(long libraryId) {
    Map<Long, List<StoredImage>> stored = new HashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT ii.id, ii.item_id, ii.kind, ii.location, ii.sort_order FROM item_images ii"
            + " JOIN media_items i ON i.id = ii.item_id WHERE i.library_id = :library AND ii.source = 'local'")
        .bind("library", libraryId)
        .map((rs, ctx) -> storedImage(rs))
        .forEach(image -> stored.computeIfAbsent(image.itemId(), id -> new ArrayList<>()).add(image)));
    return stored;
  }

  /**
   * Brings the {@code local} rows of each target in line with the disk, as {@link #refresh} does for
   * one item, in one transaction; each folder is listed once. {@code stored} holds the targets'
   * current rows (those of other items are ignored).
   *
   * @return how many rows were inserted, updated or deleted
   */
  public int sync(Collection<Target> targets, Map<Long, List<StoredImage>> stored) {
    Map<Path, Map<String, Path>> listings = new HashMap<>();
    List<Diff> diffs = new ArrayList<>();
    for (Target target : targets) {
      Diff diff = diff(target.itemId(), imagesOf(target, listings), stored.getOrDefault(target.itemId(), List.of()));
      if (!diff.isEmpty()) {
        diffs.add(diff);
      }
    }
    return write(diffs);
  }

  /** What to write for one item: rows to insert, to reorder, to delete. */
  private record Diff(long itemId, List<Insert> inserts, Map<Long, Integer> reorders, List<Long> deletes) {
    boolean isEmpty() {
      return inserts.isEmpty() && reorders.isEmpty() && deletes.isEmpty();
    }

    int size() {
      return inserts.size() + reorders.size() + deletes.size();
    }
  }

  private record Insert(String kind, String location, int sortOrder) {}

  private static Diff diff(long itemId, List<LocalImage> images, List<StoredImage> stored) {
    Map<String, Insert> wanted = new LinkedHashMap<>();
    Map<String, Integer> order = new HashMap<>();
    for (LocalImage image : images) {
      String location = image.path().toString();
      wanted.putIfAbsent(image.kind() + "\n" + location,
          new Insert(image.kind(), location, order.merge(image.kind(), 1, Integer::sum) - 1));
    }
    Map<Long, Integer> reorders = new HashMap<>();
    List<Long> deletes = new ArrayList<>();
    for (StoredImage row : stored) {
      Insert match = wanted.remove(row.kind() + "\n" + row.location());
      if (match != null) {
        if (match.sortOrder() != row.sortOrder()) {
          reorders.put(row.id(), match.sortOrder());
        }
      } else if (owned(row)) {
        deletes.add(row.id());
      }
    }
    return new Diff(itemId, List.copyOf(wanted.values()), reorders, deletes);
  }

  private static boolean owned(StoredImage row) {
    Path name = Path.of(row.location()).getFileName();
    return name != null && isArtworkName(name.toString());
  }

  private int write(List<Diff> diffs) {
    List<Diff> changes = diffs.stream().filter(diff -> !diff.isEmpty()).toList();
    if (changes.isEmpty()) {
      return 0;
    }
    jdbi.useTransaction(h -> {
      PreparedBatch delete = h.prepareBatch("DELETE FROM item_images WHERE id = :id");
      PreparedBatch reorder = h.prepareBatch("UPDATE item_images SET sort_order = :order WHERE id = :id");
      PreparedBatch insert = h.prepareBatch("INSERT INTO item_images (item_id, kind, source, location, sort_order)"
          + " VALUES (:item, :kind, 'local', :location, :order)");
      for (Diff diff : changes) {
        diff.deletes().forEach(id -> delete.bind("id", id).add());
        diff.reorders().forEach((id, order) -> reorder.bind("order", order).bind("id", id).add());
        diff.inserts().forEach(row -> insert.bind("item", diff.itemId()).bind("kind", row.kind())
            .bind("location", row.location()).bind("order", row.sortOrder()).add());
      }
      for (PreparedBatch batch : List.of(delete, reorder, insert)) {
        if (batch.size() > 0) {
          batch.execute();
        }
      }
    });
    return changes.stream().mapToInt(Diff::size).sum();
  }

  private static StoredImage storedImage(ResultSet rs) throws SQLException {
    return new StoredImage(rs.getLong("id"), rs.getLong("item_id"), rs.getString("kind"), rs.getString("location"),
        rs.getInt("sort_order"));
  }

  private List<LocalImage> imagesOf(Target target, Map<Path, Map<String, Path>> listings) {
    Path file = target.file();
    Path folder = file.getParent();
    if (folder == null) {
      return List.of();
    }
    String name = file.getFileName().toString();
    String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    Path showFolder = isSeasonFolder(folder) && folder.getParent() != null ? folder.getParent() : folder;
    switch (target.kind()) {
      case "series":
        return find(showFolder, null, null, listings);
      case "season": {
        List<LocalImage> images = new ArrayList<>(find(showFolder, null, target.indexNumber(), listings));
        if (!showFolder.equals(folder)) {
          images.addAll(find(folder, null, null, listings));
        }
        return images;
      }
      case "episode": {
        String prefix = base.toLowerCase(Locale.ROOT) + "-";
        return find(folder, base, null, listings).stream()
            .filter(image -> image.path().getFileName().toString().toLowerCase(Locale.ROOT).startsWith(prefix))
            .toList();
      }
      default:
        return find(folder, base, null, listings);
    }
  }

  private static boolean isSeasonFolder(Path folder) {
    return folder.getFileName() != null && SEASON_FOLDER.matcher(folder.getFileName().toString()).matches();
  }

  private static Optional<Path> firstFile(Handle h, long itemId, String kind) {
    String items = switch (kind) {
      case "series" -> "SELECT e.id FROM media_items e WHERE e.kind = 'episode' AND (e.parent_id = :id "
          + "OR e.parent_id IN (SELECT s.id FROM media_items s WHERE s.parent_id = :id))";
      case "season" -> "SELECT e.id FROM media_items e WHERE e.kind = 'episode' AND e.parent_id = :id";
      default -> "SELECT :id";
    };
    return h.createQuery("SELECT path FROM media_files WHERE item_id IN (" + items + ") AND missing_since IS NULL "
            + "ORDER BY CASE WHEN part IS NULL THEN 0 ELSE part END, id LIMIT 1")
        .bind("id", itemId).mapTo(String.class).findOne().map(Path::of);
  }

  /** The folder's files with an artwork name, by lower-case name; only those names cost a look-up. */
  private static Map<String, Path> artworkByLowerName(Path folder) {
    Map<String, Path> files = new HashMap<>();
    try (Stream<Path> entries = Files.list(folder)) {
      entries.filter(path -> isArtworkName(path.getFileName().toString()) && Files.isRegularFile(path))
          .forEach(path -> files.putIfAbsent(path.getFileName().toString().toLowerCase(Locale.ROOT), path));
    } catch (NoSuchFileException | NotDirectoryException e) {
      // a folder that is gone holds no artwork
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot list {} for artwork: {}", folder, e.toString());
    }
    return files;
  }
}
