package dev.marquee.kernel.playback;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** What trickplay made of each file ({@code trickplay}), and the library files it makes them of. */
interface TrickplayStore {

  /** A present library file to make thumbnails of, with the size and modification time the scanner saw. */
  record FileToMake(long fileId, long itemId, long libraryId, String path, long size, long mtime) {}

  /** A library's id, type and settings JSON. */
  record LibraryRow(long id, String type, String settings) {}

  /**
   * One {@code trickplay} row.
   *
   * @param error why nothing was made, null when thumbnails were
   */
  record Made(long fileId, long intervalMs, int width, int height, int tileColumns, int tileRows, int thumbnailCount,
      int sheetCount, long sourceSize, long sourceMtime, long madeAt, String error) {}

  /**
   * A row with the state of its file now.
   *
   * @param size the file's size now
   * @param mtime the file's modification time now
   * @param durationMs the file's probed duration, null when unknown
   */
  record MadeOf(Made made, long size, long mtime, Long durationMs) {
    /** Whether the sheets show the file as it is now. */
    boolean current() {
      return made.sourceSize() == size && made.sourceMtime() == mtime;
    }
  }

  @SqlQuery("SELECT id, type, settings FROM libraries ORDER BY id")
  @RegisterConstructorMapper(LibraryRow.class)
  List<LibraryRow> libraries();

  @SqlQuery("SELECT id, type, settings FROM libraries WHERE id = :libraryId")
  @RegisterConstructorMapper(LibraryRow.class)
  Optional<LibraryRow> library(@Bind("libraryId") long libraryId);

  /**
   * Present, no books, probed once at least (a new file is queued when its probe is done; a changed
   * one is probed again by the maker when needed), and nothing made of this version with these
   * settings.
   */
  String PENDING = "SELECT f.id AS file_id, f.item_id, f.library_id, f.path, f.size, f.mtime FROM media_files f"
      + " JOIN media_items i ON i.id = f.item_id"
      + " LEFT JOIN trickplay t ON t.file_id = f.id"
      + " WHERE f.missing_since IS NULL AND i.kind <> 'book' AND f.probed_at IS NOT NULL"
      + " AND (t.file_id IS NULL OR t.source_size <> f.size OR t.source_mtime <> f.mtime"
      + " OR t.interval_ms <> :intervalMs OR t.width <> :width)";

  /**
   * Up to {@code limit} files of one library waiting for sheets, by id: nothing made yet, or made of
   * an earlier version of the file or with other settings.
   */
  @SqlQuery(PENDING + " AND f.library_id = :libraryId ORDER BY f.id LIMIT :limit")
  @RegisterConstructorMapper(FileToMake.class)
  List<FileToMake> pendingOfLibrary(@Bind("libraryId") long libraryId, @Bind("intervalMs") long intervalMs,
      @Bind("width") int width, @Bind("limit") int limit);

  /** The file, when it waits for sheets as {@link #pendingOfLibrary} says. */
  @SqlQuery(PENDING + " AND f.id = :fileId")
  @RegisterConstructorMapper(FileToMake.class)
  Optional<FileToMake> pendingFile(@Bind("fileId") long fileId, @Bind("intervalMs") long intervalMs,
      @Bind("width") int width);

  /** The file as the catalog has it now, when it is present. */
  @SqlQuery("SELECT id AS file_id, item_id, library_id, path, size, mtime FROM media_files"
      + " WHERE id = :fileId AND missing_since IS NULL")
  @RegisterConstructorMapper(FileToMake.class)
  Optional<FileToMake> presentFile(@Bind("fileId") long fileId);

  @SqlQuery("SELECT t.file_id, t.interval_ms, t.width, t.height, t.tile_columns, t.tile_rows, t.thumbnail_count,"
      + " t.sheet_count, t.source_size, t.source_mtime, t.made_at, t.error FROM trickplay t WHERE t.file_id = :fileId")
  @RegisterConstructorMapper(Made.class)
  Optional<Made> made(@Bind("fileId") long fileId);

  @SqlQuery("SELECT size, mtime, duration_ms FROM media_files WHERE id = :fileId")
  @RegisterConstructorMapper(FileNow.class)
  Optional<FileNow> fileNow(@Bind("fileId") long fileId);

  /** A file's size, modification time and duration now. */
  record FileNow(long size, long mtime, Long durationMs) {}

  /** The file's row with its file's state now; empty when nothing was made of it. */
  default Optional<MadeOf> madeOf(long fileId) {
    return made(fileId).flatMap(made -> fileNow(fileId)
        .map(now -> new MadeOf(made, now.size(), now.mtime(), now.durationMs())));
  }

  /** Which of {@code fileIds} are files of the catalog. */
  @SqlQuery("SELECT id FROM media_files WHERE id IN (<fileIds>)")
  List<Long> existingFiles(@BindList("fileIds") List<Long> fileIds);

  /** The files of one library that have a row. */
  @SqlQuery("SELECT t.file_id FROM trickplay t JOIN media_files f ON f.id = t.file_id WHERE f.library_id = :libraryId")
  List<Long> madeOfLibrary(@Bind("libraryId") long libraryId);

  @SqlUpdate("DELETE FROM trickplay WHERE file_id = :fileId")
  int delete(@Bind("fileId") long fileId);

  @SqlUpdate("INSERT INTO trickplay (file_id, interval_ms, width, height, tile_columns, tile_rows, thumbnail_count,"
      + " sheet_count, source_size, source_mtime, made_at, error) VALUES (:fileId, :intervalMs, :width, :height,"
      + " :tileColumns, :tileRows, :thumbnailCount, :sheetCount, :sourceSize, :sourceMtime, :madeAt, :error)")
  void insert(@BindMethods Made made);

  /** Replaces the file's row. */
  @Transaction
  default void save(Made made) {
    delete(made.fileId());
    insert(made);
  }
}
