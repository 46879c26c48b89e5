package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenSubtitles hash the kernel sends with subtitle searches. */
class SubtitleDownloadsTest {
  @TempDir
  Path dir;

  @Test
  void openSubtitlesHash_isTheSizePlusTheWordsOfTheFirstAndLast64KiB() throws Exception {
    // given: 192 KiB of little-endian words 1, so each 64 KiB end sums to 8192
    ByteBuffer words = ByteBuffer.allocate(3 * 65_536).order(ByteOrder.LITTLE_ENDIAN);
    while (words.hasRemaining()) {
      words.putLong(1);
    }
    Path file = Files.write(dir.resolve("big.bin"), words.array());

    // when / then: 196608 + 8192 + 8192 = 0x34000
    assertThat(SubtitleDownloads.openSubtitlesHash(file)).isEqualTo("0000000000034000");
  }

  @Test
  void openSubtitlesHash_ofASmallFile_readsItFromBothEnds() throws Exception {
    ByteBuffer words = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1).putLong(-1);
    Path file = Files.write(dir.resolve("small.bin"), words.array());

    // 16 + (1 - 1) + (1 - 1)
    assertThat(SubtitleDownloads.openSubtitlesHash(file)).isEqualTo("0000000000000010");
  }
}
