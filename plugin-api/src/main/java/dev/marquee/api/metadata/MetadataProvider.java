package dev.marquee.api.metadata;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Progress;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A source of metadata for catalog items: it searches candidates for an item the scanner found and
 * fetches the description, images and external ids of a chosen one.
 *
 * <p>Threading: the catalog calls it from its own worker threads, several calls at once, so an
 * implementation must be thread-safe; {@link #search} and {@link #fetch} may block (network, disk)
 * and must honour the {@link Progress} handle's cancellation. No method returns null. Network and
 * remote-service failures are reported as {@link IOException}; the catalog logs them and goes on
 * with the next provider. Optional ability: {@link dev.marquee.api.Ordered}.
 */
public interface MetadataProvider extends ExtensionPoint {

  /**
   * A stable, lower-case id, also the key this provider's ids have in {@link
   * MetadataQuery#externalIds()} when it has its own (for example {@code tmdb}, {@code openlibrary}).
   * Cheap, never blocks.
   */
  String id();

  /** The kinds of item this provider knows; never empty. Cheap, never blocks. */
  Set<MediaKind> kinds();

  /**
   * Finds the items that may be the one described by {@code query}, best first.
   *
   * @param query what the catalog knows: at least a kind this provider supports and a title
   * @param progress cancellation and progress of this call
   * @return candidates, best first; empty when none is found
   * @throws IOException when the source cannot be reached or answers with an error
   * @throws java.util.concurrent.CancellationException when {@code progress} was cancelled
   */
  List<Candidate> search(MetadataQuery query, Progress progress) throws IOException;

  /**
   * Describes one item, usually a chosen {@link Candidate} whose external ids the catalog copied into
   * {@code query}. Fields the provider does not know stay empty in the patch.
   *
   * @param query the item, with as many external ids as the catalog knows
   * @param progress cancellation and progress of this call
   * @return the patch, or empty when this provider does not know the item
   * @throws IOException when the source cannot be reached or answers with an error
   * @throws java.util.concurrent.CancellationException when {@code progress} was cancelled
   */
  Optional<MetadataPatch> fetch(MetadataQuery query, Progress progress) throws IOException;
}
