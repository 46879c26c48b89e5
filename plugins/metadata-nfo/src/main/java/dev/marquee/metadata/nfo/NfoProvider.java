package dev.marquee.metadata.nfo;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Ordered;
import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataProvider;
import dev.marquee.api.metadata.MetadataQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metadata from NFO files beside the media: for a movie {@code <name>.nfo} then {@code movie.nfo}
 * next to its first file, for an episode {@code <name>.nfo}, for a series {@code tvshow.nfo} in its
 * folder. {@link #fetch} ignores external ids: the NFO beside the item is the item. An unreadable NFO
 * is logged and treated as absent. Order {@value #ORDER}: before remote providers.
 */
@Extension
public class NfoProvider implements MetadataProvider, Ordered {
  /** Before remote providers ({@link Ordered#DEFAULT}). */
  public static final int ORDER = 10;

  private final Logger log;

  public NfoProvider(PluginContext context) {
    this.log = context.logger();
  }

  /** For tests and tools outside a kernel. */
  public NfoProvider() {
    this.log = LoggerFactory.getLogger(NfoProvider.class);
  }

  @Override
  public String id() {
    return "nfo";
  }

  @Override
  public Set<MediaKind> kinds() {
    return Set.of(MediaKind.MOVIE, MediaKind.SERIES, MediaKind.EPISODE);
  }

  @Override
  public int order() {
    return ORDER;
  }

  /** The NFO's own description as the one candidate, when it has ids to name it by. */
  @Override
  public List<Candidate> search(MetadataQuery query, Progress progress) throws IOException {
    Optional<MetadataPatch> patch = fetch(query, progress);
    if (patch.isEmpty() || patch.get().externalIds().isEmpty()) {
      return List.of();
    }
    MetadataPatch p = patch.get();
    return List.of(new Candidate(p.title().orElse(query.title()),
        p.releaseDate().map(d -> d.getYear()).or(p::year), p.externalIds(), p.overview(),
        p.images().stream().filter(i -> i.type() == Image.Type.POSTER).map(Image::url).findFirst(), 1.0));
  }

  @Override
  public Optional<MetadataPatch> fetch(MetadataQuery query, Progress progress) throws IOException {
    progress.checkCancelled();
    for (Path nfo : candidates(query)) {
      if (!Files.isRegularFile(nfo)) {
        continue;
      }
      try {
        Optional<MetadataPatch> patch = NfoReader.read(nfo, query.kind(), query.episodeNumber());
        if (patch.isPresent()) {
          return patch;
        }
      } catch (IOException e) {
        log.warn("NFO {} unreadable: {}", nfo, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Where the NFO of the item may be, most specific first. */
  static List<Path> candidates(MetadataQuery query) {
    List<Path> paths = new ArrayList<>();
    if (query.files().isEmpty()) {
      return paths;
    }
    Path first = query.files().get(0);
    switch (query.kind()) {
      case SERIES -> paths.add(first.resolve("tvshow.nfo"));
      case MOVIE -> {
        paths.add(sibling(first));
        if (first.getParent() != null) {
          paths.add(first.getParent().resolve("movie.nfo"));
        }
      }
      case EPISODE -> paths.add(sibling(first));
      default -> { }
    }
    return paths;
  }

  private static Path sibling(Path media) {
    String name = media.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return media.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".nfo");
  }
}
