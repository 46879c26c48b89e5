package dev.marquee.kernel.media;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.kernel.Lifecycle;
import dev.marquee.kernel.catalog.FileStreams;
import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.tasks.QueueRefillTask;
import java.util.Optional;
import javax.inject.Singleton;

/**
 * The ffmpeg/ffprobe runner, the media toolkit plugins get, and background probing of library
 * files with its kernel task {@value ProbeQueue#PENDING_TASK}. Settings in {@link MediaSettings}.
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
  FileStreams probedStreams(ProbedStreams streams);

  /**
   * {@value ProbeQueue#PENDING_TASK}: on start and every {@code media.probe-pending-interval}
   * (default 5 minutes), queues library files never probed or changed since, as far as the queue
   * has room.
   */
  @Provides
  @IntoSet
  static ScheduledTask probePending(ProbeQueue queue, MediaSettings settings) {
    return new QueueRefillTask(ProbeQueue.PENDING_TASK, "Probe pending media files",
        "Queues library files that were never probed, or changed since, for ffprobe.", settings.pendingInterval(),
        "looking for files to probe", "file", () -> queue.refill(Optional.empty()), queue::backlog);
  }

  @Provides
  @IntoSet
  static Lifecycle probeQueue(ProbeQueue queue) {
    return Lifecycle.of(Lifecycle.SERVICES, queue::start, queue::stop);
  }

  /** No ffmpeg started for a session outlives the server. */
  @Provides
  @IntoSet
  static Lifecycle runningFfmpeg(FfmpegRunner runner) {
    return Lifecycle.of(Lifecycle.SERVICES, () -> {}, runner::stopAll);
  }
}
