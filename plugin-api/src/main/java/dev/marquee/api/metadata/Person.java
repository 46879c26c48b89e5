package dev.marquee.api.metadata;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone credited on an item. Immutable.
 *
 * @param name the name as credited
 * @param role what they did
 * @param character for an actor: the part played
 * @param externalIds their ids at sources, keyed by provider id; may be empty
 * @param imageUrl a portrait of them (http, https or file), when the source has one
 */
public record Person(String name, Role role, Optional<String> character, Map<String, String> externalIds,
    Optional<URI> imageUrl) {

  /** What a person did on an item. */
  public enum Role {
    /** Appears on screen or lends a voice. */
    ACTOR,
    /** Directed it. */
    DIRECTOR,
    /** Wrote the screenplay or teleplay. */
    WRITER,
    /** Produced it. */
    PRODUCER,
    /** Created the series. */
    CREATOR,
    /** Wrote the book. */
    AUTHOR,
    /** Reads an audiobook. */
    NARRATOR,
    /** Drew a comic or illustrated a book. */
    ILLUSTRATOR
  }

  /** @throws NullPointerException when any component is null */
  public Person {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(character, "character");
    externalIds = Map.copyOf(externalIds);
    Objects.requireNonNull(imageUrl, "imageUrl");
  }

  /** A person of whom only the name and role are known. */
  public static Person of(String name, Role role) {
    return new Person(name, role, Optional.empty(), Map.of(), Optional.empty());
  }
}
