package dev.marquee.kernel.catalog;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Page;
import dev.marquee.api.http.Paging;
import dev.marquee.kernel.catalog.CatalogJson.ItemSummary;
import dev.marquee.kernel.catalog.CatalogRows.UserState;
import dev.marquee.kernel.catalog.WatchStore.EpisodeState;
import dev.marquee.kernel.config.Config;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.inject.Inject;

/**
 * Per-user watch state: progress reports, played marks (cascading from a series or season to its
 * episodes), continue watching and next up. A report at or past {@code playback.played-threshold} of
 * the runtime (default 0.9), or a {@code complete} event, marks the item played, puts its position
 * back to 0 and counts one play, once per viewing.
 */
final class WatchState {
  /** What a client reports while it plays. */
  enum Event {
    START, PROGRESS, PAUSE, COMPLETE
  }

  private final WatchStore store;
  private final CatalogStore catalog;
  private final Catalog reader;
  private final Clock clock;
  private final double threshold;
  private final ResponseCache cache;

  @Inject
  WatchState(WatchStore store, CatalogStore catalog, Catalog reader, Clock clock, Config config, ResponseCache cache) {
    this.cache = cache;
    this.store = store;
    this.catalog = catalog;
    this.reader = reader;
    this.clock = clock;
    this.threshold = threshold(config);
  }

  static double threshold(Config config) {
    String text = config.get("playback.played-threshold", "0.9");
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("config playback.played-threshold is not a number: " + text);
    }
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException("config playback.played-threshold must be above 0 and at most 1: " + text);
    }
    return value;
  }

  /** Records a progress report and answers the resulting state. */
  UserState progress(long itemId, Viewer viewer, long positionMs, Event event) {
    requireItem(itemId, viewer);
    long now = clock.millis();
    UserState state = store.inTransaction(h -> {
      UserState before = WatchStore.state(h, viewer.userId(), itemId).orElse(UserState.NONE);
      Long runtime = WatchStore.runtimeMs(h, itemId);
      boolean finished = event == Event.COMPLETE
          || (runtime != null && runtime > 0 && positionMs >= threshold * runtime);
      UserState after;
      if (finished) {
        // a finished viewing counts once: a second report past the threshold finds position 0 and played
        boolean newViewing = !before.played() || before.positionMs() > 0;
        after = new UserState(0, true, before.playCount() + (newViewing ? 1 : 0), now);
      } else {
        after = new UserState(positionMs, before.played(), before.playCount(), now);
      }
      WatchStore.put(h, viewer.userId(), itemId, after, now);
      return after;
    });
    cache.userChanged(viewer.userId());
    return state;
  }

  /** Marks an item and its seasons and episodes played or unplayed; answers how many items changed. */
  int mark(long itemId, Viewer viewer, boolean played) {
    requireItem(itemId, viewer);
    long now = clock.millis();
    int changed = store.inTransaction(h -> {
      List<Long> ids = WatchStore.withDescendants(h, itemId);
      for (long id : ids) {
        UserState before = WatchStore.state(h, viewer.userId(), id).orElse(UserState.NONE);
        UserState after = played
            ? new UserState(0, true, before.played() ? before.playCount() : before.playCount() + 1, now)
            : new UserState(0, false, before.playCount(), before.lastPlayedAt());
        WatchStore.put(h, viewer.userId(), id, after, now);
      }
      return ids.size();
    });
    cache.userChanged(viewer.userId());
    return changed;
  }

  int clearHistory(long userId) {
    int cleared = store.clear(userId);
    cache.userChanged(userId);
    return cleared;
  }

  Page<ItemSummary> continueWatching(Viewer viewer, Paging paging) {
    return reader.summaries(store.continueWatching(viewer, paging));
  }

  /**
   * For each series with a played episode: the first unplayed episode after the furthest played one,
   * in season and episode order (specials, season 0, left out); series with the newest activity first.
   */
  Page<ItemSummary> nextUp(Viewer viewer, Paging paging) {
    Map<Long, List<EpisodeState>> bySeries = new LinkedHashMap<>();
    for (EpisodeState e : store.episodesOfStartedSeries(viewer.userId())) {
      if (e.season() > 0) {
        bySeries.computeIfAbsent(e.seriesId(), k -> new ArrayList<>()).add(e);
      }
    }
    record Next(long episodeId, long activity) {}
    List<Next> next = new ArrayList<>();
    Comparator<EpisodeState> order = Comparator.comparingInt(EpisodeState::season)
        .thenComparingInt(EpisodeState::episode).thenComparingLong(EpisodeState::id);
    bySeries.values().forEach(episodes -> {
      episodes.sort(order);
      int furthest = -1;
      long activity = Long.MIN_VALUE;
      for (int n = 0; n < episodes.size(); n++) {
        if (episodes.get(n).played()) {
          furthest = n;
        }
        activity = Math.max(activity, Objects.requireNonNullElse(episodes.get(n).lastPlayedAt(), Long.MIN_VALUE));
      }
      for (int n = furthest + 1; furthest >= 0 && n < episodes.size(); n++) {
        if (!episodes.get(n).played()) {
          next.add(new Next(episodes.get(n).id(), activity));
          break;
        }
      }
    });
    next.sort(Comparator.comparingLong(Next::activity).reversed().thenComparingLong(Next::episodeId));
    List<Long> ids = next.stream().map(Next::episodeId).toList();
    int from = Math.min(paging.offset(), ids.size());
    int to = Math.min(from + paging.limit(), ids.size());
    return paging.page(reader.withPosters(store.items(ids.subList(from, to), viewer)), ids.size());
  }

  private void requireItem(long itemId, Viewer viewer) {
    if (catalog.item(itemId, viewer).isEmpty()) {
      throw ApiException.notFound("no such item: " + itemId);
    }
  }
}
