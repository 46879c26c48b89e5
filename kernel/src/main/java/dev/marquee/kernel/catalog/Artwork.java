package dev.marquee.kernel.catalog;

import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.catalog.CatalogRows.ImageRow;
import dev.marquee.kernel.config.Config;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.inject.Inject;
import net.coobird.thumbnailator.Thumbnails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an item's artwork: the preferred image of a kind whose file is readable (a local file, or the
 * cached copy of a downloaded or embedded one), resized to a width as JPEG and cached on disk under
 * {@code <data dir>/cache/images/<itemId>/<kind>-<width>.jpg}. A cached variant carries its
 * source's modification time, so a changed source is resized again.
 */
final class Artwork {
  private static final Logger log = LoggerFactory.getLogger(Artwork.class);
  static final List<String> KINDS = List.of("poster", "backdrop", "thumb");
  static final int MIN_WIDTH = 32;
  static final int MAX_WIDTH = 3840;

  /** An image to send: its bytes, their type, and the strong validator of that answer. */
  record Image(byte[] bytes, String contentType, String etag) {}

  /** What to answer before any bytes are read: the source and the validator. */
  record Source(long itemId, String kind, Path path, long mtime, Integer width, String etag) {
    /** JPEG when resized, else the type of the stored file. */
    String contentType() {
      return width == null ? Artwork.contentType(path) : "image/jpeg";
    }
  }

  private final CatalogStore store;
  private final Path dataDir;
  private final Path cacheDir;

  @Inject
  Artwork(CatalogStore store, Config config) {
    this.store = store;
    this.dataDir = config.dataDir();
    this.cacheDir = dataDir.resolve("cache").resolve("images");
  }

  /** Clamps a requested width to what is served. */
  static int clamp(int width) {
    return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
  }

  /** The image to serve for an item and kind, with its ETag; 404 when the item has none readable. */
  Source source(long itemId, String kind, Integer width) {
    for (ImageRow row : store.images(itemId, kind)) {
      Optional<Path> path = fileOf(row);
      if (path.isPresent()) {
        try {
          long mtime = Files.getLastModifiedTime(path.get()).toMillis();
          return new Source(itemId, kind, path.get(), mtime, width, etag(path.get(), mtime, width));
        } catch (IOException e) {
          log.debug("artwork {} unreadable: {}", path.get(), e.toString());
        }
      }
    }
    throw ApiException.notFound("item " + itemId + " has no " + kind + " image");
  }

  private Optional<Path> fileOf(ImageRow row) {
    String location = row.cachedPath() != null ? row.cachedPath()
        : "remote".equals(row.source()) ? null : row.location();
    if (location == null) {
      return Optional.empty();
    }
    Path path = dataDir.resolve(location);
    return Files.isReadable(path) && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  /** The bytes of a source: as they are without a width, else resized (cached). */
  Image render(Source source) throws IOException {
    if (source.width() == null) {
      return new Image(Files.readAllBytes(source.path()), source.contentType(), source.etag());
    }
    Path cached = cacheDir.resolve(Long.toString(source.itemId())).resolve(source.kind() + "-" + source.width() + ".jpg");
    if (!Files.isRegularFile(cached) || Files.getLastModifiedTime(cached).toMillis() != source.mtime()) {
      resize(source, cached);
    }
    return new Image(Files.readAllBytes(cached), "image/jpeg", source.etag());
  }

  private static void resize(Source source, Path cached) throws IOException {
    BufferedImage original = ImageIO.read(source.path().toFile());
    if (original == null) {
      throw ApiException.notFound("the " + source.kind() + " image of item " + source.itemId() + " is not a readable image");
    }
    Files.createDirectories(cached.getParent());
    Path temporary = Files.createTempFile(cached.getParent(), source.kind(), ".tmp");
    try {
      // never enlarge: a small source is sent at its own width
      try (OutputStream out = Files.newOutputStream(temporary)) {
        // to a stream: toFile would append ".jpg" to the temporary file's name
        Thumbnails.of(opaque(original)).width(Math.min(source.width(), original.getWidth()))
            .outputFormat("jpg").outputQuality(0.85).toOutputStream(out);
      }
      Files.setLastModifiedTime(temporary, FileTime.fromMillis(source.mtime()));
      Files.move(temporary, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** JPEG has no alpha: transparent pixels become white instead of black. */
  private static BufferedImage opaque(BufferedImage image) {
    if (!image.getColorModel().hasAlpha()) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  static String contentType(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".png")) {
      return "image/png";
    }
    if (name.endsWith(".webp")) {
      return "image/webp";
    }
    if (name.endsWith(".gif")) {
      return "image/gif";
    }
    return "image/jpeg";
  }

  private static String etag(Path path, long mtime, Integer width) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (path + "\n" + mtime + "\n" + (width == null ? "original" : width)).getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
