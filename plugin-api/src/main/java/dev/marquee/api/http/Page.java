package dev.marquee.api.http;

import java.util.List;
import java.util.Objects;

/**
 * One page of a list, as every list of the API answers it: {@code {items, total, offset, limit}}.
 *
 * @param items the items of this page, in the list's stable order
 * @param total how many items the whole list holds
 * @param offset how many items were skipped
 * @param limit the most items a page holds
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /** This page with each item mapped, for turning stored records into their JSON shape. */
  public <R> Page<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), total, offset, limit);
  }
}
