package dev.marquee.kernel.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.config.Config;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Singleton;

/**
 * The PF4J plugin manager, the plugin installer and the bridge from plugins' extensions into the
 * kernel. Settings: {@code plugins.dir} (default {@code <data dir>/plugins}), {@code
 * plugins.bundled-dir} (optional, read-only), the installer's ({@link InstallSettings}); a plugin's
 * own settings are the keys under {@code plugins.<id>.}.
 */
@Module
public interface PluginsModule {

  @Provides
  static PluginDirs pluginDirs(Config config) {
    return PluginDirs.from(config);
  }

  @Provides
  @Singleton
  static MarqueePluginManager pluginManager(PluginDirs dirs, PluginContexts contexts) {
    return new MarqueePluginManager(dirs, contexts);
  }

  @Binds
  PluginExtensions pluginExtensions(PluginHost host);

  /** The one HTTP client of plugins and kernel features that fetch remote things: it owns a connection pool. */
  @Provides
  @Singleton
  static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Binds
  @IntoSet
  RouteContributor pluginAdminRoutes(PluginAdminRoutes routes);

  @Binds
  @IntoSet
  RouteContributor pluginInstallRoutes(PluginInstallRoutes routes);

  @Binds
  @IntoSet
  RouteContributor pluginTrustRoutes(PluginTrustRoutes routes);

  @Provides
  static InstallSettings installSettings(Config config) {
    return InstallSettings.from(config);
  }

  @Binds
  @IntoSet
  RouteContributor pluginSettingsRoutes(PluginSettingsRoutes routes);

  /**
   * Jackson caches serializers, deserializers and types by class, so the kernel's mapper would keep
   * every plugin class it ever wrote or read: after a plugin's unload it starts afresh.
   */
  @Provides
  @IntoSet
  static Lifecycle forgetUnloadedPluginTypes(EventBus events, ObjectMapper mapper) {
    AtomicReference<EventBus.Subscription> subscription = new AtomicReference<>();
    return Lifecycle.of(Lifecycle.SERVICES,
        () -> subscription.set(events.subscribe(PluginHost.STATE_TOPIC, event -> {
          if (event.data() instanceof Map<?, ?> data && "UNLOADED".equals(data.get("state"))) {
            mapper.clearCaches();
          }
        })),
        () -> {
          EventBus.Subscription open = subscription.getAndSet(null);
          if (open != null) {
            open.close();
          }
        });
  }

  @Provides
  @IntoSet
  static Lifecycle startPlugins(PluginHost host, PluginInstaller installer) {
    return Lifecycle.of(Lifecycle.PLUGINS,
        () -> installer.startAll(),
        () -> host.stopAndUnloadAll());
  }
}
