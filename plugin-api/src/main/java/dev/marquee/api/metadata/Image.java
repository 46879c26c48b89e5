package dev.marquee.api.metadata;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An image of an item at a source; the catalog downloads the ones it keeps. Immutable.
 *
 * @param type what the image shows
 * @param url where to download it (http, https or file)
 * @param width in pixels, when the source says
 * @param height in pixels, when the source says
 * @param language the language of text in the image (BCP 47), empty for none
 * @param rating how the source's users rate it, for choosing among several; higher is better
 */
public record Image(Type type, URI url, Optional<Integer> width, Optional<Integer> height,
    Optional<String> language, Optional<Double> rating) {

  /** What an image shows. */
  public enum Type {
    /** Portrait key art; a book's cover. */
    POSTER,
    /** Wide background art without text. */
    BACKDROP,
    /** The title as a transparent logo. */
    LOGO,
    /** A wide still with the title, or an episode's still. */
    THUMBNAIL,
    /** A very wide strip. */
    BANNER
  }

  /** @throws NullPointerException when any component is null */
  public Image {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(width, "width");
    Objects.requireNonNull(height, "height");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(rating, "rating");
  }

  /** An image of which only the type and address are known. */
  public static Image of(Type type, URI url) {
    return new Image(type, url, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
