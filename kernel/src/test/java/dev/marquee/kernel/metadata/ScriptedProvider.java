package dev.marquee.kernel.metadata;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Progress;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataProvider;
import dev.marquee.api.metadata.MetadataQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider whose answers a test sets: patches by one of its ids, candidates for any search; it records the queries. */
final class ScriptedProvider implements MetadataProvider {
  private final String id;
  private final Map<String, MetadataPatch> byId = new HashMap<>();
  private final List<Candidate> candidates = new ArrayList<>();
  private MetadataPatch withoutIds;
  final List<MetadataQuery> fetches = new CopyOnWriteArrayList<>();
  final List<MetadataQuery> searches = new CopyOnWriteArrayList<>();

  ScriptedProvider(String id) {
    this.id = id;
  }

  ScriptedProvider knows(String externalId, MetadataPatch patch) {
    byId.put(externalId, patch);
    return this;
  }

  /** What {@link #fetch} answers whatever the ids, as a local-file provider does. */
  ScriptedProvider always(MetadataPatch patch) {
    withoutIds = patch;
    return this;
  }

  ScriptedProvider finds(Candidate candidate) {
    candidates.add(candidate);
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<MediaKind> kinds() {
    return Set.of(MediaKind.MOVIE, MediaKind.SERIES, MediaKind.EPISODE);
  }

  @Override
  public List<Candidate> search(MetadataQuery query, Progress progress) {
    searches.add(query);
    return List.copyOf(candidates);
  }

  @Override
  public Optional<MetadataPatch> fetch(MetadataQuery query, Progress progress) {
    fetches.add(query);
    if (withoutIds != null) {
      return Optional.of(withoutIds);
    }
    return query.externalId(id).map(byId::get);
  }
}
