package dev.marquee.api;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's settings: the kernel configuration's keys under {@code plugins.<pluginId>.}, with that
 * prefix removed. Values come from the configuration file, {@code MARQUEE_*} environment variables
 * and command-line flags, in that order of precedence (last wins). Immutable and thread-safe.
 */
public interface PluginConfig {

  /** The value of {@code key}, or empty when it is not set. */
  Optional<String> get(String key);

  /** The value of {@code key}, or {@code defaultValue} when it is not set. */
  String get(String key, String defaultValue);

  /**
   * The value of {@code key} as an int.
   *
   * @throws IllegalArgumentException when the value is set but not an integer
   */
  int getInt(String key, int defaultValue);

  /** The value of {@code key} as a boolean ({@code true}/{@code false}, any case). */
  boolean getBoolean(String key, boolean defaultValue);

  /**
   * The value of {@code key} as a duration: ISO-8601 ({@code PT30S}) or a number with a unit
   * ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}).
   *
   * @throws IllegalArgumentException when the value is set but not a duration
   */
  Duration getDuration(String key, Duration defaultValue);

  /** Every key that is set. */
  Set<String> keys();
}
