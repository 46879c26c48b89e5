package dev.marquee.kernel;

import dagger.BindsInstance;
import dagger.Component;
import dev.marquee.api.event.EventBus;
import dev.marquee.kernel.auth.AuthModule;
import dev.marquee.kernel.catalog.CatalogModule;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.db.DatabaseModule;
import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.events.EventsModule;
import dev.marquee.kernel.http.HttpModule;
import dev.marquee.kernel.http.HttpServer;
import dev.marquee.kernel.http.RouteTable;
import dev.marquee.kernel.library.LibraryModule;
import dev.marquee.kernel.media.MediaModule;
import dev.marquee.kernel.metadata.MetadataModule;
import dev.marquee.kernel.playback.PlaybackModule;
import dev.marquee.kernel.playback.SubtitleModule;
import dev.marquee.kernel.plugins.PluginsModule;
import dev.marquee.kernel.system.SystemModule;
import dev.marquee.kernel.tasks.TaskRegistry;
import dev.marquee.kernel.tasks.TasksModule;
import dev.marquee.kernel.transcode.TranscodeModule;
import java.time.Clock;
import javax.inject.Singleton;

/** The kernel's one Dagger component: configuration and clock in, a {@link Kernel} out. */
@Singleton
@Component(modules = {
    DatabaseModule.class, HttpModule.class, EventsModule.class, AuthModule.class,
    TasksModule.class, PluginsModule.class, SystemModule.class, LibraryModule.class, MediaModule.class,
    CatalogModule.class, MetadataModule.class, PlaybackModule.class, SubtitleModule.class, TranscodeModule.class})
public interface KernelComponent {
  Kernel kernel();

  HttpServer httpServer();

  RouteTable routeTable();

  Database database();

  EventBus eventBus();

  TaskRegistry taskRegistry();

  /**
   * What to tell the person who just started the server when it has no administrator yet, with
   * {@code {port}} standing for the HTTP port; empty once set up.
   */
  java.util.Optional<String> firstBootHint();

  /** Builds the graph; nothing starts until {@link Kernel#start()}. */
  static KernelComponent create(Config config, Clock clock) {
    return DaggerKernelComponent.factory().create(config, clock);
  }

  @Component.Factory
  interface Factory {
    KernelComponent create(@BindsInstance Config config, @BindsInstance Clock clock);
  }
}
