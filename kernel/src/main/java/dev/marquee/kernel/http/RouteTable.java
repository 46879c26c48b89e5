package dev.marquee.kernel.http;

import dev.marquee.api.http.Route;
import io.undertow.util.PathTemplateMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route the server answers, with its owner ({@code kernel} or a plugin id). Routes are added
 * and removed a whole owner at a time. Two owners of one method and path template are refused:
 * {@link #register} throws and changes nothing. Reads are lock-free over an immutable snapshot.
 */
@Singleton
public final class RouteTable {
  private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

  /** A route and who contributed it. */
  public record Entry(String owner, Route route) {}

  /** The outcome of looking up a request. */
  public sealed interface Lookup permits Found, MethodNotAllowed, NotFound {}

  public record Found(Entry entry, Map<String, String> pathParams) implements Lookup {}

  public record MethodNotAllowed(Set<String> allowed) implements Lookup {}

  public record NotFound() implements Lookup {}

  private record Snapshot(List<Entry> entries, Map<String, PathTemplateMatcher<Entry>> byMethod) {}

  private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());

  @Inject
  public RouteTable() {}

  /**
   * Adds all of {@code owner}'s routes, or none of them.
   *
   * @throws RouteConflictException when a route is already owned (by anyone, this owner included)
   */
  public synchronized void register(String owner, List<Route> routes) {
    Map<String, Entry> taken = new HashMap<>();
    for (Entry e : snapshot.entries) {
      taken.put(key(e.route), e);
    }
    List<String> conflicts = new ArrayList<>();
    List<Entry> added = new ArrayList<>();
    for (Route route : routes) {
      String key = key(route);
      Entry existing = taken.get(key);
      if (existing != null) {
        conflicts.add(route.method() + " " + route.path() + " (already owned by " + existing.owner + ")");
        continue;
      }
      Entry entry = new Entry(owner, route);
      taken.put(key, entry);
      added.add(entry);
    }
    if (!conflicts.isEmpty()) {
      log.error("route conflict: {} cannot register {}", owner, conflicts);
      throw new RouteConflictException(owner, conflicts);
    }
    List<Entry> all = new ArrayList<>(snapshot.entries);
    all.addAll(added);
    snapshot = build(all);
  }

  /** Removes every route of {@code owner}; a no-op for an owner with none. */
  public synchronized void unregister(String owner) {
    List<Entry> kept = snapshot.entries.stream().filter(e -> !e.owner.equals(owner)).toList();
    if (kept.size() != snapshot.entries.size()) {
      snapshot = build(kept);
    }
  }

  /** Finds the route for a request; HEAD is answered by the GET route. */
  public Lookup lookup(String method, String path) {
    Snapshot s = snapshot;
    String effective = method.equals("HEAD") ? "GET" : method;
    PathTemplateMatcher<Entry> matcher = s.byMethod.get(effective);
    if (matcher != null) {
      PathTemplateMatcher.PathMatchResult<Entry> match = matcher.match(path);
      if (match != null) {
        return new Found(match.getValue(), match.getParameters());
      }
    }
    Set<String> allowed = new TreeSet<>();
    s.byMethod.forEach((m, other) -> {
      if (other.match(path) != null) {
        allowed.add(m);
      }
    });
    return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(allowed);
  }

  /** Every route, in registration order. */
  public List<Entry> entries() {
    return snapshot.entries;
  }

  private static Snapshot build(List<Entry> entries) {
    Map<String, PathTemplateMatcher<Entry>> byMethod = new LinkedHashMap<>();
    for (Entry e : entries) {
      byMethod.computeIfAbsent(e.route.method(), m -> new PathTemplateMatcher<>()).add(e.route.path(), e);
    }
    return new Snapshot(Collections.unmodifiableList(new ArrayList<>(entries)), Map.copyOf(byMethod));
  }

  /** Method plus template with parameter names erased: {@code /a/{x}} and {@code /a/{y}} are one route. */
  private static String key(Route route) {
    return route.method() + " " + route.path().replaceAll("\\{[^}]*}", "{}");
  }

}
