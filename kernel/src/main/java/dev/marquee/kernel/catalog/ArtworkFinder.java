package dev.marquee.kernel.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * Finds the artwork that sits beside the media, named the way Plex, Jellyfin and Kodi users name it,
 * and writes it to {@code item_images} with source {@code local}. The scanner and the metadata
 * feature call {@link #refresh(long)} after they wrote or refreshed an item; {@link #find} is the
 * pure listing for one folder.
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
 * images: a {@code poster.jpg} in a season folder belongs to the season. Thread-safe.
 */
public final class ArtworkFinder {
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

  private final Jdbi jdbi;

  @Inject
  public ArtworkFinder(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The artwork in {@code folder}: for a season ({@code seasonNumber} not null) only the {@code
   * seasonNN-*} names, otherwise the {@code <baseName>-*} names (when {@code baseName} is not null)
   * followed by the generic ones. Preferred first within each kind; empty when the folder is
   * missing. Blocks on the file system.
   */
  public List<LocalImage> find(Path folder, String baseName, Integer seasonNumber) {
    Map<String, Path> files = filesByLowerName(folder);
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
   * episodes are) and replaces the item's {@code local} rows in {@code item_images} with it, in one
   * transaction; other sources' rows stay. Returns what it wrote; empty for an unknown item or one
   * without files. Blocks on the database and the file system.
   */
  public List<LocalImage> refresh(long itemId) {
    return jdbi.inTransaction(h -> {
      Optional<Map<String, Object>> item = h.createQuery("SELECT kind, index_number FROM media_items WHERE id = :id")
          .bind("id", itemId).mapToMap().findOne();
      if (item.isEmpty()) {
        return List.of();
      }
      String kind = (String) item.get().get("kind");
      Optional<Path> file = firstFile(h, itemId, kind);
      if (file.isEmpty() || file.get().getParent() == null) {
        return List.of();
      }
      List<LocalImage> images = imagesOf(kind, item.get().get("index_number"), file.get());
      h.createUpdate("DELETE FROM item_images WHERE item_id = :id AND source = 'local'").bind("id", itemId).execute();
      Map<String, Integer> order = new HashMap<>();
      for (LocalImage image : images) {
        h.createUpdate("INSERT INTO item_images (item_id, kind, source, location, sort_order) "
                + "VALUES (:id, :kind, 'local', :location, :order)")
            .bind("id", itemId).bind("kind", image.kind()).bind("location", image.path().toString())
            .bind("order", order.merge(image.kind(), 1, Integer::sum) - 1).execute();
      }
      return images;
    });
  }

  private List<LocalImage> imagesOf(String kind, Object indexNumber, Path file) {
    Path folder = file.getParent();
    String name = file.getFileName().toString();
    String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    Path showFolder = isSeasonFolder(folder) && folder.getParent() != null ? folder.getParent() : folder;
    switch (kind) {
      case "series":
        return find(showFolder, null, null);
      case "season": {
        List<LocalImage> images = new ArrayList<>(
            find(showFolder, null, indexNumber == null ? null : ((Number) indexNumber).intValue()));
        if (!showFolder.equals(folder)) {
          images.addAll(find(folder, null, null));
        }
        return images;
      }
      case "episode": {
        String prefix = base.toLowerCase(Locale.ROOT) + "-";
        return find(folder, base, null).stream()
            .filter(image -> image.path().getFileName().toString().toLowerCase(Locale.ROOT).startsWith(prefix))
            .toList();
      }
      default:
        return find(folder, base, null);
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

  private static Map<String, Path> filesByLowerName(Path folder) {
    Map<String, Path> files = new HashMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      entries.filter(Files::isRegularFile)
          .forEach(path -> files.putIfAbsent(path.getFileName().toString().toLowerCase(Locale.ROOT), path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return files;
  }
}
