package dev.marquee.kernel.catalog;

import static dev.marquee.kernel.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCachePruneTaskTest {
  @TempDir
  Path dataDir;

  @TempDir
  Path media;

  @Test
  void run_deletesTheImageFoldersOfGoneItems_andKeepsThoseOfPresentOnes() throws Exception {
    Files.writeString(Files.createDirectories(media.resolve("Heat (1995)")).resolve("Heat (1995).mkv"), "not a film");
    try (TestKernel kernel = TestKernel.start(dataDir, Map.of())) {
      // given: cached images of an item in the catalog and of one that was purged
      TestHttp admin = kernel.admin();
      long heat = TestLibrary.scanned(admin, "movie", media, ",\"probe\":false").item("Heat");
      Path images = dataDir.resolve("cache/images");
      for (Path root : new Path[] {images, images.resolve("embedded"), images.resolve("originals")}) {
        Files.writeString(Files.createDirectories(root.resolve(Long.toString(heat))).resolve("poster-0.jpg"), "kept");
        Files.writeString(Files.createDirectories(root.resolve(Long.toString(heat + 1000))).resolve("poster-0.jpg"),
            "gone");
      }

      // when
      String run = admin.post("/api/v1/admin/tasks/" + ImageCachePruneTask.ID + "/run", "").json().path("runId").asText();
      await("the prune run", () -> admin.get("/api/v1/admin/tasks/" + ImageCachePruneTask.ID + "/runs?limit=5").json()
          .path("items").findValuesAsText("runId").contains(run) && admin.get("/api/v1/admin/tasks/"
          + ImageCachePruneTask.ID + "/runs?limit=1").json().path("items").get(0).path("status").asText()
          .equals("SUCCEEDED"));

      // then
      for (Path root : new Path[] {images, images.resolve("embedded"), images.resolve("originals")}) {
        assertThat(root.resolve(heat + "/poster-0.jpg")).hasContent("kept");
        assertThat(root.resolve(Long.toString(heat + 1000))).doesNotExist();
      }
    }
  }
}
