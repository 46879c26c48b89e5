package dev.marquee.api;

/**
 * An optional ability of an extension: where it comes in a list of extensions of the same kind
 * (metadata providers, subtitle providers, marker detectors). Lower comes first; extensions without
 * it count as {@value #DEFAULT}, and ties keep plugin load order. An admin's explicit order wins
 * over both. Must be cheap, must not block and must not change while the plugin is started.
 */
public interface Ordered {
  /** The order of an extension that does not implement this interface. */
  int DEFAULT = 100;

  /** This extension's place; lower comes first. */
  int order();
}
