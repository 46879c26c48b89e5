package dev.marquee.kernel.metadata;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Progress;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataProvider;
import dev.marquee.api.metadata.MetadataQuery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches catalog items with metadata providers and writes what they say into the catalog.
 *
 * <p>Providers come from started plugins ({@link Providers}), best first by {@link
 * dev.marquee.api.Ordered}. Matching an item: every provider that supports its kind is asked to
 * {@link MetadataProvider#fetch fetch} it by what the catalog knows (external ids from the file
 * name's hints or an earlier match, the files beside it); ids a provider reports are handed on to
 * the next. When none knows it, providers are asked to {@link MetadataProvider#search search} by
 * title and year, and the first candidate at or above the confidence threshold is fetched. Patches
 * are merged field by field, the best provider's winning ({@link #merge}), and written in one
 * transaction; locked fields are never written.
 *
 * <p>Thread-safe: it keeps no state between calls. Provider calls block; call it from a worker or a
 * request thread, never an event-bus listener.
 */
@Singleton
final class MetadataService {
  private static final Logger log = LoggerFactory.getLogger(MetadataService.class);
  /** Published after every metadata write to the catalog. */
  static final String CATALOG_CHANGED = "catalog.changed";
  private static final Pattern SEASON_DIR = Pattern.compile("(?i)(season|saison|staffel|series)[ ._-]*\\d+|s\\d{1,2}|specials?");

  /** One candidate with the provider that found it. */
  record Match(String provider, Candidate candidate) {}

  private final MetadataStore store;
  private final Providers providers;
  private final ImageCache images;
  private final MetadataSettings settings;
  private final EventBus bus;

  @Inject
  MetadataService(MetadataStore store, Providers providers, ImageCache images, MetadataSettings settings, EventBus bus) {
    this.bus = bus;
    this.store = store;
    this.providers = providers;
    this.images = images;
    this.settings = settings;
  }

  /** The started providers, best first. */
  List<MetadataProvider> providers() {
    return providers.all();
  }

  /**
   * Candidates for the item from one provider or all of them, best first per provider.
   *
   * @throws ApiException 404 unknown item, 422 unknown provider or an item kind without metadata,
   *     502 when the only provider asked failed
   */
  List<Match> search(long itemId, String title, Integer year, String providerId) {
    CatalogItem item = require(itemId);
    MediaKind kind = kindOf(item);
    List<MetadataProvider> asked = providerId == null ? supporting(kind) : List.of(provider(providerId, kind));
    MetadataQuery base = query(item, item.externalIds());
    MetadataQuery query = new MetadataQuery(kind, title == null || title.isBlank() ? base.title() : title.trim(),
        year == null ? base.year() : Optional.of(year), base.externalIds(), base.seriesExternalIds(), base.seasonNumber(),
        base.episodeNumber(), base.authors(), base.language(), base.files());
    List<Match> matches = new ArrayList<>();
    for (MetadataProvider provider : asked) {
      try {
        provider.search(query, Progress.none()).forEach(c -> matches.add(new Match(provider.id(), c)));
      } catch (IOException | RuntimeException e) {
        if (providerId != null) {
          throw providerFailed(provider, e);
        }
        log.warn("metadata provider {} failed searching item {}: {}", provider.id(), itemId, e.toString());
      }
    }
    return matches;
  }

  /**
   * Fetches the item from {@code providerId} by the id {@code externalId} there and applies it.
   *
   * @throws ApiException 404 unknown item, 422 unknown provider or an id the provider does not know,
   *     502 when the provider failed
   */
  ItemView apply(long itemId, String providerId, String externalId) {
    CatalogItem item = require(itemId);
    MetadataProvider provider = provider(providerId, kindOf(item));
    Map<String, String> ids = new LinkedHashMap<>(item.externalIds());
    ids.put(provider.id(), externalId.trim());
    MetadataPatch patch;
    try {
      patch = provider.fetch(query(item, ids), Progress.none()).orElseThrow(() -> ApiException.unprocessable("NOT_FOUND_AT_PROVIDER",
          "provider " + provider.id() + " knows no " + item.kind() + " with id " + externalId));
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      throw providerFailed(provider, e);
    }
    // The chosen id wins over an older one the patch might not mention.
    MetadataPatch withId = withExternalId(patch, provider.id(), externalId.trim());
    write(itemId, List.of(withId), "matched");
    return view(itemId);
  }

  /**
   * Fetches the item again from every provider by the ids it has, honouring locked fields; an item
   * no provider knows is left as it is.
   *
   * @throws ApiException 404 unknown item, 422 for an item kind without metadata
   */
  ItemView refresh(long itemId) {
    CatalogItem item = require(itemId);
    List<MetadataPatch> patches = fetchAll(item);
    if (!patches.isEmpty()) {
      write(itemId, patches, "manual".equals(item.matchState()) ? "manual" : "matched");
    }
    return view(itemId);
  }

  /**
   * An admin's edit: the fields given are written and locked.
   *
   * @throws ApiException 404 unknown item
   */
  ItemView edit(long itemId, MetadataStore.Edit edit) {
    require(itemId);
    store.edit(itemId, edit);
    changed(itemId);
    return view(itemId);
  }

  /**
   * Matches an item without an admin: by ids and local files first, then by a confident search.
   * Failures of providers are logged.
   *
   * @return whether the item was matched; false for unknown items and kinds without metadata
   */
  boolean autoMatch(long itemId) {
    Optional<CatalogItem> found = store.item(itemId);
    if (found.isEmpty() || mediaKind(found.get().kind()).isEmpty()) {
      return false;
    }
    CatalogItem item = found.get();
    List<MetadataPatch> patches = fetchAll(item);
    if (patches.isEmpty()) {
      searchBest(item).ifPresent(patches::add);
    }
    if (patches.isEmpty()) {
      log.debug("no metadata found for item {} ({})", itemId, item.title());
      return false;
    }
    write(itemId, patches, "matched");
    return true;
  }

  /** Every provider's patch for what the item is known by, best provider first. */
  private List<MetadataPatch> fetchAll(CatalogItem item) {
    MediaKind kind = kindOf(item);
    Map<String, String> ids = new LinkedHashMap<>(item.externalIds());
    List<MetadataPatch> patches = new ArrayList<>();
    for (MetadataProvider provider : supporting(kind)) {
      try {
        Optional<MetadataPatch> patch = provider.fetch(query(item, ids), Progress.none());
        if (patch.isPresent()) {
          patches.add(patch.get());
          patch.get().externalIds().forEach(ids::putIfAbsent);
        }
      } catch (IOException | RuntimeException e) {
        log.warn("metadata provider {} failed fetching item {}: {}", provider.id(), item.id(), e.toString());
      }
    }
    return patches;
  }

  /** The first confident candidate of any provider, fetched. */
  private Optional<MetadataPatch> searchBest(CatalogItem item) {
    MetadataQuery query = query(item, item.externalIds());
    for (MetadataProvider provider : supporting(query.kind())) {
      try {
        for (Candidate candidate : provider.search(query, Progress.none())) {
          if (candidate.confidence() < settings.threshold()) {
            continue;
          }
          Map<String, String> ids = new LinkedHashMap<>(item.externalIds());
          ids.putAll(candidate.externalIds());
          Optional<MetadataPatch> patch = provider.fetch(query(item, ids), Progress.none());
          if (patch.isPresent()) {
            MetadataPatch result = patch.get();
            for (Map.Entry<String, String> id : candidate.externalIds().entrySet()) {
              result = withExternalId(result, id.getKey(), id.getValue());
            }
            return Optional.of(result);
          }
        }
      } catch (IOException | RuntimeException e) {
        log.warn("metadata provider {} failed searching item {}: {}", provider.id(), item.id(), e.toString());
      }
    }
    return Optional.empty();
  }

  private void write(long itemId, List<MetadataPatch> bestFirst, String matchState) {
    images.update(store.apply(itemId, merge(bestFirst), matchState));
    changed(itemId);
  }

  /** Tells the catalog's readers (its response cache) that the item's metadata changed. */
  private void changed(long itemId) {
    bus.publish(CATALOG_CHANGED, Map.of("itemId", itemId));
  }

  /**
   * One patch from several, best first: each field from the first patch that has it, each list from
   * the first that is non-empty, external ids from all (the better provider's id wins).
   */
  static MetadataPatch merge(List<MetadataPatch> bestFirst) {
    if (bestFirst.size() == 1) {
      return bestFirst.get(0);
    }
    MetadataPatch.Builder merged = MetadataPatch.builder();
    first(bestFirst, MetadataPatch::title).ifPresent(merged::title);
    first(bestFirst, MetadataPatch::originalTitle).ifPresent(merged::originalTitle);
    first(bestFirst, MetadataPatch::sortTitle).ifPresent(merged::sortTitle);
    first(bestFirst, MetadataPatch::overview).ifPresent(merged::overview);
    first(bestFirst, MetadataPatch::tagline).ifPresent(merged::tagline);
    first(bestFirst, MetadataPatch::releaseDate).ifPresent(merged::releaseDate);
    first(bestFirst, MetadataPatch::endDate).ifPresent(merged::endDate);
    first(bestFirst, MetadataPatch::runtime).ifPresent(merged::runtime);
    first(bestFirst, MetadataPatch::pageCount).ifPresent(merged::pageCount);
    first(bestFirst, MetadataPatch::communityRating).ifPresent(merged::communityRating);
    first(bestFirst, MetadataPatch::contentRating).ifPresent(merged::contentRating);
    first(bestFirst, MetadataPatch::originalLanguage).ifPresent(merged::originalLanguage);
    first(bestFirst, MetadataPatch::year).ifPresent(merged::year);
    firstNonEmpty(bestFirst, MetadataPatch::genres).forEach(merged::genre);
    firstNonEmpty(bestFirst, MetadataPatch::studios).forEach(merged::studio);
    firstNonEmpty(bestFirst, MetadataPatch::people).forEach(merged::person);
    firstNonEmpty(bestFirst, MetadataPatch::images).forEach(merged::image);
    List<MetadataPatch> lowestFirst = new ArrayList<>(bestFirst);
    Collections.reverse(lowestFirst);
    lowestFirst.forEach(p -> p.externalIds().forEach(merged::externalId));
    return merged.build();
  }

  private static <T> Optional<T> first(List<MetadataPatch> patches, Function<MetadataPatch, Optional<T>> field) {
    return patches.stream().map(field).flatMap(Optional::stream).findFirst();
  }

  private static <T> List<T> firstNonEmpty(List<MetadataPatch> patches, Function<MetadataPatch, List<T>> field) {
    return patches.stream().map(field).filter(list -> !list.isEmpty()).findFirst().orElse(List.of());
  }

  private MetadataQuery query(CatalogItem item, Map<String, String> ids) {
    MediaKind kind = kindOf(item);
    String title = item.title();
    Optional<Integer> year = Optional.ofNullable(item.year());
    Map<String, String> seriesIds = Map.of();
    Optional<Integer> season = Optional.empty();
    Optional<Integer> episode = Optional.empty();
    if (kind == MediaKind.SEASON || kind == MediaKind.EPISODE) {
      Optional<CatalogItem> series = seriesOf(item);
      if (series.isPresent()) {
        title = series.get().title();
        seriesIds = series.get().externalIds();
        if (kind == MediaKind.EPISODE) {
          year = Optional.ofNullable(series.get().year());
        }
      }
      if (kind == MediaKind.SEASON) {
        season = Optional.ofNullable(item.indexNumber());
      } else {
        season = Optional.ofNullable(item.parentIndex());
        episode = Optional.ofNullable(item.indexNumber());
      }
    }
    return new MetadataQuery(kind, title, year, ids, seriesIds, season, episode, List.of(), settings.language(), files(item, kind));
  }

  private Optional<CatalogItem> seriesOf(CatalogItem item) {
    Optional<CatalogItem> current = item.parent().flatMap(store::item);
    while (current.isPresent() && !"series".equals(current.get().kind())) {
      current = current.get().parent().flatMap(store::item);
    }
    return current;
  }

  private List<Path> files(CatalogItem item, MediaKind kind) {
    if (kind != MediaKind.SERIES && kind != MediaKind.SEASON) {
      return store.files(item.id());
    }
    Optional<Path> episodeFile = store.descendantFile(item.id());
    if (episodeFile.isEmpty() || episodeFile.get().getParent() == null) {
      return List.of();
    }
    Path dir = episodeFile.get().getParent();
    boolean seasonDir = dir.getFileName() != null && SEASON_DIR.matcher(dir.getFileName().toString()).matches();
    if (kind == MediaKind.SERIES && seasonDir && dir.getParent() != null) {
      dir = dir.getParent();
    }
    return List.of(dir);
  }

  private List<MetadataProvider> supporting(MediaKind kind) {
    return providers.all().stream().filter(p -> p.kinds().contains(kind)).toList();
  }

  private MetadataProvider provider(String providerId, MediaKind kind) {
    MetadataProvider provider = providers.all().stream().filter(p -> p.id().equals(providerId)).findFirst()
        .orElseThrow(() -> ApiException.unprocessable("UNKNOWN_PROVIDER", "provider: no started metadata provider '" + providerId + "'"));
    if (!provider.kinds().contains(kind)) {
      throw ApiException.unprocessable("UNSUPPORTED_KIND", "provider " + providerId + " does not describe " + kind.name().toLowerCase());
    }
    return provider;
  }

  private CatalogItem require(long itemId) {
    return store.item(itemId).orElseThrow(() -> ApiException.notFound("no media item " + itemId));
  }

  private ItemView view(long itemId) {
    return store.view(itemId).orElseThrow(() -> ApiException.notFound("no media item " + itemId));
  }

  private static MediaKind kindOf(CatalogItem item) {
    return mediaKind(item.kind()).orElseThrow(() -> ApiException.unprocessable("NO_METADATA",
        "items of kind " + item.kind() + " have no metadata of their own"));
  }

  static Optional<MediaKind> mediaKind(String kind) {
    return switch (kind) {
      case "movie" -> Optional.of(MediaKind.MOVIE);
      case "series" -> Optional.of(MediaKind.SERIES);
      case "season" -> Optional.of(MediaKind.SEASON);
      case "episode" -> Optional.of(MediaKind.EPISODE);
      case "book" -> Optional.of(MediaKind.BOOK);
      default -> Optional.empty();
    };
  }

  private static MetadataPatch withExternalId(MetadataPatch patch, String provider, String id) {
    return patch.toBuilder().externalId(provider, id).build();
  }

  private static ApiException providerFailed(MetadataProvider provider, Exception e) {
    log.warn("metadata provider {} failed: {}", provider.id(), e.toString());
    return new ApiException(502, "PROVIDER_FAILED", "metadata provider " + provider.id() + " failed: " + e.getMessage());
  }
}
