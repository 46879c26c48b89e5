package dev.marquee.kernel.config;

import dev.marquee.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's configuration: flat dotted keys ({@code http.port}, {@code db.url}) merged from
 * defaults, {@code marquee.yml}, {@code MARQUEE_*} environment variables and command-line flags.
 * Immutable. See {@link ConfigLoader} for how the layers are read.
 */
public final class Config implements PluginConfig {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;

  public Config(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The keys under {@code prefix} (which should end with a dot), with the prefix removed. */
  public Config scoped(String prefix) {
    Map<String, String> scoped = new TreeMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        scoped.put(key.substring(prefix.length()), value);
      }
    });
    return new Config(scoped);
  }

  /** This configuration with {@code overrides} on top. */
  public Config with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(overrides);
    return new Config(merged);
  }

  /** The data directory every relative path in the configuration is resolved against. */
  public Path dataDir() {
    return Path.of(get(ConfigLoader.DATA_DIR, ".")).toAbsolutePath().normalize();
  }

  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  @Override
  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  @Override
  public int getInt(String key, int defaultValue) {
    return get(key).map(v -> {
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("config " + key + " is not an integer: " + v);
      }
    }).orElse(defaultValue);
  }

  public long getLong(String key, long defaultValue) {
    return get(key).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("config " + key + " is not an integer: " + v);
      }
    }).orElse(defaultValue);
  }

  @Override
  public boolean getBoolean(String key, boolean defaultValue) {
    return get(key).map(v -> {
      String s = v.trim().toLowerCase(Locale.ROOT);
      if (!s.equals("true") && !s.equals("false")) {
        throw new IllegalArgumentException("config " + key + " is not true/false: " + v);
      }
      return s.equals("true");
    }).orElse(defaultValue);
  }

  @Override
  public Duration getDuration(String key, Duration defaultValue) {
    return get(key).map(v -> parseDuration(key, v.trim())).orElse(defaultValue);
  }

  @Override
  public Set<String> keys() {
    return values.keySet();
  }

  static Duration parseDuration(String key, String text) {
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("config " + key + " is not a duration: " + text);
    }
  }

  @Override
  public String toString() {
    return "Config" + values.keySet();
  }
}
