package dev.marquee.kernel.plugins.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchivesTest {
  @TempDir
  Path tempDir;

  private Path zip(String name, Map<String, byte[]> entries) throws IOException {
    Path file = tempDir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void check_pf4jZip_isAZip() throws Exception {
    Path file = zip("ok.zip", Map.of("classes/com/acme/A.class", text("x"), "lib/a.jar", text("y")));
    assertThat(PluginArchives.check(file, 100, 1 << 20)).isEqualTo(PluginArchives.Kind.ZIP);
  }

  @Test
  void check_entriesOutsideTheFolder_areRefused() throws Exception {
    for (String name : new String[] {"../evil.sh", "classes/../../evil.sh", "/etc/cron.d/evil", "C:/evil.bat",
        "classes\\..\\evil"}) {
      Path file = zip("slip.zip", Map.of(name, text("boom")));
      assertThatThrownBy(() -> PluginArchives.check(file, 100, 1 << 20)).as(name)
          .isInstanceOf(PluginArchives.UnsafeArchiveException.class).hasMessageContaining(name);
    }
  }

  @Test
  void check_tooManyEntriesOrTooLargeWhenInflated_areRefused() throws Exception {
    Path many = zip("many.zip", Map.of("a", text("1"), "b", text("2"), "c", text("3")));
    assertThatThrownBy(() -> PluginArchives.check(many, 2, 1 << 20))
        .isInstanceOf(PluginArchives.UnsafeArchiveException.class).hasMessageContaining("more than 2 entries");

    // a zip bomb in small: 4 MiB of zeros deflate to a few KiB
    Path bomb = zip("bomb.zip", Map.of("zeros", new byte[4 << 20]));
    assertThat(Files.size(bomb)).isLessThan(64 * 1024);
    assertThatThrownBy(() -> PluginArchives.check(bomb, 100, 1 << 20))
        .isInstanceOf(PluginArchives.UnsafeArchiveException.class).hasMessageContaining("expands to more than");
  }

  @Test
  void check_notAZip_isRefused() throws Exception {
    Path file = Files.writeString(tempDir.resolve("plain.zip"), "not a zip at all");
    assertThatThrownBy(() -> PluginArchives.check(file, 100, 1 << 20))
        .isInstanceOf(PluginArchives.UnsafeArchiveException.class);
  }
}
