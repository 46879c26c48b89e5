package dev.marquee.kernel.catalog;

import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.db.DeadlockRetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images embedded in library files (a book's cover, a video's cover art): their extracted copies
 * under {@code <data dir>/cache/images/embedded/<itemId>/}, their {@code item_images} rows (source
 * {@code embedded}, location the media file, {@code cached_path} the copy relative to the data dir),
 * and {@code embedded_image_checks}, which says at which size and modification time each file was
 * read, so a file is read once until it changes. Readers (the book cover queue, the prober) extract;
 * this class stores. Publishes {@value #CHANGED} {@code {itemIds}} when items' images changed.
 * Thread-safe.
 */
@Singleton
public final class EmbeddedArtwork {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedArtwork.class);
  static final String CHANGED = ResponseCache.CHANGED;

  /**
   * An image found inside a file.
   *
   * @param kind poster, backdrop or thumb
   * @param bytes the image as stored
   * @param extension jpg, png or gif: what the bytes are
   */
  public record Cover(String kind, byte[] bytes, String extension) {
    public Cover {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(extension, "extension");
    }
  }

  /** A present library file as the database knows it: size and modification time are the key of a read. */
  public record FileState(long fileId, long itemId, Path path, long size, long mtime) {}

  private final Jdbi jdbi;
  private final EventBus bus;
  private final Clock clock;
  private final Path dataDir;
  private final Path dir;
  private final Object writeLock = new Object();

  @Inject
  public EmbeddedArtwork(Jdbi jdbi, EventBus bus, Clock clock, Config config) {
    this.jdbi = jdbi;
    this.bus = bus;
    this.clock = clock;
    this.dataDir = config.dataDir();
    this.dir = dataDir.resolve("cache").resolve("images").resolve("embedded");
  }

  /** The file, when it is present in the catalog. */
  public Optional<FileState> file(long fileId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, item_id, path, size, mtime FROM media_files"
            + " WHERE id = :id AND missing_since IS NULL")
        .bind("id", fileId)
        .map((rs, ctx) -> new FileState(rs.getLong("id"), rs.getLong("item_id"), Path.of(rs.getString("path")),
            rs.getLong("size"), rs.getLong("mtime")))
        .findOne());
  }

  /** Whether the file was read at its current size and modification time. */
  public boolean current(FileState file) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM embedded_image_checks"
            + " WHERE file_id = :id AND size = :size AND mtime = :mtime")
        .bind("id", file.fileId()).bind("size", file.size()).bind("mtime", file.mtime()).mapTo(Integer.class).one()) > 0;
  }

  /** Whether images from the file are stored for its item. */
  public boolean hasImages(FileState file) {
    return !rowsOf(file).isEmpty();
  }

  /** What reading one file found: its images, none when it has none. */
  public record Read(FileState file, List<Cover> covers) {
    public Read {
      Objects.requireNonNull(file, "file");
      covers = List.copyOf(covers);
    }
  }

  /**
   * Stores what was found in the file (nothing: the file has no images) in place of what was found
   * in it before, and records the read. Rows and copies that did not change are kept.
   *
   * @return whether the item's images changed
   */
  public boolean store(FileState file, List<Cover> covers) throws IOException {
    return store(List.of(new Read(file, covers))) > 0;
  }

  /**
   * As {@link #store(FileState, List)} for many files, in one transaction.
   *
   * @return how many items' images changed
   */
  public int store(List<Read> reads) throws IOException {
    if (reads.isEmpty()) {
      return 0;
    }
    // by identity: a read's covers are byte arrays
    Map<Read, List<Row>> wanted = new IdentityHashMap<>();
    for (Read read : reads) {
      wanted.put(read, copies(read));
    }
    Map<Long, List<Row>> existing = embeddedRows(reads.stream().map(read -> read.file().itemId()).distinct().toList());
    Map<Read, List<Row>> old = new IdentityHashMap<>();
    Set<Long> changedItems = new LinkedHashSet<>();
    for (Read read : reads) {
      String prefix = read.file().fileId() + "-";
      List<Row> fromFile = existing.getOrDefault(read.file().itemId(), List.of()).stream()
          .filter(row -> row.cachedPath() != null && Path.of(row.cachedPath()).getFileName().toString().startsWith(prefix))
          .toList();
      old.put(read, fromFile);
      if (!sameRows(fromFile, wanted.get(read))) {
        changedItems.add(read.file().itemId());
      }
    }
    try {
      // On MariaDB two stores at once deadlock on the gaps their deletes lock: one at a time in this
      // process, and again when another server's store made this one the victim.
      DeadlockRetry.run(() -> {
        synchronized (writeLock) {
          writeRows(reads, wanted, old);
        }
      });
    } catch (RuntimeException e) {
      // a file or its item went away meanwhile: the new copies go too
      for (Read read : reads) {
        for (Row row : wanted.get(read)) {
          if (old.get(read).stream().noneMatch(before -> before.cachedPath().equals(row.cachedPath()))) {
            deleteCopy(row.cachedPath());
          }
        }
      }
      throw e;
    }
    for (Read read : reads) {
      Set<String> kept = new HashSet<>();
      wanted.get(read).forEach(row -> kept.add(row.cachedPath()));
      old.get(read).stream().filter(row -> !kept.contains(row.cachedPath())).forEach(row -> deleteCopy(row.cachedPath()));
    }
    if (!changedItems.isEmpty()) {
      bus.publish(CHANGED, Map.of("itemIds", List.copyOf(changedItems)));
    }
    return changedItems.size();
  }

  /** Replaces the reads' rows and records the reads, in one transaction. */
  private void writeRows(List<Read> reads, Map<Read, List<Row>> wanted, Map<Read, List<Row>> old) {
    jdbi.useTransaction(h -> {
      PreparedBatch delete = h.prepareBatch("DELETE FROM item_images WHERE id = :id");
      PreparedBatch insert = h.prepareBatch("INSERT INTO item_images (item_id, kind, source, location, cached_path,"
          + " sort_order) VALUES (:item, :kind, 'embedded', :location, :cached, :order)");
      PreparedBatch forget = h.prepareBatch("DELETE FROM embedded_image_checks WHERE file_id = :id");
      PreparedBatch check = h.prepareBatch("INSERT INTO embedded_image_checks (file_id, size, mtime, found, checked_at)"
          + " VALUES (:id, :size, :mtime, :found, :now)");
      long now = clock.millis();
      for (Read read : reads) {
        FileState file = read.file();
        if (!sameRows(old.get(read), wanted.get(read))) {
          old.get(read).forEach(row -> delete.bind("id", row.id()).add());
          wanted.get(read).forEach(row -> insert.bind("item", file.itemId()).bind("kind", row.kind())
              .bind("location", file.path().toString()).bind("cached", row.cachedPath())
              .bind("order", row.sortOrder()).add());
        }
        forget.bind("id", file.fileId()).add();
        check.bind("id", file.fileId()).bind("size", file.size()).bind("mtime", file.mtime())
            .bind("found", read.covers().size()).bind("now", now).add();
      }
      for (PreparedBatch batch : List.of(delete, insert, forget, check)) {
        if (batch.size() > 0) {
          batch.execute();
        }
      }
    });
  }

  /** Writes the read's images under the item's folder (unless there already); their rows to be. */
  private List<Row> copies(Read read) throws IOException {
    FileState file = read.file();
    Path itemDir = dir.resolve(Long.toString(file.itemId()));
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> order = new HashMap<>();
    for (Cover cover : read.covers()) {
      int index = order.merge(cover.kind(), 1, Integer::sum) - 1;
      String name = file.fileId() + "-" + file.size() + "-" + file.mtime() + "-" + cover.kind() + "-" + index + "."
          + cover.extension().toLowerCase(Locale.ROOT);
      Path copy = itemDir.resolve(name);
      if (!Files.isRegularFile(copy) || Files.size(copy) != cover.bytes().length) {
        Files.createDirectories(itemDir);
        Path temporary = Files.createTempFile(itemDir, name, ".tmp");
        try {
          Files.write(temporary, cover.bytes());
          Files.move(temporary, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(temporary);
        }
      }
      rows.add(new Row(0, cover.kind(), dataDir.relativize(copy).toString(), index));
    }
    return rows;
  }

  /** The embedded rows of the items, by item. */
  private Map<Long, List<Row>> embeddedRows(List<Long> itemIds) {
    Map<Long, List<Row>> rows = new HashMap<>();
    for (int start = 0; start < itemIds.size(); start += 500) {
      List<Long> slice = itemIds.subList(start, Math.min(itemIds.size(), start + 500));
      jdbi.useHandle(h -> h.createQuery("SELECT id, item_id, kind, cached_path, sort_order FROM item_images"
              + " WHERE item_id IN (<items>) AND source = 'embedded'")
          .bindList("items", slice)
          .map((rs, ctx) -> Map.entry(rs.getLong("item_id"), new Row(rs.getLong("id"), rs.getString("kind"),
              rs.getString("cached_path"), rs.getInt("sort_order"))))
          .forEach(e -> rows.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue())));
    }
    return rows;
  }

  /** An embedded row of the file's item; id 0 for one not written yet. */
  private record Row(long id, String kind, String cachedPath, int sortOrder) {
    /** The row but its id. */
    String key() {
      return kind + "\n" + cachedPath + "\n" + sortOrder;
    }
  }

  /** The item's embedded rows that came from this file: those whose copy is named after the file's id. */
  private List<Row> rowsOf(FileState file) {
    String prefix = file.fileId() + "-";
    return embeddedRows(List.of(file.itemId())).getOrDefault(file.itemId(), List.of()).stream()
        .filter(row -> row.cachedPath() != null && Path.of(row.cachedPath()).getFileName().toString().startsWith(prefix))
        .toList();
  }

  private static boolean sameRows(List<Row> old, List<Row> wanted) {
    Set<String> a = new HashSet<>();
    old.forEach(row -> a.add(row.key()));
    Set<String> b = new HashSet<>();
    wanted.forEach(row -> b.add(row.key()));
    return old.size() == wanted.size() && a.equals(b);
  }

  /** Deletes a copy this class wrote; a row's path is data, not a licence to delete anywhere. */
  private void deleteCopy(String cachedPath) {
    Path copy = dataDir.resolve(cachedPath).toAbsolutePath().normalize();
    if (!copy.startsWith(dir.toAbsolutePath().normalize())) {
      return;
    }
    try {
      Files.deleteIfExists(copy);
    } catch (IOException e) {
      log.warn("embedded image copy {} not deleted: {}", copy, e.toString());
    }
  }
}
