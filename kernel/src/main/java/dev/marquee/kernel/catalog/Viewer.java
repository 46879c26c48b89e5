package dev.marquee.kernel.catalog;

import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import dev.marquee.kernel.http.PathIds;

/**
 * Who reads the catalog: the user whose watch state is shown, and whether items whose files all went
 * missing are shown too (administrators only, with {@code includeMissing=true}).
 */
record Viewer(long userId, boolean includeMissing) {

  static Viewer of(RequestContext request) {
    Principal principal = request.requirePrincipal();
    boolean include = request.queryParam("includeMissing").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    return new Viewer(principal.userId(), include && principal.isAdmin());
  }

  /** The SQL condition on {@code i} (media_items) that hides missing items when they must be hidden. */
  String visible() {
    return includeMissing ? " 1 = 1 " : " i.missing_since IS NULL ";
  }

  /** A path parameter as an id; anything but a positive whole number is an id of nothing (404). */
  static long id(RequestContext request, String name, String what) {
    return PathIds.id(request, name, what);
  }
}
