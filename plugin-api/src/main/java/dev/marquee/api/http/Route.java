package dev.marquee.api.http;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One HTTP route: method, path template, access level and handler, plus a one-line summary that
 * appears in {@code /api/v1/openapi.json}.
 *
 * <p>A path template is absolute and may hold named segments in braces, for example {@code
 * /api/v1/users/{id}}; a handler reads them with {@link RequestContext#pathParam(String)}. Two
 * templates that differ only in the names of their parameters are the same route.
 *
 * @param method an HTTP method in upper case: GET, POST, PUT, PATCH or DELETE
 * @param path the path template
 * @param access who may call it
 * @param handler what answers it
 * @param summary a short description, may be empty but not null
 */
public record Route(String method, String path, Access access, RouteHandler handler, String summary) {
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final Pattern TEMPLATE = Pattern.compile("(/([A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9_]*\\}))+|/");

  /** @throws IllegalArgumentException on an unknown method or a malformed template */
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(summary, "summary");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unsupported HTTP method: " + method);
    }
    if (!TEMPLATE.matcher(path).matches()) {
      throw new IllegalArgumentException("malformed path template: " + path);
    }
  }

  public static Route get(String path, Access access, RouteHandler handler) {
    return new Route("GET", path, access, handler, "");
  }

  public static Route post(String path, Access access, RouteHandler handler) {
    return new Route("POST", path, access, handler, "");
  }

  public static Route put(String path, Access access, RouteHandler handler) {
    return new Route("PUT", path, access, handler, "");
  }

  public static Route patch(String path, Access access, RouteHandler handler) {
    return new Route("PATCH", path, access, handler, "");
  }

  public static Route delete(String path, Access access, RouteHandler handler) {
    return new Route("DELETE", path, access, handler, "");
  }

  /** This route with the given summary. */
  public Route summary(String text) {
    return new Route(method, path, access, handler, text);
  }
}
