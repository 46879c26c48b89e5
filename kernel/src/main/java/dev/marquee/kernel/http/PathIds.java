package dev.marquee.kernel.http;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;

/** Ids in request paths: anything but a positive whole number names nothing, so it answers 404. */
public final class PathIds {
  private PathIds() {}

  /**
   * The path parameter {@code name} as an id.
   *
   * @param what what the id names, for the 404 message ("item", "library")
   * @throws ApiException 404 when it is not a positive whole number
   */
  public static long id(RequestContext request, String name, String what) {
    String text = request.pathParam(name);
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.notFound("no such " + what + ": " + text);
  }
}
