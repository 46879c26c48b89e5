package dev.marquee.kernel.library;

import dev.marquee.api.event.EventBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler: compares what the {@link MediaWalker} found with the library's rows and writes
 * the difference — new items and files, changed files, files gone missing, moves (a new path whose
 * fingerprint matches exactly one missing file takes over that file's row, so the item keeps its
 * id and everyone's watch state) — then purges items missing longer than the library's grace
 * period and the seasons and shows they leave empty.
 *
 * <p>Reads the library's files and items into memory once per scan and writes in transactions of
 * {@value #CHUNK} files, so a rescan of an unchanged library costs a walk and one query. One scan
 * per library at a time: a second one waits.
 */
@Singleton
final class LibraryScanner {
  private static final Logger log = LoggerFactory.getLogger(LibraryScanner.class);
  /** Published after each scan: {@code {libraryId, added, updated, missing, moved, purged}}. */
  static final String SCANNED = "library.scanned";
  /** Published for each new item: {@code {itemId, libraryId, kind}}. */
  static final String ITEM_ADDED = "library.item.added";
  static final int CHUNK = 4000;
  private static final Map<String, String> MIME = Map.ofEntries(
      Map.entry("mkv", "video/x-matroska"), Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/x-m4v"),
      Map.entry("avi", "video/x-msvideo"), Map.entry("mov", "video/quicktime"), Map.entry("wmv", "video/x-ms-wmv"),
      Map.entry("ts", "video/mp2t"), Map.entry("m2ts", "video/mp2t"), Map.entry("webm", "video/webm"),
      Map.entry("mpg", "video/mpeg"), Map.entry("mpeg", "video/mpeg"), Map.entry("epub", "application/epub+zip"),
      Map.entry("pdf", "application/pdf"), Map.entry("cbz", "application/vnd.comicbook+zip"),
      Map.entry("cbr", "application/vnd.comicbook-rar"));

  /** Progress and cancellation of the caller. */
  interface Progress {
    Progress NONE = new Progress() {
      @Override
      public void report(int percent, String message) {}

      @Override
      public boolean cancelled() {
        return false;
      }
    };

    void report(int percent, String message);

    boolean cancelled();
  }

  private final Jdbi jdbi;
  private final EventBus bus;
  private final Clock clock;
  private final BookReader books;
  private final ScanArtwork artwork;
  private final Map<Long, ReentrantLock> locks = new ConcurrentHashMap<>();

  @Inject
  LibraryScanner(Jdbi jdbi, EventBus bus, Clock clock, BookReader books, ScanArtwork artwork) {
    this.jdbi = jdbi;
    this.bus = bus;
    this.clock = clock;
    this.books = books;
    this.artwork = artwork;
  }

  /**
   * Scans every root of {@code library}; roots that cannot be read (an unmounted drive) keep their
   * files as they are, files outside every root go missing.
   */
  ScanResult scan(Library library, Progress progress) throws IOException {
    ReentrantLock lock = locks.computeIfAbsent(library.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      List<MediaWalker.FoundFile> found = new ArrayList<>();
      List<Path> images = new ArrayList<>();
      List<Path> scope = new ArrayList<>();
      for (Path root : library.roots()) {
        if (!Files.isDirectory(root) || !Files.isReadable(root)) {
          log.warn("library {} ({}): root {} cannot be read; its files are left as they are", library.id(),
              library.name(), root);
          continue;
        }
        progress.report(0, "walking " + root);
        long start = System.nanoTime();
        found.addAll(MediaWalker.walk(root, root, progress::cancelled, images::add));
        log.debug("library {}: walked {} in {} ms", library.id(), root, (System.nanoTime() - start) / 1_000_000);
        scope.add(root);
      }
      // files under a readable root, and files no root holds any more (the library's roots changed)
      Predicate<Path> inScope = path -> scope.stream().anyMatch(path::startsWith)
          || library.roots().stream().noneMatch(path::startsWith);
      return reconcile(library, found, images, inScope, progress);
    } finally {
      lock.unlock();
    }
  }

  /** Scans only {@code paths} (files or folders inside the library's roots, existing or gone). */
  ScanResult scanPaths(Library library, Collection<Path> paths) throws IOException {
    ReentrantLock lock = locks.computeIfAbsent(library.id(), id -> new ReentrantLock());
    lock.lock();
    try {
      Map<Path, MediaWalker.FoundFile> found = new LinkedHashMap<>();
      Set<Path> images = new HashSet<>();
      List<Path> scope = new ArrayList<>();
      for (Path path : paths) {
        Optional<Path> root = library.roots().stream().filter(path::startsWith).findFirst();
        if (root.isEmpty()) {
          continue;
        }
        scope.add(path);
        if (Files.exists(path)) {
          for (MediaWalker.FoundFile file : MediaWalker.walk(root.get(), path, () -> false, images::add)) {
            found.put(file.path(), file);
          }
        }
      }
      if (scope.isEmpty()) {
        return ScanResult.NONE;
      }
      return reconcile(library, List.copyOf(found.values()), images, p -> scope.stream().anyMatch(p::startsWith),
          Progress.NONE);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a deleted library's lock. */
  void forget(long libraryId) {
    locks.remove(libraryId);
  }

  // ---- reconciling

  /** A file row as a scan compares it; its fingerprint is read only when a move is possible. */
  private record KnownFile(long id, long itemId, String path, long size, long mtime, Long missingSince) {}

  /** A new file with its path hash and fingerprint, or with neither yet (see {@link #hashed}). */
  private record NewFile(MediaWalker.FoundFile found, String pathHash, String fingerprint) {
    static NewFile unhashed(MediaWalker.FoundFile found) {
      return new NewFile(found, null, null);
    }

    NewFile hashed() {
      return pathHash != null ? this : new NewFile(found, Fingerprints.pathHash(found.path()), fingerprintOrNull(found));
    }
  }

  /** A new file with what its path (and, for a book, its content) says it holds. */
  private record ParsedFile(NewFile file, MediaGuess guess, String mime) {}

  private ScanResult reconcile(Library library, List<MediaWalker.FoundFile> found, Collection<Path> images,
      Predicate<Path> inScope, Progress progress) {
    long now = clock.millis();
    long t0 = System.nanoTime();
    Map<String, KnownFile> known = loadFiles(library.id());
    long t1 = System.nanoTime();
    List<KnownFile> changed = new ArrayList<>();
    List<MediaWalker.FoundFile> changedFound = new ArrayList<>();
    List<MediaWalker.FoundFile> unknown = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (MediaWalker.FoundFile file : found) {
      // by path text, which path_hash hashes: an unchanged file costs no hash
      String path = file.path().toString();
      KnownFile row = known.get(path);
      if (!known.isEmpty()) {
        seen.add(path);
      }
      if (row == null) {
        unknown.add(file);
      } else if (row.size != file.size() || row.mtime != file.mtime() || row.missingSince != null) {
        changed.add(row);
        changedFound.add(file);
      }
    }
    List<KnownFile> vanished = known.values().stream()
        .filter(f -> f.missingSince == null && !seen.contains(f.path) && inScope.test(Path.of(f.path)))
        .toList();
    progress.report(30, unknown.size() + " new, " + changed.size() + " changed, " + vanished.size() + " gone");

    // new files are hashed here only when one may be a missing file that moved; else while they are parsed
    List<KnownFile> missingFiles = unknown.isEmpty() ? List.of() : missingFiles(known, vanished, seen);
    List<NewFile> fresh = missingFiles.isEmpty() ? unknown.stream().map(NewFile::unhashed).toList()
        : unknown.parallelStream().map(file -> NewFile.unhashed(file).hashed()).toList();
    Map<NewFile, KnownFile> moves = missingFiles.isEmpty() ? Map.of() : findMoves(library.id(), fresh, missingFiles);
    long t2 = System.nanoTime();

    if (!changed.isEmpty() || !vanished.isEmpty() || !moves.isEmpty()) {
      jdbi.useTransaction(h -> {
        updateChanged(h, changed, changedFound, now);
        markMissing(h, vanished, now);
        applyMoves(h, moves);
      });
    }

    List<NewFile> toAdd = fresh.stream().filter(f -> !moves.containsKey(f)).toList();
    ItemIndex index = toAdd.isEmpty() ? null : ItemIndex.load(jdbi, library.id());
    int itemsAdded = 0;
    int filesAdded = 0;
    // names are parsed (and books read) outside the transactions, the next ones' while this one is written
    Parsing next = toAdd.isEmpty() ? null : new Parsing(library, toAdd.subList(0, Math.min(toAdd.size(), CHUNK)));
    for (int start = 0; start < toAdd.size(); start += CHUNK) {
      if (progress.cancelled()) {
        break;
      }
      List<ParsedFile> chunk = next.join();
      int end = Math.min(toAdd.size(), start + CHUNK);
      next = end < toAdd.size() ? new Parsing(library, toAdd.subList(end, Math.min(toAdd.size(), end + CHUNK))) : null;
      Added added = jdbi.inTransaction(h -> addFiles(h, library, index, chunk, now));
      added.items().forEach(c -> bus.publish(ITEM_ADDED, Map.of("itemId", c.id(), "libraryId", library.id(), "kind", c.kind())));
      itemsAdded += added.items().size();
      filesAdded += added.files();
      progress.report(30 + (int) (65L * end / toAdd.size()), end + " of " + toAdd.size() + " new files added");
    }
    long t3 = System.nanoTime();
    Set<Long> touchedItems = new HashSet<>();
    changed.forEach(row -> touchedItems.add(row.itemId));
    vanished.forEach(row -> touchedItems.add(row.itemId));
    moves.values().forEach(row -> touchedItems.add(row.itemId));
    int purged = jdbi.inTransaction(h -> {
      updateItemPresence(h, List.copyOf(touchedItems), now);
      return purge(h, library.id(), now - library.settings().missingGracePeriod().toMillis());
    });
    long t4 = System.nanoTime();
    syncArtwork(library, images, inScope, unknown);
    long t5 = System.nanoTime();
    log.debug("library {} reconciled in ms: load {}, compare and fingerprint {}, add {}, presence and purge {}, artwork {}",
        library.id(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000,
        (t5 - t4) / 1_000_000);
    Set<Long> movedRows = moves.values().stream().map(KnownFile::id).collect(Collectors.toSet());
    int missing = (int) vanished.stream().filter(row -> !movedRows.contains(row.id)).count();
    ScanResult result = new ScanResult(filesAdded, changed.size(), missing, moves.size(), purged, itemsAdded);
    progress.report(100, "done");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("libraryId", library.id());
    event.put("added", result.added());
    event.put("updated", result.updated());
    event.put("missing", result.missing());
    event.put("moved", result.moved());
    event.put("purged", result.purged());
    bus.publish(SCANNED, event);
    log.info("library {} ({}) scanned: {}", library.id(), library.name(), result);
    return result;
  }

  /**
   * Local artwork of the folders where it changed, and of new or moved files beside artwork; the
   * {@value #SCANNED} event that follows moves the catalog's response cache on.
   */
  private void syncArtwork(Library library, Collection<Path> images, Predicate<Path> inScope,
      Collection<MediaWalker.FoundFile> newFiles) {
    artwork.sync(library.id(), images, inScope, newFiles.stream().map(MediaWalker.FoundFile::path).toList());
  }

  private Map<String, KnownFile> loadFiles(long libraryId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, item_id, path, size, mtime, missing_since"
            + " FROM media_files WHERE library_id = :library")
        .bind("library", libraryId)
        .map((rs, ctx) -> {
          long missing = rs.getLong(6);
          Long missingSince = rs.wasNull() ? null : missing;
          return new KnownFile(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5), missingSince);
        })
        .collect(Collectors.toMap(KnownFile::path, f -> f, (a, b) -> a, HashMap::new)));
  }

  /** The stored fingerprints of some of a library's files, by file id. */
  private Map<Long, String> fingerprints(long libraryId, List<Long> fileIds) {
    Map<Long, String> prints = new HashMap<>();
    jdbi.useHandle(h -> {
      for (int start = 0; start < fileIds.size(); start += 500) {
        h.createQuery("SELECT id, fingerprint FROM media_files WHERE library_id = :library AND id IN (<ids>)"
                + " AND fingerprint IS NOT NULL")
            .bind("library", libraryId).bindList("ids", fileIds.subList(start, Math.min(fileIds.size(), start + 500)))
            .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
            .forEach(e -> prints.put(e.getKey(), e.getValue()));
      }
    });
    return prints;
  }

  private static String fingerprintOrNull(MediaWalker.FoundFile file) {
    try {
      return Fingerprints.fingerprint(file.path(), file.size());
    } catch (IOException e) {
      log.warn("cannot read {} for its fingerprint: {}", file.path(), e.toString());
      return null;
    }
  }

  /** The library's files missing after this scan: those gone now and those gone before that did not come back. */
  private static List<KnownFile> missingFiles(Map<String, KnownFile> known, List<KnownFile> vanished, Set<String> seen) {
    Set<Long> vanishedIds = vanished.stream().map(KnownFile::id).collect(Collectors.toSet());
    return known.values().stream()
        .filter(file -> file.missingSince != null ? !seen.contains(file.path) : vanishedIds.contains(file.id))
        .toList();
  }

  /** New (hashed) files whose fingerprint matches exactly one missing file of the library, and only one new file. */
  private Map<NewFile, KnownFile> findMoves(long libraryId, List<NewFile> fresh, List<KnownFile> missingFiles) {
    Map<Long, String> prints = fingerprints(libraryId, missingFiles.stream().map(KnownFile::id).toList());
    Map<String, List<KnownFile>> missingByPrint = new HashMap<>();
    for (KnownFile file : missingFiles) {
      String print = prints.get(file.id);
      if (print != null) {
        missingByPrint.computeIfAbsent(print, k -> new ArrayList<>()).add(file);
      }
    }
    if (missingByPrint.isEmpty()) {
      return Map.of();
    }
    Map<String, List<NewFile>> freshByPrint = fresh.stream().filter(f -> f.fingerprint != null)
        .collect(Collectors.groupingBy(NewFile::fingerprint));
    Map<NewFile, KnownFile> moves = new HashMap<>();
    missingByPrint.forEach((print, candidates) -> {
      List<NewFile> targets = freshByPrint.getOrDefault(print, List.of());
      if (candidates.size() == 1 && targets.size() == 1) {
        moves.put(targets.get(0), candidates.get(0));
      }
    });
    return moves;
  }

  /** Changed files get their new size, time and fingerprint; files back in place only lose their missing mark. */
  private static void updateChanged(Handle h, List<KnownFile> rows, List<MediaWalker.FoundFile> files, long now) {
    if (rows.isEmpty()) {
      return;
    }
    PreparedBatch changed = h.prepareBatch("UPDATE media_files SET size = :size, mtime = :mtime, fingerprint = :print,"
        + " missing_since = NULL WHERE id = :id");
    PreparedBatch back = h.prepareBatch("UPDATE media_files SET missing_since = NULL WHERE id = :id");
    for (int i = 0; i < rows.size(); i++) {
      KnownFile row = rows.get(i);
      MediaWalker.FoundFile file = files.get(i);
      if (row.size != file.size() || row.mtime != file.mtime()) {
        changed.bind("size", file.size()).bind("mtime", file.mtime()).bind("print", fingerprintOrNull(file))
            .bind("id", row.id).add();
      } else {
        back.bind("id", row.id).add();
      }
    }
    if (changed.size() > 0) {
      changed.execute();
    }
    if (back.size() > 0) {
      back.execute();
    }
  }

  private static void markMissing(Handle h, List<KnownFile> rows, long now) {
    if (rows.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("UPDATE media_files SET missing_since = :now WHERE id = :id");
    rows.forEach(row -> batch.bind("now", now).bind("id", row.id).add());
    batch.execute();
  }

  private static void applyMoves(Handle h, Map<NewFile, KnownFile> moves) {
    if (moves.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("UPDATE media_files SET path = :path, path_hash = :hash, size = :size,"
        + " mtime = :mtime, missing_since = NULL WHERE id = :id");
    moves.forEach((file, row) -> {
      log.info("moved: {} → {}", row.path, file.found().path());
      batch.bind("path", file.found().path().toString()).bind("hash", file.pathHash)
          .bind("size", file.found().size()).bind("mtime", file.found().mtime()).bind("id", row.id).add();
    });
    batch.execute();
  }

  /** What one transaction of new files created. */
  private record Added(List<ItemIndex.Created> items, int files) {}

  /**
   * The parsing of one transaction's new files, in slices any thread may take: the common pool's
   * threads start on it while the scan thread writes the transaction before, and the scan thread
   * takes what is left once it is free, so no core waits while there is parsing to do.
   */
  private final class Parsing {
    private static final int SLICE = 100;
    private final Library library;
    private final List<NewFile> files;
    private final ParsedFile[] parsed;
    private final int slices;
    private final AtomicInteger nextSlice = new AtomicInteger();
    private final CountDownLatch slicesDone;
    private volatile RuntimeException failure;

    Parsing(Library library, List<NewFile> files) {
      this.library = library;
      this.files = files;
      this.parsed = new ParsedFile[files.size()];
      this.slices = (files.size() + SLICE - 1) / SLICE;
      this.slicesDone = new CountDownLatch(slices);
      for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
        ForkJoinPool.commonPool().execute(this::work);
      }
    }

    private void work() {
      for (int slice = nextSlice.getAndIncrement(); slice < slices; slice = nextSlice.getAndIncrement()) {
        try {
          for (int i = slice * SLICE; i < Math.min(files.size(), (slice + 1) * SLICE); i++) {
            parsed[i] = parse(library, files.get(i));
          }
        } catch (RuntimeException e) {
          failure = e;
        } finally {
          slicesDone.countDown();
        }
      }
    }

    /** The parsed media files in their order, helping until every slice is done. */
    List<ParsedFile> join() {
      work();
      boolean interrupted = false;
      while (true) {
        try {
          slicesDone.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
      return Arrays.stream(parsed).filter(Objects::nonNull).toList();
    }
  }

  /** What a new file holds, from its path and, for a book, its content; null when it is no media. */
  private ParsedFile parse(Library library, NewFile unhashed) {
    NewFile file = unhashed.hashed();
    Path path = file.found().path();
    Path root = library.roots().stream().filter(path::startsWith).findFirst().orElse(path.getParent());
    Optional<MediaGuess> guess = NameParser.parse(root.relativize(path), library.type());
    if (guess.isEmpty()) {
      return null;
    }
    MediaGuess g = guess.get();
    String mime = MIME.get(NameParser.extension(path));
    if (g instanceof MediaGuess.Book book) {
      BookReader.BookInfo info = books.read(path);
      g = info.over(book);
      if (info.mimeType() != null) {
        mime = info.mimeType();
      }
    }
    return new ParsedFile(file, g, mime);
  }

  private static final String INSERT_FILE = "INSERT INTO media_files (item_id, library_id, path, path_hash, size, mtime,"
      + " fingerprint, part, mime_type, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static Added addFiles(Handle h, Library library, ItemIndex index, List<ParsedFile> files, long now) {
    List<ItemIndex.Created> created = new ArrayList<>();
    // plain JDBC: Jdbi's binding by name costs more than the insert itself at 100,000 files
    try (PreparedStatement insert = h.getConnection().prepareStatement(INSERT_FILE)) {
      for (ParsedFile parsed : files) {
        NewFile file = parsed.file();
        long itemId = index.itemFor(h, parsed.guess(), now, created);
        Integer part = parsed.guess() instanceof MediaGuess.Movie movie ? movie.part() : null;
        int i = 0;
        insert.setLong(++i, itemId);
        insert.setLong(++i, library.id());
        insert.setString(++i, file.found().path().toString());
        insert.setString(++i, file.pathHash());
        insert.setLong(++i, file.found().size());
        insert.setLong(++i, file.found().mtime());
        insert.setString(++i, file.fingerprint());
        ItemIndex.setInt(insert, ++i, part);
        insert.setString(++i, parsed.mime());
        insert.setLong(++i, now);
        insert.addBatch();
      }
      index.flush(h);
      if (!files.isEmpty()) {
        insert.executeBatch();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert the new files of library " + library.id() + ": " + e.getMessage(), e);
    }
    return new Added(created, files.size());
  }

  /** Sets missing_since on those items whose files are all missing, and clears it on those with a file again. */
  private static void updateItemPresence(Handle h, List<Long> itemIds, long now) {
    for (int start = 0; start < itemIds.size(); start += 500) {
      List<Long> slice = itemIds.subList(start, Math.min(itemIds.size(), start + 500));
      h.createUpdate("UPDATE media_items SET missing_since = :now WHERE id IN (<ids>) AND missing_since IS NULL"
              + " AND NOT EXISTS (SELECT 1 FROM media_files f WHERE f.item_id = media_items.id AND f.missing_since IS NULL)")
          .bind("now", now).bindList("ids", slice).execute();
      h.createUpdate("UPDATE media_items SET missing_since = NULL WHERE id IN (<ids>) AND missing_since IS NOT NULL"
              + " AND EXISTS (SELECT 1 FROM media_files f WHERE f.item_id = media_items.id AND f.missing_since IS NULL)")
          .bindList("ids", slice).execute();
    }
  }

  /** Deletes items missing since before {@code cutoff}, then the seasons and shows left without children. */
  private static int purge(Handle h, long libraryId, long cutoff) {
    List<Long> expired = h.createQuery("SELECT id FROM media_items WHERE library_id = :library"
            + " AND missing_since IS NOT NULL AND missing_since <= :cutoff")
        .bind("library", libraryId).bind("cutoff", cutoff).mapTo(Long.class).list();
    deleteItems(h, expired);
    int purged = expired.size();
    if (purged > 0) {
      for (String kind : List.of("season", "series")) {
        List<Long> empty = h.createQuery("SELECT p.id FROM media_items p WHERE p.library_id = :library AND p.kind = :kind"
                + " AND NOT EXISTS (SELECT 1 FROM media_items c WHERE c.parent_id = p.id)")
            .bind("library", libraryId).bind("kind", kind).mapTo(Long.class).list();
        deleteItems(h, empty);
        purged += empty.size();
      }
    }
    return purged;
  }

  private static void deleteItems(Handle h, List<Long> ids) {
    for (int start = 0; start < ids.size(); start += 500) {
      List<Long> slice = ids.subList(start, Math.min(ids.size(), start + 500));
      // children (extras) first, so no engine has to cascade through the self-reference
      h.createUpdate("DELETE FROM media_items WHERE parent_id IN (<ids>)").bindList("ids", slice).execute();
      h.createUpdate("DELETE FROM media_items WHERE id IN (<ids>)").bindList("ids", slice).execute();
    }
  }

  // ---- items

  /**
   * The library's movies, shows, seasons and episodes by identity, to find the item of a new file,
   * and the writer of new items.
   *
   * <p>On SQLite, whose one connection makes the scan's transaction the only writer, the ids of new
   * items are handed out here (from {@code sqlite_sequence}, so AUTOINCREMENT's never-reused ids
   * hold) and the rows go in as a batch at {@link #flush}: the driver would otherwise run a second
   * query per insert to read the generated key. Other databases, where other connections insert
   * too, generate the id of each row as it is inserted.
   */
  private static final class ItemIndex {
    record Created(long id, String kind) {}

    private record ExternalId(long itemId, String provider, String value) {}

    private static final String ITEM_COLUMNS = "library_id, parent_id, kind, title, sort_title,"
        + " search_text, year, index_number, index_end, parent_index, absolute_number, release_date, edition, extra_type,"
        + " authors, series_name, language, isbn, overview, match_state, locked_fields, added_at, updated_at";
    private static final String ITEM_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unmatched', '', ?, ?";
    private static final String INSERT_ITEM = "INSERT INTO media_items (" + ITEM_COLUMNS + ") VALUES (" + ITEM_VALUES + ")";
    private static final String INSERT_ITEM_WITH_ID = "INSERT INTO media_items (id, " + ITEM_COLUMNS + ") VALUES (?, "
        + ITEM_VALUES + ")";

    private final long libraryId;
    private final Map<String, Long> byKey = new HashMap<>();
    /** Folded titles: a show's title is looked up once per episode file. */
    private final Map<String, String> folded = new HashMap<>();
    /** External ids of new items, written at {@link #flush} after the items. */
    private final List<ExternalId> externalIds = new ArrayList<>();
    private Handle insertHandle;
    private PreparedStatement insertStatement;
    /** The next id to hand out in this transaction, or 0 when the database generates them. */
    private long nextId;
    private int batched;

    private ItemIndex(long libraryId) {
      this.libraryId = libraryId;
    }

    static ItemIndex load(Jdbi jdbi, long libraryId) {
      ItemIndex items = new ItemIndex(libraryId);
      Map<String, Long> keys = items.byKey;
      jdbi.useHandle(h -> h.createQuery("SELECT id, kind, parent_id, title, year, edition, index_number, release_date"
              + " FROM media_items WHERE library_id = :library AND kind IN ('movie', 'series', 'season', 'episode')")
          .bind("library", libraryId)
          .map((rs, ctx) -> {
            long id = rs.getLong("id");
            long parent = rs.getLong("parent_id");
            int year = rs.getInt("year");
            Integer y = rs.wasNull() ? null : year;
            int index = rs.getInt("index_number");
            Integer i = rs.wasNull() ? null : index;
            String key = switch (rs.getString("kind")) {
              case "movie" -> items.movieKey(rs.getString("title"), y, rs.getString("edition"));
              case "series" -> items.seriesKey(rs.getString("title"), y);
              case "season" -> seasonKey(parent, i == null ? -1 : i);
              default -> episodeKey(parent, i, rs.getString("release_date"));
            };
            return key == null ? null : Map.entry(key, id);
          })
          .forEach(e -> {
            if (e != null) {
              keys.putIfAbsent(e.getKey(), e.getValue());
            }
          }));
      return items;
    }

    private String fold(String text) {
      return text == null ? "" : folded.computeIfAbsent(text, Titles::fold);
    }

    String movieKey(String title, Integer year, String edition) {
      return "m|" + fold(title) + "|" + year + "|" + fold(edition);
    }

    String seriesKey(String title, Integer year) {
      return "s|" + fold(title) + "|" + year;
    }

    static String seasonKey(long series, int season) {
      return "n|" + series + "|" + season;
    }

    static String episodeKey(long season, Integer episode, String date) {
      if (episode != null) {
        return "e|" + season + "|#" + episode;
      }
      return date != null ? "e|" + season + "|d" + date : null;
    }

    /** The item a file of guess {@code g} belongs to, created (with its parents) when new. */
    long itemFor(Handle h, MediaGuess g, long now, List<Created> created) {
      if (g instanceof MediaGuess.Movie movie) {
        return movie(h, movie, now, created);
      }
      if (g instanceof MediaGuess.Extra extra) {
        long parent = movie(h, extra.movie(), now, created);
        return insert(h, new Row("extra", parent, extra.title()).extraType(extra.extraType()), now, created);
      }
      if (g instanceof MediaGuess.Episode e) {
        return episode(h, e, now, created);
      }
      MediaGuess.Book book = (MediaGuess.Book) g;
      Row row = new Row("book", null, book.title());
      row.authors = book.authors();
      row.seriesName = book.seriesName();
      row.language = book.language();
      row.isbn = book.isbn();
      row.overview = book.description();
      return insert(h, row, now, created);
    }

    private long movie(Handle h, MediaGuess.Movie movie, long now, List<Created> created) {
      String key = movieKey(movie.title(), movie.year(), movie.edition());
      Long id = byKey.get(key);
      if (id == null) {
        Row row = new Row("movie", null, movie.title());
        row.year = movie.year();
        row.edition = movie.edition();
        id = insert(h, row, now, created);
        externalIds(id, movie.externalIds());
        byKey.put(key, id);
      }
      return id;
    }

    private long episode(Handle h, MediaGuess.Episode e, long now, List<Created> created) {
      String showKey = seriesKey(e.showTitle(), e.showYear());
      Long show = byKey.get(showKey);
      if (show == null) {
        Row row = new Row("series", null, e.showTitle());
        row.year = e.showYear();
        show = insert(h, row, now, created);
        externalIds(show, e.externalIds());
        byKey.put(showKey, show);
      }
      String seasonKey = seasonKey(show, e.season());
      Long season = byKey.get(seasonKey);
      if (season == null) {
        Row row = new Row("season", show, e.season() == 0 ? "Specials" : "Season " + e.season());
        row.index = e.season();
        season = insert(h, row, now, created);
        byKey.put(seasonKey, season);
      }
      String key = episodeKey(season, e.episode(), e.releaseDate());
      Long id = key == null ? null : byKey.get(key);
      if (id == null) {
        String title = e.episodeTitle() != null ? e.episodeTitle()
            : e.episode() != null ? "Episode " + e.episode()
            : e.releaseDate() != null ? e.releaseDate() : e.showTitle();
        Row row = new Row("episode", season, title);
        row.index = e.episode();
        row.indexEnd = e.episodeEnd();
        row.parentIndex = e.season();
        row.absolute = e.absoluteNumber();
        row.releaseDate = e.releaseDate();
        row.year = e.releaseDate() != null ? Integer.valueOf(e.releaseDate().substring(0, 4)) : null;
        id = insert(h, row, now, created);
        if (key != null) {
          byKey.put(key, id);
        }
      }
      return id;
    }

    private void externalIds(long itemId, Map<String, String> ids) {
      ids.forEach((provider, value) -> externalIds.add(new ExternalId(itemId, provider, value)));
    }

    /** Writes the items and external ids held back; before anything that refers to them. */
    void flush(Handle h) throws SQLException {
      if (batched > 0) {
        insertStatement.executeBatch();
        batched = 0;
      }
      if (!externalIds.isEmpty()) {
        try (PreparedStatement insert = h.getConnection()
            .prepareStatement("INSERT INTO external_ids (item_id, provider, value) VALUES (?, ?, ?)")) {
          for (ExternalId id : externalIds) {
            insert.setLong(1, id.itemId());
            insert.setString(2, id.provider());
            insert.setString(3, id.value());
            insert.addBatch();
          }
          insert.executeBatch();
        }
        externalIds.clear();
      }
    }

    private long insert(Handle h, Row row, long now, List<Created> created) {
      String title = row.title.length() > 500 ? row.title.substring(0, 500) : row.title;
      try {
        PreparedStatement insert = insertStatement(h);
        int i = 0;
        if (nextId > 0) {
          insert.setLong(++i, nextId);
        }
        insert.setLong(++i, libraryId);
        setLong(insert, ++i, row.parent);
        insert.setString(++i, row.kind);
        insert.setString(++i, title);
        insert.setString(++i, Titles.sortTitle(title));
        insert.setString(++i, truncate(Titles.fold(title), 1000));
        setInt(insert, ++i, row.year);
        setInt(insert, ++i, row.index);
        setInt(insert, ++i, row.indexEnd);
        setInt(insert, ++i, row.parentIndex);
        setInt(insert, ++i, row.absolute);
        insert.setString(++i, row.releaseDate);
        insert.setString(++i, truncate(row.edition, 100));
        insert.setString(++i, row.extraType);
        insert.setString(++i, truncate(row.authors, 1000));
        insert.setString(++i, truncate(row.seriesName, 500));
        insert.setString(++i, truncate(row.language, 16));
        insert.setString(++i, truncate(row.isbn, 32));
        insert.setString(++i, row.overview);
        insert.setLong(++i, now);
        insert.setLong(++i, now);
        long id;
        if (nextId > 0) {
          id = nextId++;
          insert.addBatch();
          batched++;
        } else {
          insert.executeUpdate();
          try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
              throw new IllegalStateException("no id for the new item " + title);
            }
            id = keys.getLong(1);
          }
        }
        created.add(new Created(id, row.kind));
        return id;
      } catch (SQLException e) {
        throw new IllegalStateException("cannot insert the item " + title + ": " + e.getMessage(), e);
      }
    }

    /** One prepared insert per transaction: SQLite compiles it once instead of once per item. */
    private PreparedStatement insertStatement(Handle h) throws SQLException {
      if (insertHandle != h) {
        insertHandle = h;
        batched = 0;
        Connection connection = h.getConnection();
        if ("SQLite".equals(connection.getMetaData().getDatabaseProductName())) {
          nextId = h.createQuery("SELECT COALESCE(MAX(n), 0) FROM (SELECT seq AS n FROM sqlite_sequence"
              + " WHERE name = 'media_items' UNION ALL SELECT MAX(id) FROM media_items)").mapTo(Long.class).one() + 1;
          insertStatement = connection.prepareStatement(INSERT_ITEM_WITH_ID);
        } else {
          nextId = 0;
          insertStatement = connection.prepareStatement(INSERT_ITEM, Statement.RETURN_GENERATED_KEYS);
        }
        h.addCleanable(insertStatement::close);
      }
      return insertStatement;
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.BIGINT);
      } else {
        statement.setLong(index, value);
      }
    }

    static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.INTEGER);
      } else {
        statement.setInt(index, value);
      }
    }

    private static String truncate(String text, int max) {
      return text == null || text.length() <= max ? text : text.substring(0, max);
    }
  }

  /** The columns of a new item. */
  static final class Row {
    final String kind;
    final Long parent;
    final String title;
    Integer year;
    Integer index;
    Integer indexEnd;
    Integer parentIndex;
    Integer absolute;
    String releaseDate;
    String edition;
    String extraType;
    String authors;
    String seriesName;
    String language;
    String isbn;
    String overview;

    Row(String kind, Long parent, String title) {
      this.kind = kind;
      this.parent = parent;
      this.title = Objects.requireNonNullElse(title, "").isBlank() ? "Untitled" : title.strip();
    }

    Row extraType(String type) {
      this.extraType = type.toLowerCase(Locale.ROOT);
      return this;
    }
  }
}
