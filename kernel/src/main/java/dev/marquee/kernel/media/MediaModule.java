package dev.marquee.kernel.media;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.marquee.api.media.MediaToolkit;
import dev.marquee.kernel.config.Config;
import javax.inject.Singleton;

/**
 * The ffmpeg/ffprobe runner, the media toolkit plugins get, and probing of library files. Settings
 * in {@link MediaSettings}.
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
}
