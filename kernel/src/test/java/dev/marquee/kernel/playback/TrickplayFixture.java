package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.Eventually;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

/** Test media, waits and requests shared by the trickplay tests. */
final class TrickplayFixture {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private TrickplayFixture() {}

  /** A video-only H.264 MP4 of testsrc2 (a moving pattern and a running clock), 640×360 at 25 fps. */
  static Path clip(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    TestMediaFiles.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=" + seconds,
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", file.toString()));
    return file;
  }

  /** A movie library over {@code root} (not watched), scanned once; returns its id. */
  static long library(TestHttp admin, String name, Path root, String settings) throws IOException {
    TestHttp.Response created = admin.post("/api/v1/libraries", "{\"name\":\"" + name + "\",\"type\":\"movie\","
        + "\"roots\":[\"" + root.toRealPath() + "\"],\"settings\":{\"watch\":false" + settings + "}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    // 409: its first scan runs already
    assertThat(admin.post("/api/v1/libraries/" + id + "/scan", "").status()).isIn(202, 409);
    return id;
  }

  /** Waits for an item titled {@code title} in the library and returns its id. */
  static long item(TestHttp admin, long library, String title) throws InterruptedException {
    long[] found = new long[1];
    await("item " + title, () -> {
      for (JsonNode item : admin.get("/api/v1/libraries/" + library + "/items?limit=50").json().path("items")) {
        if (item.path("title").asText().equals(title)) {
          found[0] = item.path("id").asLong();
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Waits until the item's trickplay manifest answers 200 and satisfies {@code condition}; returns it. */
  static JsonNode manifest(TestHttp user, long itemId, java.util.function.Predicate<JsonNode> condition)
      throws InterruptedException {
    JsonNode[] manifest = new JsonNode[1];
    await("trickplay of item " + itemId, () -> {
      TestHttp.Response response = user.get("/api/v1/playback/" + itemId + "/trickplay");
      if (response.status() == 200 && condition.test(response.json())) {
        manifest[0] = response.json();
        return true;
      }
      return false;
    });
    return manifest[0];
  }

  /** Starts a run of the trickplay task (after the one running, if any), waits for its end and returns it. */
  static JsonNode runTask(TestHttp admin) throws InterruptedException {
    String[] runId = new String[1];
    await("a run of " + TrickplayQueue.TASK, () -> {
      TestHttp.Response started = admin.post("/api/v1/admin/tasks/" + TrickplayQueue.TASK + "/run", "");
      if (started.status() == 202) {
        runId[0] = started.json().path("runId").asText();
        return true;
      }
      assertThat(started.status()).as(started.toString()).isEqualTo(409);
      return false;
    });
    JsonNode[] run = new JsonNode[1];
    await("run " + runId[0], () -> {
      for (JsonNode candidate : admin.get("/api/v1/admin/tasks/" + TrickplayQueue.TASK + "/runs?limit=20").json()
          .path("items")) {
        if (candidate.path("runId").asText().equals(runId[0]) && !candidate.path("status").asText().equals("RUNNING")) {
          run[0] = candidate;
          return true;
        }
      }
      return false;
    });
    return run[0];
  }

  /** GET without credentials (as a browser fetches an image), the body as bytes. */
  static HttpResponse<byte[]> fetch(TestKernel kernel, String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(kernel.http().uri(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static BufferedImage image(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertThat(image).as("a decodable image").isNotNull();
    return image;
  }

  /** How many pixels of two same-sized tiles of {@code sheet} differ clearly in some channel. */
  static int differingPixels(BufferedImage sheet, int x1, int x2, int y, int width, int height) {
    int differing = 0;
    for (int dy = 0; dy < height; dy++) {
      for (int dx = 0; dx < width; dx++) {
        int a = sheet.getRGB(x1 + dx, y + dy);
        int b = sheet.getRGB(x2 + dx, y + dy);
        for (int shift = 0; shift <= 16; shift += 8) {
          if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > 48) {
            differing++;
            break;
          }
        }
      }
    }
    return differing;
  }

  /** The mean of the red, green and blue values of a tile, 0–255. */
  static double brightness(BufferedImage sheet, int x, int y, int width, int height) {
    long sum = 0;
    for (int dy = 0; dy < height; dy++) {
      for (int dx = 0; dx < width; dx++) {
        int rgb = sheet.getRGB(x + dx, y + dy);
        sum += (rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff);
      }
    }
    return sum / (3.0 * width * height);
  }

  /** Waits longer than {@link Eventually}'s default: ffmpeg renders every thumbnail of a file first. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Eventually.await(what, Duration.ofSeconds(90), condition);
  }
}
