package dev.marquee.kernel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaWalkerTest {
  @TempDir
  Path root;

  @BeforeEach
  void realRoot() throws Exception {
    root = root.toRealPath();
  }

  private void file(String relative, String content) throws Exception {
    Path path = root.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  private List<String> walk() throws Exception {
    return MediaWalker.walk(root, root, () -> false).stream()
        .map(f -> root.relativize(f.path()).toString()).sorted().toList();
  }

  @Test
  void walk_takesMediaFilesOnly() throws Exception {
    file("Heat (1995)/Heat (1995).mkv", "");
    file("Heat (1995)/Heat (1995).nfo", "");
    file("Heat (1995)/poster.jpg", "");
    file("Books/Dune.epub", "");
    file("Books/Dune.PDF", "");
    assertThat(walk()).containsExactly("Books/Dune.PDF", "Books/Dune.epub", "Heat (1995)/Heat (1995).mkv");
  }

  @Test
  void walk_reportsArtworkNamedImagesUnderTheSameRules() throws Exception {
    // given
    file("Heat (1995)/Heat (1995).mkv", "");
    file("Heat (1995)/poster.jpg", "");
    file("Heat (1995)/Heat (1995)-FANART.PNG", "");
    file("Heat (1995)/screenshot.jpg", "");
    file("Heat (1995)/poster.gif", "");
    file("Heat (1995)/.poster.jpg", "");
    file("Heat (1995)/sample/poster.jpg", "");
    file("Private/.marqueeignore", "folder.jpg");
    file("Private/folder.jpg", "");
    file("Private/cover.jpg", "");
    List<Path> artwork = new ArrayList<>();

    // when
    List<MediaWalker.FoundFile> media = MediaWalker.walk(root, root, () -> false, artwork::add);
    List<Path> single = new ArrayList<>();
    MediaWalker.walk(root, root.resolve("Private/folder.jpg"), () -> false, single::add);
    MediaWalker.walk(root, root.resolve("Heat (1995)/poster.jpg"), () -> false, single::add);

    // then
    assertThat(media).hasSize(1);
    assertThat(artwork.stream().map(p -> root.relativize(p).toString()).sorted())
        .containsExactly("Heat (1995)/Heat (1995)-FANART.PNG", "Heat (1995)/poster.jpg", "Private/cover.jpg");
    assertThat(single).containsExactly(root.resolve("Heat (1995)/poster.jpg"));
  }

  @Test
  void walk_skipsHiddenAndSamples() throws Exception {
    file("Heat (1995)/Heat (1995).mkv", "");
    file("Heat (1995)/.Heat (1995).mkv", "");
    file(".trash/Alien (1979).mkv", "");
    file("Heat (1995)/heat-sample.mkv", "");
    file("Heat (1995)/Sample/heat.mkv", "");
    file("Sampler (2020)/Sampler (2020).mkv", "");
    assertThat(walk()).containsExactly("Heat (1995)/Heat (1995).mkv", "Sampler (2020)/Sampler (2020).mkv");
  }

  @Test
  void walk_emptyIgnoreFile_skipsItsFolder() throws Exception {
    file("Heat (1995)/Heat (1995).mkv", "");
    file("Private/.marqueeignore", "");
    file("Private/Home (2020).mkv", "");
    file("Other/.ignore", "");
    file("Other/Deep/Thing (2020).mkv", "");
    assertThat(walk()).containsExactly("Heat (1995)/Heat (1995).mkv");
  }

  @Test
  void walk_ignorePatterns_skipWhatTheyMatch() throws Exception {
    file(".marqueeignore", "# comments are skipped\n*.avi\nbonus/\nSeason 1/bad.mkv\n");
    file("Show/Season 1/good.mkv", "");
    file("Show/Season 1/old.avi", "");
    file("Show/bonus/clip.mkv", "");
    file("Season 1/bad.mkv", "");
    file("Season 1/fine.mkv", "");
    assertThat(walk()).containsExactly("Season 1/fine.mkv", "Show/Season 1/good.mkv");
  }

  @Test
  void ignored_checksTheFoldersAbovePath() throws Exception {
    file("Private/.marqueeignore", "");
    file("Private/Home (2020).mkv", "");
    file("Public/Home (2020).mkv", "");
    file("Public/notes.txt", "");
    assertThat(MediaWalker.ignored(root, root.resolve("Private/Home (2020).mkv"))).isTrue();
    assertThat(MediaWalker.ignored(root, root.resolve("Public/Home (2020).mkv"))).isFalse();
    assertThat(MediaWalker.ignored(root, root.resolve("Public/notes.txt"))).isTrue();
    assertThat(MediaWalker.walk(root, root.resolve("Private/Home (2020).mkv"), () -> false)).isEmpty();
    assertThat(MediaWalker.walk(root, root.resolve("Public"), () -> false)).hasSize(1);
  }
}
