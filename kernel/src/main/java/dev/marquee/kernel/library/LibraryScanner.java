package dev.marquee.kernel.library;

import dev.marquee.api.event.EventBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
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
  static final int CHUNK = 1000;
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
        found.addAll(MediaWalker.walk(root, root, progress::cancelled, images::add));
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

  private record KnownFile(long id, long itemId, String path, long size, long mtime, String fingerprint,
      Long missingSince) {}

  private record NewFile(MediaWalker.FoundFile found, String pathHash, String fingerprint) {}

  private ScanResult reconcile(Library library, List<MediaWalker.FoundFile> found, Collection<Path> images,
      Predicate<Path> inScope, Progress progress) {
    long now = clock.millis();
    long t0 = System.nanoTime();
    Map<String, KnownFile> known = loadFiles(library.id());
    long t1 = System.nanoTime();
    List<KnownFile> changed = new ArrayList<>();
    List<MediaWalker.FoundFile> changedFound = new ArrayList<>();
    Map<MediaWalker.FoundFile, String> unknown = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (MediaWalker.FoundFile file : found) {
      // by path text, which path_hash hashes: an unchanged file costs no hash
      String path = file.path().toString();
      seen.add(path);
      KnownFile row = known.get(path);
      if (row == null) {
        unknown.put(file, Fingerprints.pathHash(file.path()));
      } else if (row.size != file.size() || row.mtime != file.mtime() || row.missingSince != null) {
        changed.add(row);
        changedFound.add(file);
      }
    }
    List<KnownFile> vanished = known.values().stream()
        .filter(f -> f.missingSince == null && !seen.contains(f.path) && inScope.test(Path.of(f.path)))
        .toList();
    progress.report(30, unknown.size() + " new, " + changed.size() + " changed, " + vanished.size() + " gone");

    List<NewFile> fresh = unknown.entrySet().parallelStream()
        .map(e -> new NewFile(e.getKey(), e.getValue(), fingerprintOrNull(e.getKey())))
        .collect(Collectors.toList());
    Map<NewFile, KnownFile> moves = findMoves(fresh, known, vanished, seen);
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
    for (int start = 0; start < toAdd.size(); start += CHUNK) {
      if (progress.cancelled()) {
        break;
      }
      List<NewFile> chunk = toAdd.subList(start, Math.min(toAdd.size(), start + CHUNK));
      Added added = jdbi.inTransaction(h -> addFiles(h, library, index, chunk, now));
      added.items().forEach(c -> bus.publish(ITEM_ADDED, Map.of("itemId", c.id(), "libraryId", library.id(), "kind", c.kind())));
      itemsAdded += added.items().size();
      filesAdded += added.files();
      progress.report(30 + (int) (65L * (start + chunk.size()) / toAdd.size()), (start + chunk.size()) + " of "
          + toAdd.size() + " new files added");
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
    syncArtwork(library, images, inScope, unknown.keySet());
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
    return jdbi.withHandle(h -> h.createQuery("SELECT id, item_id, path, size, mtime, fingerprint, missing_since"
            + " FROM media_files WHERE library_id = :library")
        .bind("library", libraryId)
        .map((rs, ctx) -> {
          long missing = rs.getLong("missing_since");
          Long missingSince = rs.wasNull() ? null : missing;
          return new KnownFile(rs.getLong("id"), rs.getLong("item_id"), rs.getString("path"),
              rs.getLong("size"), rs.getLong("mtime"), rs.getString("fingerprint"), missingSince);
        })
        .collect(Collectors.toMap(KnownFile::path, f -> f, (a, b) -> a, HashMap::new)));
  }

  private static String fingerprintOrNull(MediaWalker.FoundFile file) {
    try {
      return Fingerprints.fingerprint(file.path(), file.size());
    } catch (IOException e) {
      log.warn("cannot read {} for its fingerprint: {}", file.path(), e.toString());
      return null;
    }
  }

  /** New files whose fingerprint matches exactly one missing file of the library, and only one new file. */
  private static Map<NewFile, KnownFile> findMoves(List<NewFile> fresh, Map<String, KnownFile> known,
      List<KnownFile> vanished, Set<String> seen) {
    Map<String, List<KnownFile>> missingByPrint = new HashMap<>();
    Set<Long> vanishedIds = vanished.stream().map(KnownFile::id).collect(Collectors.toSet());
    for (KnownFile file : known.values()) {
      boolean missing = file.missingSince != null ? !seen.contains(file.path) : vanishedIds.contains(file.id);
      if (missing && file.fingerprint != null) {
        missingByPrint.computeIfAbsent(file.fingerprint, k -> new ArrayList<>()).add(file);
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

  private static void updateChanged(Handle h, List<KnownFile> rows, List<MediaWalker.FoundFile> files, long now) {
    if (rows.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch("UPDATE media_files SET size = :size, mtime = :mtime, fingerprint = :print,"
        + " missing_since = NULL WHERE id = :id");
    for (int i = 0; i < rows.size(); i++) {
      KnownFile row = rows.get(i);
      MediaWalker.FoundFile file = files.get(i);
      boolean contentChanged = row.size != file.size() || row.mtime != file.mtime();
      batch.bind("size", file.size()).bind("mtime", file.mtime())
          .bind("print", contentChanged ? fingerprintOrNull(file) : row.fingerprint).bind("id", row.id).add();
    }
    batch.execute();
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

  private Added addFiles(Handle h, Library library, ItemIndex index, List<NewFile> files, long now) {
    List<ItemIndex.Created> created = new ArrayList<>();
    PreparedBatch batch = h.prepareBatch("INSERT INTO media_files (item_id, library_id, path, path_hash, size, mtime,"
        + " fingerprint, part, mime_type, added_at) VALUES (:item, :library, :path, :hash, :size, :mtime, :print, :part,"
        + " :mime, :now)");
    for (NewFile file : files) {
      Path path = file.found().path();
      Path root = library.roots().stream().filter(path::startsWith).findFirst().orElse(path.getParent());
      Optional<MediaGuess> guess = NameParser.parse(root.relativize(path), library.type());
      if (guess.isEmpty()) {
        continue;
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
      long itemId = index.itemFor(h, g, file.pathHash, now, created);
      Integer part = g instanceof MediaGuess.Movie movie ? movie.part() : null;
      batch.bind("item", itemId).bind("library", library.id()).bind("path", path.toString()).bind("hash", file.pathHash)
          .bind("size", file.found().size()).bind("mtime", file.found().mtime()).bind("print", file.fingerprint)
          .bind("part", part).bind("mime", mime).bind("now", now).add();
    }
    int count = batch.size();
    if (count > 0) {
      batch.execute();
    }
    return new Added(created, count);
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

  /** The library's movies, shows, seasons and episodes by identity, to find the item of a new file. */
  private static final class ItemIndex {
    record Created(long id, String kind) {}

    private static final String INSERT_ITEM = "INSERT INTO media_items (library_id, parent_id, kind, title, sort_title,"
        + " search_text, year, index_number, index_end, parent_index, absolute_number, release_date, edition, extra_type,"
        + " authors, series_name, language, isbn, overview, match_state, locked_fields, added_at, updated_at) VALUES"
        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unmatched', '', ?, ?)";

    private final long libraryId;
    private final Map<String, Long> byKey;
    private Handle insertHandle;
    private PreparedStatement insertStatement;

    private ItemIndex(long libraryId, Map<String, Long> byKey) {
      this.libraryId = libraryId;
      this.byKey = byKey;
    }

    static ItemIndex load(Jdbi jdbi, long libraryId) {
      Map<String, Long> keys = new HashMap<>();
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
              case "movie" -> movieKey(rs.getString("title"), y, rs.getString("edition"));
              case "series" -> seriesKey(rs.getString("title"), y);
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
      return new ItemIndex(libraryId, keys);
    }

    static String movieKey(String title, Integer year, String edition) {
      return "m|" + Titles.fold(title) + "|" + year + "|" + Titles.fold(edition);
    }

    static String seriesKey(String title, Integer year) {
      return "s|" + Titles.fold(title) + "|" + year;
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
    long itemFor(Handle h, MediaGuess g, String pathHash, long now, List<Created> created) {
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
        externalIds(h, id, movie.externalIds());
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
        externalIds(h, show, e.externalIds());
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

    private static void externalIds(Handle h, long itemId, Map<String, String> ids) {
      if (ids.isEmpty()) {
        return;
      }
      PreparedBatch batch = h.prepareBatch("INSERT INTO external_ids (item_id, provider, value) VALUES (:item, :provider, :value)");
      ids.forEach((provider, value) -> batch.bind("item", itemId).bind("provider", provider).bind("value", value).add());
      batch.execute();
    }

    private long insert(Handle h, Row row, long now, List<Created> created) {
      String title = row.title.length() > 500 ? row.title.substring(0, 500) : row.title;
      try {
        PreparedStatement insert = insertStatement(h);
        int i = 0;
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
        insert.executeUpdate();
        long id;
        try (ResultSet keys = insert.getGeneratedKeys()) {
          if (!keys.next()) {
            throw new IllegalStateException("no id for the new item " + title);
          }
          id = keys.getLong(1);
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
        insertStatement = h.getConnection().prepareStatement(INSERT_ITEM, Statement.RETURN_GENERATED_KEYS);
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

    private static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
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
