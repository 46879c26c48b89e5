package dev.marquee.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFilesTest {
  @TempDir
  Path dir;

  @Test
  void install_classesFolderWithManifest_packedIntoAJarWithTheBuildersEntriesOnTop() throws Exception {
    // given
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.createDirectories(classes.resolve("META-INF"));
    Files.writeString(classes.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\nPlugin-Id: hello\nPlugin-Version: 1.0.0\n");
    Files.createDirectories(classes.resolve("db/migration/hello"));
    Files.writeString(classes.resolve("db/migration/hello/V1__t.sql"), "SELECT 1;");
    Path plugins = Files.createDirectories(dir.resolve("plugins"));

    // when
    String id = PluginFiles.install(classes, Map.of("Plugin-Version", "2.0.0"), plugins);

    // then
    assertThat(id).isEqualTo("hello");
    try (JarFile jar = new JarFile(plugins.resolve("hello.jar").toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Version")).isEqualTo("2.0.0");
      assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("hello");
      assertThat(Collections.list(jar.entries())).extracting(e -> e.getName())
          .contains("db/migration/hello/V1__t.sql").containsOnlyOnce("META-INF/MANIFEST.MF");
    }
  }

  @Test
  void install_classesFolderWithoutDescriptor_refusedSayingHowToGiveOne() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));

    assertThatThrownBy(() -> PluginFiles.install(classes, Map.of(), dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no plugin descriptor").hasMessageContaining("descriptor(\"Plugin-Id\"");
  }

  @Test
  void install_missingZip_refusedSayingToBuildIt() {
    assertThatThrownBy(() -> PluginFiles.install(dir.resolve("absent.zip"), Map.of(), dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no plugin at").hasMessageContaining("mvn package");
  }
}
