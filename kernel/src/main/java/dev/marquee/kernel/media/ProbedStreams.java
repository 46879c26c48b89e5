package dev.marquee.kernel.media;

import dev.marquee.kernel.catalog.FileStreams;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;

/** The media detail's {@code files[].streams}: what probing stored in {@code media_streams}. */
final class ProbedStreams implements FileStreams {

  private final Jdbi jdbi;

  @Inject
  ProbedStreams(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Map<Long, List<?>> streamsOf(Collection<Long> fileIds) {
    Map<Long, List<?>> streams = new LinkedHashMap<>();
    if (fileIds.isEmpty()) {
      return streams;
    }
    jdbi.useHandle(h -> {
      // probed files without streams (a probe error) answer an empty list, never-probed ones nothing
      h.createQuery("SELECT id FROM media_files WHERE id IN (<ids>) AND probed_at IS NOT NULL")
          .bindList("ids", List.copyOf(fileIds)).mapTo(Long.class)
          .forEach(id -> streams.put(id, new ArrayList<ProbedStream>()));
      h.createQuery("SELECT * FROM media_streams WHERE file_id IN (<ids>) ORDER BY file_id, stream_index")
          .bindList("ids", List.copyOf(fileIds))
          .map((row, ctx) -> Map.entry(row.getLong("file_id"), stream(row)))
          .forEach(entry -> {
            @SuppressWarnings("unchecked")
            List<ProbedStream> list = (List<ProbedStream>) streams.get(entry.getKey());
            if (list != null) {
              list.add(entry.getValue());
            }
          });
    });
    return streams;
  }

  /** The stream of the current {@code media_streams} row. */
  static ProbedStream stream(ResultSet row) throws SQLException {
    return new ProbedStream(row.getInt("stream_index"), row.getString("type"), row.getString("codec"),
        row.getString("profile"), intOrNull(row, "level"), intOrNull(row, "width"), intOrNull(row, "height"),
        row.getString("pixel_format"), doubleOrNull(row, "frame_rate"), row.getString("hdr"),
        intOrNull(row, "channels"), row.getString("channel_layout"), row.getString("language"),
        row.getString("title"), row.getBoolean("is_default"), row.getBoolean("is_forced"));
  }

  private static Integer intOrNull(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static Double doubleOrNull(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }
}
