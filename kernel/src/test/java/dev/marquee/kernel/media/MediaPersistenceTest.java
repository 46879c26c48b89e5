package dev.marquee.kernel.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Probing a library file stores its columns, streams and chapters, on each engine. */
class MediaPersistenceTest {
  @TempDir
  static Path mediaDir;

  @TempDir
  Path tempDir;

  static Path movie;

  @BeforeAll
  static void generateMedia() throws IOException {
    movie = TestMedia.mkvWithTracks(TestMedia.systemToolkit(), mediaDir);
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void probe_generatedMkv_storesFileColumnsStreamsChaptersAndRuntime(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of())) {
      // given
      long library = media.insertLibrary("movie", "{}");
      long item = media.insertItem(library, "movie");
      long file = media.insertFile(item, library, movie);
      // when
      boolean probed = media.prober.probe(media.file(file));
      // then
      assertThat(probed).isTrue();
      Map<String, Object> row = media.fileRow(file);
      assertThat(row.get("container")).isEqualTo("matroska,webm");
      assertThat(((Number) row.get("duration_ms")).longValue()).isBetween(1900L, 2200L);
      assertThat(((Number) row.get("bitrate")).longValue()).isPositive();
      assertThat(row.get("probed_at")).isNotNull();
      assertThat(row.get("probe_error")).isNull();
      assertThat(media.runtime(item)).hasValue(((Number) row.get("duration_ms")).longValue());

      List<Map<String, Object>> streams = media.streams(file);
      assertThat(streams).extracting(s -> s.get("type")).containsExactly("video", "audio", "audio", "subtitle");
      Map<String, Object> video = streams.get(0);
      assertThat(video).containsEntry("codec", "h264").containsEntry("hdr", "none");
      assertThat(((Number) video.get("width")).intValue()).isEqualTo(320);
      assertThat(((Number) video.get("height")).intValue()).isEqualTo(240);
      assertThat(((Number) video.get("frame_rate")).doubleValue()).isEqualTo(25.0);
      assertThat(((Number) video.get("level")).intValue()).isPositive();
      Map<String, Object> commentary = streams.get(2);
      assertThat(commentary).containsEntry("language", "fre").containsEntry("title", "Commentary")
          .containsEntry("channel_layout", "stereo");
      assertThat(((Number) commentary.get("channels")).intValue()).isEqualTo(2);
      assertThat(bool(streams.get(1).get("is_default"))).isTrue();
      assertThat(bool(commentary.get("is_default"))).isFalse();
      Map<String, Object> subtitle = streams.get(3);
      assertThat(subtitle).containsEntry("codec", "subrip").containsEntry("language", "eng");
      assertThat(bool(subtitle.get("is_forced"))).isTrue();

      assertThat(media.chapters(file)).extracting(c -> c.get("title"), c -> ((Number) c.get("start_ms")).longValue(),
              c -> ((Number) c.get("end_ms")).longValue())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Intro", 0L, 1000L),
              org.assertj.core.groups.Tuple.tuple("Main", 1000L, 2000L));
      // the bus delivers on its own thread
      assertThat(media.awaitProbed(1)).hasSize(1);
      assertThat(media.probed().get(0).data()).isEqualTo(Map.of("fileId", file, "itemId", item));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void probe_nonMediaFileAfterAGoodProbe_storesTheErrorAndDropsStreamsWithoutThrowing(TestDatabase.Engine engine)
      throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of())) {
      // given a file that probed fine, then was replaced by text
      Path path = Files.copy(movie, tempDir.resolve("replaced.mkv"));
      long library = media.insertLibrary("movie", "{}");
      long item = media.insertItem(library, "movie");
      long file = media.insertFile(item, library, path);
      media.prober.probe(media.file(file));
      Files.writeString(path, "not a video any more\n".repeat(100));
      // when
      boolean probed = media.prober.probe(media.file(file));
      // then
      assertThat(probed).isFalse();
      Map<String, Object> row = media.fileRow(file);
      assertThat((String) row.get("probe_error")).contains("replaced.mkv", "Invalid data");
      assertThat(row.get("probed_at")).isNotNull();
      assertThat(media.streams(file)).isEmpty();
      assertThat(media.chapters(file)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void probe_ffprobeHangs_isKilledAtTheTimeoutAndTheErrorStored(TestDatabase.Engine engine) throws Exception {
    // given an ffprobe that never answers
    Path hanging = Files.writeString(tempDir.resolve("hanging-ffprobe"), "#!/bin/sh\nsleep 60\n");
    assertThat(hanging.toFile().setExecutable(true)).isTrue();
    try (MediaFixture media = new MediaFixture(engine, tempDir,
        Map.of("media.ffprobe", hanging.toString(), "media.probe-timeout", "1s"))) {
      long library = media.insertLibrary("movie", "{}");
      long item = media.insertItem(library, "movie");
      long file = media.insertFile(item, library, movie);
      long started = System.nanoTime();
      // when
      boolean probed = media.prober.probe(media.file(file));
      // then
      assertThat(probed).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
      assertThat((String) media.fileRow(file).get("probe_error")).contains("time limit");
      assertThat(media.runtime(item)).isEmpty();
      assertThat(ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 60")))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void deleteFile_probedFile_cascadesToStreamsAndChapters(TestDatabase.Engine engine) throws Exception {
    try (MediaFixture media = new MediaFixture(engine, tempDir, Map.of())) {
      // given
      long library = media.insertLibrary("movie", "{}");
      long item = media.insertItem(library, "movie");
      long file = media.insertFile(item, library, movie);
      media.prober.probe(media.file(file));
      // when
      media.jdbi.useHandle(h -> h.execute("DELETE FROM media_files WHERE id = ?", file));
      // then
      assertThat(media.streams(file)).isEmpty();
      assertThat(media.chapters(file)).isEmpty();
    }
  }

  private static boolean bool(Object value) {
    return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
  }
}
