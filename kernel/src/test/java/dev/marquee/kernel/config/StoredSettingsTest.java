package dev.marquee.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.db.Database;
import dev.marquee.kernel.testing.MutableClock;
import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StoredSettingsTest {
  @TempDir
  Path tempDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void put_replacesTheValue_andLeavesOtherNamesAlone(TestDatabase.Engine engine) {
    try (TestDatabase db = TestDatabase.create(engine, tempDir);
        Database database = Database.open(new Config(db.settings()))) {
      database.migrateKernel();
      StoredSettings settings = new StoredSettings(database.jdbi(), MutableClock.now());
      // given
      assertThat(settings.get("playback.transcoder-order")).isEmpty();
      settings.put("other.setting", "kept");

      // when
      settings.put("playback.transcoder-order", "vaapi,software");
      settings.put("playback.transcoder-order", "software");

      // then
      assertThat(settings.get("playback.transcoder-order")).contains("software");
      assertThat(settings.get("other.setting")).contains("kept");
    }
  }
}
