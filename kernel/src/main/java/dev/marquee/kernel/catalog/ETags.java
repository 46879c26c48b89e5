package dev.marquee.kernel.catalog;

/** Conditional requests on the catalog's answers. */
final class ETags {
  private ETags() {}

  /** Whether an {@code If-None-Match} header (null when absent) names {@code etag}, weakly or not, or is {@code *}. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
