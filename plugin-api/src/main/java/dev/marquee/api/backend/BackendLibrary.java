package dev.marquee.api.backend;

import dev.marquee.api.MediaKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A library of a media server. Immutable.
 *
 * @param id the server's id for it (Plex section key, Jellyfin view id)
 * @param name its name
 * @param kind the kind of top-level items it holds (movies, series or books); empty for libraries
 *     Marquee does not import (music, photos, mixed)
 */
public record BackendLibrary(String id, String name, Optional<MediaKind> kind) {

  /** @throws NullPointerException when any component is null */
  public BackendLibrary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }
}
