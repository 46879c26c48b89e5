package dev.marquee.kernel.catalog;

import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Query parameters of the catalog routes; a value that does not parse answers 422 VALIDATION_FAILED. */
final class Params {
  private Params() {}

  static Optional<String> text(RequestContext request, String name) {
    return request.queryParam(name).map(String::strip).filter(v -> !v.isEmpty());
  }

  static Integer integer(RequestContext request, String name, int min, int max) {
    Optional<String> text = text(request, name);
    if (text.isEmpty()) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid(name + " must be a whole number from " + min + " to " + max);
  }

  static Long id(RequestContext request, String name) {
    Optional<String> text = text(request, name);
    if (text.isEmpty()) {
      return null;
    }
    try {
      long value = Long.parseLong(text.get());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid(name + " must be a positive whole number");
  }

  static Boolean bool(RequestContext request, String name) {
    Optional<String> text = text(request, name).map(v -> v.toLowerCase(Locale.ROOT));
    if (text.isEmpty()) {
      return null;
    }
    return switch (text.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(name + " must be true or false");
    };
  }

  /** One of {@code allowed} (lower case), or null when absent. */
  static String oneOf(RequestContext request, String name, List<String> allowed) {
    Optional<String> text = text(request, name).map(v -> v.toLowerCase(Locale.ROOT));
    if (text.isEmpty()) {
      return null;
    }
    if (!allowed.contains(text.get())) {
      throw invalid(name + " must be one of " + String.join(", ", allowed));
    }
    return text.get();
  }

  static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }
}
