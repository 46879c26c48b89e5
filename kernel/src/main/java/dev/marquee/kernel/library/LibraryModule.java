package dev.marquee.kernel.library;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.Lifecycle;
import java.util.Map;

/**
 * Libraries, the scanner and its task, the file system watcher, the file system browser. Config:
 * {@code library.scan-interval} (how often every library is rescanned, default 6h), {@code
 * library.watch-debounce} (how long watched changes must be quiet before their scan, default 2s),
 * {@code library.demo-path} (a folder that becomes the "Demo" library on first boot).
 */
@Module
public interface LibraryModule {

  @Binds
  @IntoSet
  RouteContributor libraryRoutes(LibraryRoutes routes);

  @Binds
  @IntoSet
  RouteContributor filesystemRoutes(FilesystemRoutes routes);

  @Binds
  @IntoSet
  ScheduledTask scanTask(ScanTask task);

  @Provides
  @IntoSet
  static Lifecycle watchLibraries(LibraryWatcher watcher) {
    return Lifecycle.of(Lifecycle.SERVICES, watcher::start, watcher::stop);
  }

  @Provides
  @IntoSet
  static Lifecycle bookCovers(BookCoverQueue queue) {
    return Lifecycle.of(Lifecycle.SERVICES, queue::start, queue::stop);
  }

  @Provides
  @IntoSet
  static Lifecycle demoLibrary(DemoLibrary demo) {
    return Lifecycle.of(Lifecycle.READY, demo::createIfFirstBoot, () -> {});
  }

  /** A library created, changed or deleted changes what the catalog answers (its items go with it). */
  @Provides
  @IntoSet
  static Lifecycle announceLibraryChanges(LibraryService libraries, EventBus bus) {
    return Lifecycle.of(Lifecycle.SERVICES,
        () -> libraries.onChange(id -> bus.publish(CATALOG_CHANGED, Map.of("libraryId", id))), () -> {});
  }

  /** The catalog's topic for writes without an event of their own; the catalog's response cache follows it. */
  String CATALOG_CHANGED = "catalog.changed";
}
