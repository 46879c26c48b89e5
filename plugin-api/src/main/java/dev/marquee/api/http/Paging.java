package dev.marquee.api.http;

/**
 * The {@code offset} and {@code limit} query parameters every list of the API takes: offset from 0,
 * limit from 1 to {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}).
 *
 * @param offset how many items to skip
 * @param limit how many items to return at most
 */
public record Paging(int offset, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** @throws IllegalArgumentException when out of range */
  public Paging {
    if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("offset must be ≥ 0 and limit from 1 to " + MAX_LIMIT);
    }
  }

  /**
   * Reads {@code offset} and {@code limit} from the request's query.
   *
   * @throws ApiException 422 VALIDATION_FAILED naming the parameter when one is not a whole number
   *     in its range
   */
  public static Paging of(RequestContext request) {
    return new Paging(
        number(request, "offset", 0, 0, Integer.MAX_VALUE),
        number(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  /** A page of {@code items} cut with this paging from {@code total} items in all. */
  public <T> Page<T> page(java.util.List<T> items, long total) {
    return new Page<>(items, total, offset, limit);
  }

  private static int number(RequestContext request, String name, int defaultValue, int min, int max) {
    String text = request.queryParam(name).orElse(null);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw ApiException.unprocessable("VALIDATION_FAILED", name + " must be a whole number from " + min + " to " + max);
  }
}
