package dev.marquee.kernel.media;

import dev.marquee.api.media.ProbeResult;
import dev.marquee.api.media.ProbeResult.AudioStream;
import dev.marquee.api.media.ProbeResult.Chapter;
import dev.marquee.api.media.ProbeResult.SubtitleStream;
import dev.marquee.api.media.ProbeResult.VideoStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Probe results in the catalog: {@code media_files}' probe columns, {@code media_streams}, {@code
 * media_chapters}, and {@code media_items.runtime_ms} when it is unknown.
 */
interface ProbeStore {

  /** A file to probe. */
  record FileToProbe(long fileId, long itemId, long libraryId, String path) {}

  /** One row of {@code media_streams}. */
  record StreamRow(int streamIndex, String type, String codec, String profile, Integer level, Integer width,
      Integer height, String pixelFormat, Double frameRate, String hdr, Integer channels, String channelLayout,
      String language, String title, boolean isDefault, boolean isForced) {}

  /** One row of {@code media_chapters}. */
  record ChapterRow(int idx, long startMs, long endMs, String title) {}

  /** A library's id, type and settings JSON. */
  record LibraryRow(long id, String type, String settings) {}

  @SqlQuery("SELECT f.id AS file_id, f.item_id, f.library_id, f.path FROM media_files f WHERE f.id = :fileId")
  @RegisterConstructorMapper(FileToProbe.class)
  Optional<FileToProbe> file(@Bind("fileId") long fileId);

  /** Files of one item that were never probed or changed since; present files only. */
  @SqlQuery("SELECT f.id AS file_id, f.item_id, f.library_id, f.path FROM media_files f "
      + "WHERE f.item_id = :itemId AND f.missing_since IS NULL AND (f.probed_at IS NULL OR f.probed_at < f.mtime) "
      + "ORDER BY f.id")
  @RegisterConstructorMapper(FileToProbe.class)
  List<FileToProbe> pendingOfItem(@Bind("itemId") long itemId);

  /** Up to {@code limit} files of one library that were never probed or changed since, oldest first; no books. */
  @SqlQuery("SELECT f.id AS file_id, f.item_id, f.library_id, f.path FROM media_files f "
      + "JOIN media_items i ON i.id = f.item_id "
      + "WHERE f.library_id = :libraryId AND f.missing_since IS NULL AND i.kind <> 'book' "
      + "AND (f.probed_at IS NULL OR f.probed_at < f.mtime) ORDER BY f.id LIMIT :limit")
  @RegisterConstructorMapper(FileToProbe.class)
  List<FileToProbe> pendingOfLibrary(@Bind("libraryId") long libraryId, @Bind("limit") int limit);

  @SqlQuery("SELECT kind FROM media_items WHERE id = :itemId")
  Optional<String> itemKind(@Bind("itemId") long itemId);

  @SqlQuery("SELECT id, type, settings FROM libraries WHERE id = :libraryId")
  @RegisterConstructorMapper(LibraryRow.class)
  Optional<LibraryRow> library(@Bind("libraryId") long libraryId);

  @SqlQuery("SELECT id, type, settings FROM libraries ORDER BY id")
  @RegisterConstructorMapper(LibraryRow.class)
  List<LibraryRow> libraries();

  @SqlUpdate("UPDATE media_files SET container = :container, duration_ms = :durationMs, bitrate = :bitrate, "
      + "probed_at = :probedAt, probe_error = NULL WHERE id = :fileId")
  int markProbed(@Bind("fileId") long fileId, @Bind("container") String container, @Bind("durationMs") Long durationMs,
      @Bind("bitrate") Long bitrate, @Bind("probedAt") long probedAt);

  @SqlUpdate("UPDATE media_files SET probed_at = :probedAt, probe_error = :error WHERE id = :fileId")
  int markFailed(@Bind("fileId") long fileId, @Bind("error") String error, @Bind("probedAt") long probedAt);

  @SqlUpdate("UPDATE media_items SET runtime_ms = :runtimeMs WHERE id = :itemId AND runtime_ms IS NULL")
  int fillRuntime(@Bind("itemId") long itemId, @Bind("runtimeMs") long runtimeMs);

  @SqlUpdate("DELETE FROM media_streams WHERE file_id = :fileId")
  void deleteStreams(@Bind("fileId") long fileId);

  @SqlUpdate("DELETE FROM media_chapters WHERE file_id = :fileId")
  void deleteChapters(@Bind("fileId") long fileId);

  @SqlBatch("INSERT INTO media_streams (file_id, stream_index, type, codec, profile, level, width, height, "
      + "pixel_format, frame_rate, hdr, channels, channel_layout, language, title, is_default, is_forced) VALUES "
      + "(:fileId, :streamIndex, :type, :codec, :profile, :level, :width, :height, :pixelFormat, :frameRate, :hdr, "
      + ":channels, :channelLayout, :language, :title, :isDefault, :isForced)")
  void insertStreams(@Bind("fileId") long fileId, @BindMethods List<StreamRow> streams);

  @SqlBatch("INSERT INTO media_chapters (file_id, idx, start_ms, end_ms, title) VALUES (:fileId, :idx, :startMs, :endMs, :title)")
  void insertChapters(@Bind("fileId") long fileId, @BindMethods List<ChapterRow> chapters);

  /**
   * Stores a successful probe: the file's columns, its streams and chapters (replacing earlier
   * ones) and the item's runtime when it has none.
   *
   * @return false when the file is gone
   */
  @Transaction
  default boolean saveProbe(FileToProbe file, ProbeResult result, long now) {
    long durationMs = result.duration().toMillis();
    if (markProbed(file.fileId(), cut(result.container(), 64), durationMs > 0 ? durationMs : null,
        result.bitrate() > 0 ? result.bitrate() : null, now) == 0) {
      return false;
    }
    deleteStreams(file.fileId());
    deleteChapters(file.fileId());
    List<StreamRow> streams = streamRows(result);
    if (!streams.isEmpty()) {
      insertStreams(file.fileId(), streams);
    }
    List<ChapterRow> chapters = new ArrayList<>();
    for (Chapter chapter : result.chapters()) {
      chapters.add(new ChapterRow(chapters.size(), chapter.start().toMillis(), chapter.end().toMillis(),
          cut(chapter.title(), 500)));
    }
    if (!chapters.isEmpty()) {
      insertChapters(file.fileId(), chapters);
    }
    if (durationMs > 0) {
      fillRuntime(file.itemId(), durationMs);
    }
    return true;
  }

  /** Stores a failed probe: the error, and no streams or chapters. */
  @Transaction
  default void saveFailure(long fileId, String error, long now) {
    markFailed(fileId, cut(error, 1000), now);
    deleteStreams(fileId);
    deleteChapters(fileId);
  }

  private static List<StreamRow> streamRows(ProbeResult result) {
    List<StreamRow> rows = new ArrayList<>();
    for (VideoStream v : result.video()) {
      rows.add(new StreamRow(v.index(), "video", cut(v.codec(), 64), cut(v.profile(), 64), positive(v.level()),
          positive(v.width()), positive(v.height()), cut(v.pixelFormat(), 32), v.frameRate() > 0 ? v.frameRate() : null,
          v.hdr().name().toLowerCase(Locale.ROOT), null, null, cut(v.language(), 16), cut(v.title(), 500),
          v.defaultTrack(), false));
    }
    for (AudioStream a : result.audio()) {
      rows.add(new StreamRow(a.index(), "audio", cut(a.codec(), 64), cut(a.profile(), 64), null, null, null, null,
          null, null, positive(a.channels()), cut(a.channelLayout(), 64), cut(a.language(), 16), cut(a.title(), 500),
          a.defaultTrack(), false));
    }
    for (SubtitleStream s : result.subtitles()) {
      rows.add(new StreamRow(s.index(), "subtitle", cut(s.codec(), 64), null, null, null, null, null, null, null,
          null, null, cut(s.language(), 16), cut(s.title(), 500), s.defaultTrack(), s.forced()));
    }
    return rows;
  }

  private static Integer positive(int value) {
    return value > 0 ? value : null;
  }

  private static String cut(Optional<String> text, int max) {
    return text.map(t -> cut(t, max)).orElse(null);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
