package dev.marquee.kernel.plugins;

import dev.marquee.api.CacheFactory;
import dev.marquee.api.PluginConfig;
import dev.marquee.api.PluginContext;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.media.MediaToolkit;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;

/**
 * The kernel's {@link PluginContext}: plain values handed out as they are. Kernel-private: plugins
 * see only the interface. One per loaded plugin, kept across that plugin's stops and starts.
 */
record KernelPluginContext(
    String pluginId,
    PluginConfig config,
    Jdbi jdbi,
    EventBus events,
    HttpClient httpClient,
    CacheFactory caches,
    Clock clock,
    Logger logger,
    Path dataDir,
    MediaToolkit media) implements PluginContext {}
