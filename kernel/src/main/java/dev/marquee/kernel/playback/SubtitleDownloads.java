package dev.marquee.kernel.playback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.api.MediaKind;
import dev.marquee.api.Progress;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.subtitle.DownloadedSubtitle;
import dev.marquee.api.subtitle.RemoteSubtitle;
import dev.marquee.api.subtitle.SubtitleProvider;
import dev.marquee.api.subtitle.SubtitleQuery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote subtitles for an item: searches the started {@link SubtitleProvider}s with what the
 * catalog knows (title, year, external ids, season and episode, the OpenSubtitles hash and size of
 * the item's first file), and stores a download as a sidecar beside that file, named so that the
 * sidecar source lists it ({@code Movie.en.srt}, {@code Movie.en.sdh.srt}). A download never
 * replaces a file: when the name is taken it gets the provider's id as a title ({@code
 * Movie.en.opensubtitles.srt}, then {@code ...opensubtitles2...}); and it is never written outside
 * the library's folders, symbolic links resolved. Thread-safe.
 */
@Singleton
final class SubtitleDownloads {
  private static final Logger log = LoggerFactory.getLogger(SubtitleDownloads.class);
  private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Map<String, String> EXTENSIONS = Map.of("srt", "srt", "ass", "ass", "ssa", "ssa",
      "webvtt", "vtt", "vtt", "vtt", "sub", "sub", "smi", "smi");
  private static final int HASH_CHUNK = 64 * 1024;
  private static final int MAX_NAME_TRIES = 9;

  /** One search result and the provider that found it. */
  record Found(String provider, RemoteSubtitle subtitle) {}

  /** A provider that failed a search, and why. */
  record Failure(String provider, String message) {}

  /** What a search found, best first per provider, and which providers failed. */
  record Results(List<Found> found, List<Failure> failures) {}

  private record Item(long id, String kind, String title, Integer year, Long parentId, Integer indexNumber,
      Integer parentIndex) {}

  private final Jdbi jdbi;
  private final PlayableFiles files;
  private final SubtitlePlugins plugins;
  /** Results shown to users, so that a download knows whether it is SDH. */
  private final Cache<String, RemoteSubtitle> shown;

  @Inject
  SubtitleDownloads(Jdbi jdbi, PlayableFiles files, SubtitlePlugins plugins, Clock clock) {
    this.jdbi = jdbi;
    this.files = files;
    this.plugins = plugins;
    this.shown = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(6))
        .ticker(() -> {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }).build();
  }

  /**
   * Searches one provider, or all of them.
   *
   * @param languages ISO 639-1 codes (a region allowed: {@code pt-BR}), most wanted first
   * @throws ApiException 404 unknown item or no playable file, 422 UNKNOWN_PROVIDER or an item that
   *     is neither a movie nor an episode, 502 PROVIDER_FAILED when the one provider asked failed
   */
  Results search(long itemId, List<String> languages, String providerId, boolean hearingImpaired) {
    Item item = item(itemId);
    PlayableFiles.Playable file = files.primary(itemId);
    List<SubtitleProvider> asked = providerId == null ? plugins.providers() : List.of(provider(providerId));
    SubtitleQuery query = query(item, file.path(), languages, hearingImpaired);
    List<Found> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (SubtitleProvider provider : asked) {
      try {
        for (RemoteSubtitle subtitle : provider.search(query, Progress.none())) {
          shown.put(provider.id() + "\u0000" + subtitle.remoteId(), subtitle);
          found.add(new Found(provider.id(), subtitle));
        }
      } catch (IOException | RuntimeException e) {
        log.warn("subtitle provider {} failed searching item {}: {}", provider.id(), itemId, e.toString());
        if (providerId != null) {
          throw failed(provider, e);
        }
        failures.add(new Failure(provider.id(), String.valueOf(e.getMessage())));
      }
    }
    return new Results(found, failures);
  }

  /**
   * Downloads a search result and stores it beside the item's first file.
   *
   * @return the file written
   * @throws ApiException 404 unknown item or no playable file, 422 UNKNOWN_PROVIDER,
   *     NOT_FOUND_AT_PROVIDER or UNSUPPORTED_FORMAT, 403 OUTSIDE_LIBRARY when the file's folder
   *     lies outside its library's folders, 409 LIBRARY_NOT_WRITABLE or SUBTITLE_EXISTS, 502
   *     PROVIDER_FAILED
   */
  Path download(long itemId, String providerId, String remoteId) {
    item(itemId);
    PlayableFiles.Playable file = files.primary(itemId);
    SubtitleProvider provider = provider(providerId);
    Path folder = writableFolder(file);
    DownloadedSubtitle subtitle;
    try {
      subtitle = provider.download(remoteId, Progress.none()).orElseThrow(() -> ApiException.unprocessable(
          "NOT_FOUND_AT_PROVIDER", "provider " + providerId + " has no subtitle " + remoteId));
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      log.warn("subtitle provider {} failed downloading {}: {}", providerId, remoteId, e.toString());
      throw failed(provider, e);
    }
    String extension = EXTENSIONS.get(subtitle.format().toLowerCase(Locale.ROOT));
    if (extension == null) {
      throw ApiException.unprocessable("UNSUPPORTED_FORMAT", "provider " + providerId + " sent a subtitle in format "
          + subtitle.format() + ", which is not stored; known: " + EXTENSIONS.keySet().stream().sorted().toList());
    }
    RemoteSubtitle result = shown.getIfPresent(providerId + "\u0000" + remoteId);
    StringBuilder stem = new StringBuilder(baseName(file.path().getFileName().toString()));
    String language = subtitle.language().strip();
    if (TAG.matcher(language).matches() && !language.equalsIgnoreCase("und")) {
      stem.append('.').append(language);
    }
    if (result != null && result.hearingImpaired()) {
      stem.append(".sdh");
    }
    byte[] content = subtitle.content();
    for (int attempt = 0; attempt <= MAX_NAME_TRIES; attempt++) {
      String name = stem + (attempt == 0 ? "" : "." + provider.id() + (attempt == 1 ? "" : attempt)) + "." + extension;
      Path target = folder.resolve(name);
      try {
        Files.write(target, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        log.info("subtitle {} from {} stored as {}", remoteId, providerId, target);
        return target;
      } catch (FileAlreadyExistsException taken) {
        // try the next name
      } catch (IOException e) {
        try {
          Files.deleteIfExists(target);
        } catch (IOException ignored) {
          // nothing more to do
        }
        throw ApiException.conflict("LIBRARY_NOT_WRITABLE", "cannot write " + name + " beside the item's file: " + e);
      }
    }
    throw ApiException.conflict("SUBTITLE_EXISTS", "every name for this subtitle is taken beside the item's file");
  }

  /**
   * The OpenSubtitles hash of a file: its size plus the 64-bit little-endian words of its first and
   * last 64 KiB, summed with overflow, as 16 hex digits.
   */
  static String openSubtitlesHash(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long hash = size;
      hash += sum(channel, 0, (int) Math.min(HASH_CHUNK, size));
      hash += sum(channel, Math.max(0, size - HASH_CHUNK), (int) Math.min(HASH_CHUNK, size));
      return String.format(Locale.ROOT, "%016x", hash);
    }
  }

  private static long sum(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
      // reads until full
    }
    buffer.flip();
    long sum = 0;
    while (buffer.remaining() >= Long.BYTES) {
      sum += buffer.getLong();
    }
    return sum;
  }

  private SubtitleQuery query(Item item, Path video, List<String> languages, boolean hearingImpaired) {
    Map<String, String> ids = new LinkedHashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT provider, value FROM external_ids WHERE item_id = :item ORDER BY provider")
        .bind("item", item.id()).map((rs, ctx) -> Map.entry(rs.getString("provider"), rs.getString("value")))
        .forEach(e -> ids.put(e.getKey(), e.getValue())));
    String title = item.title();
    Optional<Integer> year = Optional.ofNullable(item.year());
    boolean episode = item.kind().equals("episode");
    if (episode) {
      Optional<Item> series = parent(item).flatMap(season -> season.kind().equals("season") ? parent(season)
          : Optional.of(season));
      title = series.map(Item::title).orElse(title);
      year = series.map(Item::year).or(() -> Optional.ofNullable(item.year()));
    }
    Optional<String> hash;
    Optional<Long> size;
    try {
      hash = Optional.of(openSubtitlesHash(video));
      size = Optional.of(Files.size(video));
    } catch (IOException e) {
      log.debug("no hash of {}: {}", video, e.toString());
      hash = Optional.empty();
      size = Optional.empty();
    }
    return new SubtitleQuery(episode ? MediaKind.EPISODE : MediaKind.MOVIE, title, year, ids,
        episode ? Optional.ofNullable(item.parentIndex()) : Optional.empty(),
        episode ? Optional.ofNullable(item.indexNumber()) : Optional.empty(), languages, hash, size, hearingImpaired);
  }

  private Item item(long itemId) {
    Item item = find(itemId).orElseThrow(() -> ApiException.notFound("no item " + itemId));
    if (!item.kind().equals("movie") && !item.kind().equals("episode")) {
      throw ApiException.unprocessable("UNSUPPORTED_KIND", "subtitles are searched for movies and episodes, not for a "
          + item.kind());
    }
    return item;
  }

  private Optional<Item> parent(Item item) {
    return item.parentId() == null ? Optional.empty() : find(item.parentId());
  }

  private Optional<Item> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, kind, title, year, parent_id, index_number, parent_index"
            + " FROM media_items WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> {
          long parent = rs.getLong("parent_id");
          Long parentId = rs.wasNull() ? null : parent;
          return new Item(rs.getLong("id"), rs.getString("kind"), rs.getString("title"), integer(rs, "year"), parentId,
              integer(rs, "index_number"), integer(rs, "parent_index"));
        })
        .findOne());
  }

  private static Integer integer(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private SubtitleProvider provider(String id) {
    return plugins.providers().stream().filter(p -> p.id().equals(id)).findFirst()
        .orElseThrow(() -> ApiException.unprocessable("UNKNOWN_PROVIDER", "no started subtitle provider " + id
            + "; started: " + plugins.providers().stream().map(SubtitleProvider::id).toList()));
  }

  /** The file's folder, real path, when it lies inside one of its library's folders; 403 otherwise. */
  private Path writableFolder(PlayableFiles.Playable file) {
    try {
      Path folder = file.path().toAbsolutePath().getParent().toRealPath();
      List<String> roots = jdbi.withHandle(h -> h.createQuery("SELECT r.path FROM library_roots r"
              + " JOIN media_files f ON f.library_id = r.library_id WHERE f.id = :file")
          .bind("file", file.id()).mapTo(String.class).list());
      for (String root : roots) {
        Path real = Path.of(root);
        if (Files.exists(real) && folder.startsWith(real.toRealPath())) {
          return folder;
        }
      }
    } catch (IOException e) {
      log.debug("cannot resolve the folder of {}: {}", file.path(), e.toString());
    }
    throw new ApiException(403, "OUTSIDE_LIBRARY", "the folder of file " + file.id()
        + " is not inside its library's folders (a symbolic link leads out): nothing is written there");
  }

  private static ApiException failed(SubtitleProvider provider, Exception e) {
    return new ApiException(502, "PROVIDER_FAILED", "subtitle provider " + provider.id() + " failed: " + e.getMessage());
  }

  private static String baseName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? fileName : fileName.substring(0, dot);
  }
}
