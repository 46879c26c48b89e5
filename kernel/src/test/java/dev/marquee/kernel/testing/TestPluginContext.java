package dev.marquee.kernel.testing;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.marquee.api.CacheFactory;
import dev.marquee.api.PluginConfig;
import dev.marquee.api.PluginContext;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.media.KernelMediaToolkit;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin context for plugins' unit tests: settings from a map, a real HTTP client, plain Caffeine
 * caches, the kernel's real ffmpeg toolkit and a data folder of the test's; no database and no
 * event bus (a test that needs those boots a {@link TestKernel} with the packaged plugin).
 */
public record TestPluginContext(String pluginId, Map<String, String> settings, Path dataDir) implements PluginContext {
  private static final MediaToolkit MEDIA = KernelMediaToolkit.create(new Config(Map.of()));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public TestPluginContext(String pluginId, Path dataDir) {
    this(pluginId, Map.of(), dataDir);
  }

  @Override
  public PluginConfig config() {
    return new PluginConfig() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(settings.get(key));
      }

      @Override
      public String get(String key, String defaultValue) {
        return settings.getOrDefault(key, defaultValue);
      }

      @Override
      public int getInt(String key, int defaultValue) {
        return settings.containsKey(key) ? Integer.parseInt(settings.get(key)) : defaultValue;
      }

      @Override
      public boolean getBoolean(String key, boolean defaultValue) {
        return settings.containsKey(key) ? Boolean.parseBoolean(settings.get(key)) : defaultValue;
      }

      @Override
      public Duration getDuration(String key, Duration defaultValue) {
        return settings.containsKey(key) ? Duration.parse(settings.get(key)) : defaultValue;
      }

      @Override
      public Set<String> keys() {
        return settings.keySet();
      }
    };
  }

  @Override
  public Jdbi jdbi() {
    throw new UnsupportedOperationException(pluginId + ": a unit-test context has no database");
  }

  @Override
  public EventBus events() {
    throw new UnsupportedOperationException(pluginId + ": a unit-test context has no event bus");
  }

  @Override
  public HttpClient httpClient() {
    return HTTP;
  }

  @Override
  public CacheFactory caches() {
    return new CacheFactory() {
      @Override
      public <K, V> com.github.benmanes.caffeine.cache.Cache<K, V> create(String name, long maximumSize,
          Duration expireAfterWrite) {
        return Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).build();
      }
    };
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("plugin." + pluginId);
  }

  @Override
  public MediaToolkit media() {
    return MEDIA;
  }
}
