package dev.marquee.kernel.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the media detail answer gets the probed streams of its files. The probing feature binds one
 * ({@code @Binds FileStreams} in its module); until then {@code streams} is null in the answer,
 * which means "not known", not "no streams".
 */
public interface FileStreams {

  /**
   * The streams of each of {@code fileIds} that was probed, as JSON-ready objects in stream order;
   * files never probed are absent from the map. Called on a request thread; may block on the database.
   */
  Map<Long, List<?>> streamsOf(Collection<Long> fileIds);
}
