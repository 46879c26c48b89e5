package dev.marquee.kernel.http;

import java.util.List;

/** Thrown when an owner contributes a route that another owner (or itself) already has. */
public final class RouteConflictException extends RuntimeException {
  private final List<String> conflicts;

  public RouteConflictException(String owner, List<String> conflicts) {
    super("route conflict: " + owner + " cannot register " + String.join(", ", conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  /** One line per refused route: method, path and current owner. */
  public List<String> conflicts() {
    return conflicts;
  }
}
