package dev.marquee.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void load_layers_fileThenEnvironmentThenCommandLine() throws Exception {
    // given
    Path file = dir.resolve("marquee.yml");
    Files.writeString(file, """
        http:
          port: 9000
          host: 127.0.0.1
        db:
          url: jdbc:sqlite:/tmp/from-file.db
        plugins:
          example:
            greeting: hello
        """);
    Map<String, String> env = Map.of("MARQUEE_HTTP_PORT", "9100", "MARQUEE_PLUGINS_EXAMPLE_MAX__ITEMS", "7");
    // when
    Config config = ConfigLoader.load(env, file, Map.of("http.port", "9200", "data.dir", dir.toString()));
    // then
    assertThat(config.getInt("http.port", 0)).isEqualTo(9200);
    assertThat(config.get("http.host", "")).isEqualTo("127.0.0.1");
    assertThat(config.get("db.url", "")).isEqualTo("jdbc:sqlite:/tmp/from-file.db");
    assertThat(config.scoped("plugins.example.").get("greeting")).contains("hello");
    assertThat(config.scoped("plugins.example.").getInt("max_items", 0)).isEqualTo(7);
    assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath());
  }

  @Test
  void load_withoutFile_readsMarqueeYmlInDataDir() throws Exception {
    Files.writeString(dir.resolve("marquee.yml"), "http:\n  port: 7000\n");
    Config config = ConfigLoader.load(Map.of("MARQUEE_DATA_DIR", dir.toString()), null, Map.of());
    assertThat(config.getInt("http.port", 0)).isEqualTo(7000);
  }

  @Test
  void load_defaults_whenNothingIsSet() {
    Config config = ConfigLoader.load(Map.of("XDG_DATA_HOME", dir.toString()), null, Map.of());
    assertThat(config.getInt("http.port", 0)).isEqualTo(8096);
    assertThat(config.dataDir()).isEqualTo(dir.resolve("marquee").toAbsolutePath());
  }

  @Test
  void load_missingOrInvalidFile_failsWithTheFileName() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), dir.resolve("nope.yml"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.yml");
    Path bad = dir.resolve("bad.yml");
    Files.writeString(bad, "http: [unclosed");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), bad, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.yml");
  }

  @Test
  void typedGetters_parseAndRejectBadValues() {
    Config config = new Config(Map.of("a", "30s", "b", "PT2M", "c", "5m", "n", "x1", "t", "TRUE", "f", "maybe"));
    assertThat(config.getDuration("a", null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.getDuration("b", null)).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.getDuration("c", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.getDuration("missing", Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(config.getBoolean("t", false)).isTrue();
    assertThatThrownBy(() -> config.getInt("n", 0)).hasMessageContaining("n is not an integer");
    assertThatThrownBy(() -> config.getBoolean("f", false)).hasMessageContaining("f is not true/false");
    assertThatThrownBy(() -> config.getDuration("n", null)).hasMessageContaining("not a duration");
  }
}
