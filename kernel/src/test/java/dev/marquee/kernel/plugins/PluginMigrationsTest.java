package dev.marquee.kernel.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PluginMigrationsTest {
  @TempDir
  Path dataDir;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void start_pluginWithMigrations_appliedWithItsOwnHistoryTable(TestDatabase.Engine engine) {
    try (TestDatabase db = TestDatabase.create(engine, dataDir);
        PluginFixture fixture = new PluginFixture(dataDir, db.settings())) {
      // given
      PluginHostTest.notes()
          .resource("db/migration/notes/V2__more.sql", "ALTER TABLE notes_items ADD COLUMN created_at BIGINT;")
          .writeZip(fixture.pluginsDir().resolve("notes.zip"));

      // when
      fixture.host.loadAndStartAll();

      // then
      assertThat(fixture.plugin("notes").state()).isEqualTo("STARTED");
      assertThat(query(fixture, "SELECT text FROM notes_items")).containsExactly("first");
      assertThat(query(fixture, "SELECT version FROM flyway_notes_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank"))
          .contains("1", "2");
      assertThat(query(fixture, "SELECT COUNT(*) FROM flyway_schema_history WHERE script LIKE '%notes%'")).containsExactly("0");

      // when: started again after a stop, nothing is applied twice
      fixture.host.stop("notes");
      fixture.host.start("notes");

      // then
      assertThat(query(fixture, "SELECT COUNT(*) FROM notes_items")).containsExactly("1");
      assertThat(fixture.plugin("notes").state()).isEqualTo("STARTED");
    }
  }

  private static List<String> query(PluginFixture fixture, String sql) {
    return fixture.database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }

  @org.junit.jupiter.api.Test
  void historyTable_idWithHyphen_isAPlainName() {
    assertThat(PluginHost.historyTable("my-plugin")).isEqualTo("flyway_my_plugin_history");
    assertThat(List.of(PluginHost.historyTable("example"))).containsExactly("flyway_example_history");
  }
}
