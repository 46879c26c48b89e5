package dev.marquee.kernel.playback;

import static dev.marquee.kernel.playback.TrickplayFixture.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trickplay routes' answers to missing credentials, bad tokens and malformed requests. */
class TrickplayRoutesTest {
  @TempDir
  static Path dataDir;
  @TempDir
  static Path media;

  static TestKernel kernel;
  static TestHttp admin;
  static TestHttp viewer;
  static long item;
  static long plainItem;
  static long hdrItem;
  static JsonNode manifest;

  @BeforeAll
  static void start() throws Exception {
    TrickplayFixture.clip(media.resolve("films/Dots (2005)/Dots (2005).mp4"), 20);
    TrickplayFixture.clip(media.resolve("plain/Plain (2006)/Plain (2006).mp4"), 2);
    Path hdr = media.resolve("films/Bright (2007)/Bright (2007).mkv");
    Files.createDirectories(hdr.getParent());
    TestMediaFiles.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=12",
        "-vf", "format=yuv420p10le", "-c:v", "libx265", "-preset", "ultrafast",
        "-x265-params", "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc",
        "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", hdr.toString()));
    kernel = TestKernel.start(dataDir, Map.of());
    admin = kernel.admin();
    viewer = kernel.user("viewer");
    long films = TrickplayFixture.library(admin, "Films", media.resolve("films"), "");
    long plain = TrickplayFixture.library(admin, "Plain", media.resolve("plain"), ",\"trickplay\":false");
    item = TrickplayFixture.item(admin, films, "Dots");
    hdrItem = TrickplayFixture.item(admin, films, "Bright");
    plainItem = TrickplayFixture.item(admin, plain, "Plain");
    manifest = TrickplayFixture.manifest(viewer, item, m -> true);
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  static String sheetPath() {
    return "/api/v1/playback/" + item + "/trickplay/320/0.jpg";
  }

  static String token() {
    String url = manifest.path("sheets").get(0).asText();
    return url.substring(url.indexOf("token=") + "token=".length());
  }

  @Test
  void manifest_withoutCredentials_is401() {
    assertThat(kernel.http().get("/api/v1/playback/" + item + "/trickplay").status()).isEqualTo(401);
    // a media token is not a sign-in
    assertThat(kernel.http().get("/api/v1/playback/" + item + "/trickplay?token=" + token()).status()).isEqualTo(401);
  }

  @Test
  void manifest_malformedOrUnknown_is404Or422() {
    assertThat(viewer.get("/api/v1/playback/abc/trickplay").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/playback/0/trickplay").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/playback/999999/trickplay").status()).isEqualTo(404);
    TestHttp.Response badFile = viewer.get("/api/v1/playback/" + item + "/trickplay?fileId=abc");
    assertThat(badFile.status()).isEqualTo(422);
    assertThat(badFile.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.get("/api/v1/playback/" + item + "/trickplay?fileId=-1").status()).isEqualTo(422);
    // a file of another item
    long plainFile = admin.get("/api/v1/media/" + plainItem).json().path("files").get(0).path("id").asLong();
    assertThat(viewer.get("/api/v1/playback/" + item + "/trickplay?fileId=" + plainFile).status()).isEqualTo(404);
  }

  @Test
  void manifest_ofAFileWithoutThumbnails_is404NotReady() {
    TestHttp.Response response = viewer.get("/api/v1/playback/" + plainItem + "/trickplay");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("TRICKPLAY_NOT_READY");
  }

  @Test
  void manifest_ofAFile_namesItsSheetsAndTrack() {
    assertThat(manifest.path("thumbnailCount").asInt()).isEqualTo(2);
    assertThat(manifest.path("tileColumns").asInt()).isEqualTo(2);
    assertThat(manifest.path("tileRows").asInt()).isEqualTo(1);
    long fileId = manifest.path("fileId").asLong();
    assertThat(manifest.path("vttUrl").asText()).isEqualTo("/api/v1/playback/" + item
        + "/trickplay/320/thumbnails.vtt?fileId=" + fileId + "&token=" + token());
    // the same file asked for by id
    assertThat(viewer.get("/api/v1/playback/" + item + "/trickplay?fileId=" + fileId).json().path("sheets"))
        .isEqualTo(manifest.path("sheets"));
  }

  @Test
  void manifest_ofAnHdrFile_isToneMappedSheetsOfOneThumbnailPer10s() throws Exception {
    JsonNode stream = admin.get("/api/v1/media/" + hdrItem).json().path("files").get(0).path("streams").get(0);
    // the media detail shows the stored HDR kind, not a boolean
    assertThat(stream.path("hdr").asText()).as(stream.toString()).isIn("hdr10", "hlg");
    // 12 s: one thumbnail (ffmpeg rounds 1.2 intervals to 1), the frame at 5 s
    JsonNode hdr = TrickplayFixture.manifest(viewer, hdrItem, m -> true);
    assertThat(hdr.path("thumbnailCount").asInt()).isEqualTo(1);
    assertThat(hdr.path("tileColumns").asInt()).isEqualTo(1);
    BufferedImage sheet = TrickplayFixture.image(fetch(kernel, hdr.path("sheets").get(0).asText()).body());
    assertThat(sheet.getWidth()).isEqualTo(320);
    assertThat(sheet.getHeight()).isEqualTo(180);
    assertThat(TrickplayFixture.brightness(sheet, 0, 0, 320, 180)).isGreaterThan(40);
  }

  @Test
  void sheet_withoutTokenOrCredentials_is401() throws Exception {
    assertThat(fetch(kernel, sheetPath()).statusCode()).isEqualTo(401);
    assertThat(fetch(kernel, sheetPath() + "?token=").statusCode()).isEqualTo(401);
    assertThat(fetch(kernel, sheetPath() + "?token=garbage").statusCode()).isEqualTo(401);
    String token = token();
    String forged = token.substring(0, token.indexOf('.') + 1) + "A" + token.substring(token.indexOf('.') + 2);
    assertThat(fetch(kernel, sheetPath() + "?token=" + forged).statusCode()).isEqualTo(401);
    // a later expiry with the same signature
    long expiry = Long.parseLong(token.substring(0, token.indexOf('.')));
    assertThat(fetch(kernel, sheetPath() + "?token=" + (expiry + 900) + token.substring(token.indexOf('.'))).statusCode())
        .isEqualTo(401);
    // another item's token does not open this item's sheets
    assertThat(fetch(kernel, "/api/v1/playback/" + plainItem + "/trickplay/320/0.jpg?token=" + token).statusCode())
        .isEqualTo(401);
  }

  @Test
  void sheet_withTokenOrSignedIn_isTheJpeg() throws Exception {
    HttpResponse<byte[]> byToken = fetch(kernel, sheetPath() + "?token=" + token());
    assertThat(byToken.statusCode()).isEqualTo(200);
    assertThat(byToken.headers().firstValue("ETag")).isPresent();
    TestHttp.Response signedIn = viewer.get(sheetPath());
    assertThat(signedIn.status()).isEqualTo(200);
    assertThat(signedIn.header("Content-Type")).isEqualTo("image/jpeg");
    assertThat(TrickplayFixture.image(byToken.body()).getWidth()).isEqualTo(2 * 320);
  }

  @Test
  void sheet_malformedOrUnknown_is404Or422() throws Exception {
    String base = "/api/v1/playback/" + item + "/trickplay/";
    for (String path : new String[] {"320/x.jpg", "320/01.jpg", "320/0.png", "320/-1.jpg", "320/1.jpg",
        "320/99999999999.jpg", "640/0.jpg", "abc/0.jpg"}) {
      assertThat(viewer.get(base + path).status()).as(path).isEqualTo(404);
    }
    assertThat(viewer.get("/api/v1/playback/abc/trickplay/320/0.jpg").status()).isEqualTo(404);
    assertThat(viewer.get(base + "320/0.jpg?fileId=x").status()).isEqualTo(422);
    TestHttp.Response notMade = viewer.get("/api/v1/playback/" + plainItem + "/trickplay/320/0.jpg");
    assertThat(notMade.errorCode()).isEqualTo("TRICKPLAY_NOT_READY");
  }

  @Test
  void vtt_withoutTokenOrCredentials_is401() throws Exception {
    String path = "/api/v1/playback/" + item + "/trickplay/320/thumbnails.vtt";
    assertThat(fetch(kernel, path).statusCode()).isEqualTo(401);
    assertThat(fetch(kernel, path + "?token=1.abc").statusCode()).isEqualTo(401);
  }

  @Test
  void vtt_malformedOrUnknown_is404Or422() {
    assertThat(viewer.get("/api/v1/playback/" + item + "/trickplay/640/thumbnails.vtt").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/playback/" + item + "/trickplay/abc/thumbnails.vtt").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/playback/x/trickplay/320/thumbnails.vtt").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/playback/" + item + "/trickplay/320/thumbnails.vtt?fileId=0").status())
        .isEqualTo(422);
  }

  @Test
  void vtt_signedIn_pointsAtSheetsThatOpenWithoutCredentials() throws Exception {
    TestHttp.Response track = viewer.get("/api/v1/playback/" + item + "/trickplay/320/thumbnails.vtt");
    assertThat(track.status()).isEqualTo(200);
    String[] lines = track.body().split("\n");
    assertThat(lines).contains("00:00:00.000 --> 00:00:10.000", "00:00:10.000 --> 00:00:20.000");
    String second = track.body().lines().filter(line -> line.contains("#xywh=320,0,320,180")).findFirst().orElseThrow();
    assertThat(fetch(kernel, second.substring(0, second.indexOf('#'))).statusCode()).isEqualTo(200);
    // a track fetched with a token hands that same token on, not a new one
    HttpResponse<byte[]> byToken = fetch(kernel, manifest.path("vttUrl").asText());
    assertThat(new String(byToken.body(), StandardCharsets.UTF_8)).contains("&token=" + token() + "#xywh=0,0,320,180");
  }

  @Test
  void librarySettings_trickplayNotABoolean_is422() throws Exception {
    TestHttp.Response response = admin.post("/api/v1/libraries", "{\"name\":\"x\",\"type\":\"movie\",\"roots\":[\""
        + media.toRealPath() + "\"],\"settings\":{\"trickplay\":\"yes\"}}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_FAILED");
  }
}
