package dev.marquee.api.backend;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of imported items. Immutable.
 *
 * @param items the items, each season and episode after its parent
 * @param nextCursor where the next page starts; empty on the last page
 */
public record ImportPage(List<BackendItem> items, Optional<String> nextCursor) {

  /** @throws NullPointerException when any component is null */
  public ImportPage {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
