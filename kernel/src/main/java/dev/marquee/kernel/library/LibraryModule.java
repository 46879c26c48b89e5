package dev.marquee.kernel.library;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;

/**
 * Libraries, the scanner and its task, the file system browser. Config: {@code
 * library.scan-interval} (how often every library is rescanned, default 6h).
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
}
