package dev.marquee.kernel.media;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.config.Config;
import javax.inject.Singleton;

/**
 * The ffmpeg/ffprobe runner, the media toolkit plugins get, and background probing of library
 * files with its kernel task {@value ProbePendingTask#ID}. Settings in {@link MediaSettings}.
 */
@Module
public interface MediaModule {

  @Provides
  @Singleton
  static MediaSettings mediaSettings(Config config) {
    return MediaSettings.from(config);
  }

  @Binds
  MediaToolkit mediaToolkit(KernelMediaToolkit toolkit);

  @Binds
  @IntoSet
  ScheduledTask probePending(ProbePendingTask task);

  @Provides
  @IntoSet
  static Lifecycle probeQueue(ProbeQueue queue) {
    return Lifecycle.of(Lifecycle.SERVICES, queue::start, queue::stop);
  }
}
