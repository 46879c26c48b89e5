package dev.marquee.kernel.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long ffmpeg runs: started, watched, and never left behind. */
class FfmpegRunnerStartTest {
  @TempDir
  Path dir;

  private final FfmpegRunner runner = new FfmpegRunner(MediaSettings.from(new Config(Map.of())));

  /** Real-time encoding of a minute of test picture: runs until it is stopped. */
  private static List<String> endless(Path output) {
    return List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=60", "-c:v", "mpeg2video",
        "-f", "mpegts", "-y", output.toString());
  }

  @Test
  void start_runsInTheBackground_andStopKillsIt() throws Exception {
    // given
    Path output = dir.resolve("out.ts");
    FfmpegRunner.Running running = runner.start(endless(output));
    // when: it has written something
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!(Files.exists(output) && Files.size(output) > 0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(running.isAlive()).isTrue();
    assertThat(runner.running()).isEqualTo(1);
    assertThat(output).isNotEmptyFile();
    running.stop();
    // then
    assertThat(running.isAlive()).isFalse();
    assertThat(ProcessHandle.of(running.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(running.exit().get(5, TimeUnit.SECONDS)).isNotZero();
    assertThat(runner.running()).isZero();
  }

  @Test
  void stopAll_killsEveryStartedProcess() throws Exception {
    FfmpegRunner.Running first = runner.start(endless(dir.resolve("a.ts")));
    FfmpegRunner.Running second = runner.start(endless(dir.resolve("b.ts")));
    assertThat(first.isAlive() && second.isAlive()).isTrue();
    // when
    runner.stopAll();
    // then
    assertThat(first.isAlive()).isFalse();
    assertThat(second.isAlive()).isFalse();
    assertThat(runner.running()).isZero();
  }

  @Test
  void start_shortRun_endsByItselfWithItsExitCodeAndErrors() throws Exception {
    FfmpegRunner.Running bad = runner.start(List.of("-i", dir.resolve("missing.mkv").toString(), "-f", "null", "-"));
    assertThat(bad.exit().get(20, TimeUnit.SECONDS)).isNotZero();
    assertThat(bad.stderrTail()).contains("missing.mkv");
  }
}
