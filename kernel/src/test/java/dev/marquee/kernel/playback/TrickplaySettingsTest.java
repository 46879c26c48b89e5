package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.kernel.config.Config;
import dev.marquee.kernel.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrickplaySettingsTest {

  private static TrickplaySettings settings(Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put(ConfigLoader.DATA_DIR, "/srv/marquee");
    return TrickplaySettings.from(new Config(all));
  }

  @Test
  void from_nothingSet_isEvery10sAt320PixelsOneFileAtATime() {
    TrickplaySettings settings = settings(Map.of());
    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.width()).isEqualTo(320);
    assertThat(settings.threads()).isEqualTo(1);
    assertThat(settings.pendingInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.dir()).isEqualTo(Path.of("/srv/marquee/cache/trickplay"));
  }

  @Test
  void from_outOfRange_isRefusedNamingTheSetting() {
    for (Map<String, String> bad : new Map[] {Map.of("playback.trickplay-interval", "500ms"),
        Map.of("playback.trickplay-interval", "1h"), Map.of("playback.trickplay-width", "321"),
        Map.of("playback.trickplay-width", "32"), Map.of("playback.trickplay-threads", "0"),
        Map.of("playback.trickplay-pending-interval", "0s")}) {
      String key = bad.keySet().iterator().next();
      assertThatThrownBy(() -> settings(bad)).as(bad.toString()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(key);
    }
  }
}
