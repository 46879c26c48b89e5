package dev.marquee.kernel.plugins;

import dev.marquee.api.PluginConfig;
import dev.marquee.kernel.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's {@link PluginConfig}: its {@code plugins.<id>.*} configuration keys with the settings
 * an admin stored on top. The stored layer is read when the plugin's context is made and again
 * before each start, so a plugin sees one set of values for as long as it runs.
 */
final class StoredSettingsConfig implements PluginConfig {
  private final Config base;
  private volatile Config effective;

  StoredSettingsConfig(Config base, Map<String, String> stored) {
    this.base = base;
    this.effective = base.with(stored);
  }

  /** Replaces the stored layer; called while the plugin is not started. */
  void reload(Map<String, String> stored) {
    effective = base.with(stored);
  }

  @Override
  public Optional<String> get(String key) {
    return effective.get(key);
  }

  @Override
  public String get(String key, String defaultValue) {
    return effective.get(key, defaultValue);
  }

  @Override
  public int getInt(String key, int defaultValue) {
    return effective.getInt(key, defaultValue);
  }

  @Override
  public boolean getBoolean(String key, boolean defaultValue) {
    return effective.getBoolean(key, defaultValue);
  }

  @Override
  public Duration getDuration(String key, Duration defaultValue) {
    return effective.getDuration(key, defaultValue);
  }

  @Override
  public Set<String> keys() {
    return effective.keys();
  }

  @Override
  public String toString() {
    return effective.toString();
  }
}
