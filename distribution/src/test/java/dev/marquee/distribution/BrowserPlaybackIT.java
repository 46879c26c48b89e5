package dev.marquee.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real web client: hls.js in headless Chromium, driven through playwright-core by
 * {@code src/test/browser/play-hls.js}, plays the assembled server's HLS past 10 s, then past 18 s
 * after a seek to the middle (15 s), for a direct stream and a transcode of an H.264/AAC file, a
 * transcode of an HEVC/AC-3 Matroska file, and from a page on another origin. One browser plays
 * every case in turn (playback runs in real time: about 20 s a case); the tests then assert on
 * what the player reported. Needs Chromium, Node.js and the pinned npm packages, which
 * {@code .ci/run} installs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserPlaybackIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BROWSER_DIR = Path.of("src/test/browser").toAbsolutePath();
  private static final Path CHROMIUM = Path.of(System.getProperty("marquee.chromium", "/usr/bin/chromium"));
  /** Where the screenshots of the playing videos go (one a case). */
  private static final Path SCREENSHOTS = Path.of("target/browser-playback").toAbsolutePath();
  private static final Duration PLAYER_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  static Path work;

  static AssembledServer server;
  static TestHttp admin;
  /** Case name → its playback session. */
  static final Map<String, String> sessions = new LinkedHashMap<>();
  /** Case name → what the player reported. */
  static final Map<String, JsonNode> played = new LinkedHashMap<>();
  static String playerLog;

  @BeforeAll
  static void playEveryCaseInOneBrowser() throws Exception {
    requireBrowserTools();
    Path media = work.resolve("media");
    clock720p(media.resolve("Clock (2021)/Clock (2021).mp4"), 30);
    TestMediaFiles.hevcAc3WithSubtitles(media.resolve("Heavy (2022)/Heavy (2022).mkv"), 30);
    server = AssembledServer.start(work, List.of("playback.max-sessions=8", "playback.max-sessions-per-user=8"));
    admin = server.http().withToken(firstAdministrator());
    Map<String, Long> items = scanned(media.toRealPath());

    ArrayNode cases = JSON.createArrayNode();
    cases.add(playerCase("direct-stream", open(items.get("Clock"), ""), false, "/v-source/"));
    cases.add(playerCase("transcode", open(items.get("Clock"), "?directStream=false"), false, "/v-480/"));
    cases.add(playerCase("hevc-ac3-mkv", open(items.get("Heavy"), ""), false, null));
    cases.add(playerCase("cross-origin", open(items.get("Clock"), ""), true, "/v-source/"));
    ObjectNode config = JSON.createObjectNode().put("chromium", CHROMIUM.toString())
        .put("screenshotDir", SCREENSHOTS.toString()).set("cases", cases);
    Files.createDirectories(SCREENSHOTS);
    Path configFile = Files.writeString(work.resolve("player.json"), JSON.writeValueAsString(config));

    JsonNode report = runPlayer(configFile);
    report.path("cases").forEach(c -> played.put(c.path("name").asText(), c));
    assertThat(played.keySet()).as(playerLog).containsExactlyElementsOf(sessions.keySet());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void directStream_ofAnH264AacFile_playsPastTenSecondsAndAfterASeekToTheMiddle() {
    JsonNode player = played.get("direct-stream");
    assertPlayed(player, "/v-source/", 1280, 720);
    assertThat(player.path("audioTracks").asInt()).isEqualTo(1);
    assertThat(player.path("screenshot").asText()).as("a screenshot of the playing video").isNotEmpty();
    assertThat(Path.of(player.path("screenshot").asText())).isNotEmptyFile();
  }

  @Test
  @Order(2)
  void transcode_ofAnH264AacFile_playsPastTenSecondsAndAfterASeekToTheMiddle() {
    assertPlayed(played.get("transcode"), "/v-480/", -1, 480);
  }

  @Test
  @Order(3)
  void transcode_ofAnHevcAc3Matroska_playsWithBothAudioRenditions() {
    JsonNode player = played.get("hevc-ac3-mkv");
    assertPlayed(player, "/v-240/", 320, 240);
    assertThat(player.path("audioTracks").asInt()).as("AC-3 5.1 as stereo AAC, and the French AAC").isEqualTo(2);
  }

  @Test
  @Order(4)
  void pageOnAnotherOrigin_playsTheStreams_whichAllowCrossOriginFetches() {
    JsonNode player = played.get("cross-origin");
    assertThat(player.path("pageOrigin").asText()).doesNotEndWith(":" + server.port());
    assertPlayed(player, "/v-source/", 1280, 720);
  }

  @Test
  @Order(5)
  void sessions_openedForThePlayer_areADirectStreamAndTranscodes() {
    JsonNode listed = admin.get("/api/v1/sessions").json().path("items");
    Map<String, String> methods = new LinkedHashMap<>();
    listed.forEach(s -> methods.put(s.path("id").asText(), s.path("method").asText()));
    assertThat(methods).containsEntry(sessions.get("direct-stream"), "direct_stream")
        .containsEntry(sessions.get("transcode"), "transcode")
        .containsEntry(sessions.get("hevc-ac3-mkv"), "transcode")
        .containsEntry(sessions.get("cross-origin"), "direct_stream");
  }

  @Test
  @Order(6)
  void deletingTheSessions_removesTheirSegments_andLeavesNoFfmpegRunning() {
    // given: the segments ffmpeg wrote for the player
    Path transcode = work.resolve("data/cache/transcode");
    sessions.values().forEach(id -> assertThat(transcode.resolve(id)).isDirectory());
    // when
    sessions.values().forEach(id -> assertThat(admin.delete("/api/v1/sessions/" + id).status()).isEqualTo(204));
    // then
    assertThat(admin.get("/api/v1/sessions").json().path("items")).isEmpty();
    sessions.values().forEach(id -> assertThat(transcode.resolve(id)).doesNotExist());
    List<String> media = server.process().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(p.info().command().orElse("?")))
        .filter(command -> command.contains("ffmpeg") || command.contains("ffprobe")).toList();
    assertThat(media).as("ffmpeg processes of the server").isEmpty();
  }

  @Test
  @Order(7)
  void serverLog_hasNoErrorAfterThePlayback() {
    assertThat(server.stdout()).doesNotContain("ERROR", "Exception");
  }

  private static void assertPlayed(JsonNode player, String level, int width, int height) {
    String report = player.toPrettyString() + "\nplayer log:\n" + playerLog;
    assertThat(player.path("fatal").isNull()).as("no fatal hls.js error: " + report).isTrue();
    assertThat(player.path("mediaError").isNull()).as("no media error: " + report).isTrue();
    assertThat(player.path("beforeSeek").asDouble()).as("played past 10 s: " + report).isGreaterThanOrEqualTo(10);
    assertThat(player.path("seekedAt").asDouble()).as("seeked to the middle: " + report).isBetween(14.5, 16.0);
    assertThat(player.path("afterSeek").asDouble()).as("played past 18 s after the seek: " + report)
        .isGreaterThanOrEqualTo(18);
    // the frames shown move on with currentTime, across the seek too
    assertThat(player.path("presentedMediaTimeBeforeSeek").asDouble()).as("frame shown at 10 s: " + report)
        .isGreaterThan(8.5);
    assertThat(player.path("presentedMediaTimeAfterSeek").asDouble()).as("frame shown at 18 s: " + report)
        .isGreaterThan(16.5);
    assertThat(player.path("videoHeight").asInt()).as("the decoded picture's height: " + report).isEqualTo(height);
    if (width > 0) {
      assertThat(player.path("videoWidth").asInt()).as("the decoded picture's width: " + report).isEqualTo(width);
    } else {
      assertThat(player.path("videoWidth").asInt()).as("the decoded picture's width: " + report).isPositive();
    }
    // 13 s or more at 25 frames a second
    assertThat(player.path("decodedFrames").asInt()).as("frames decoded: " + report).isGreaterThan(250);
    assertThat(player.path("picture").path("lumaStdDev").asDouble()).as("a test picture, not a blank frame: " + report)
        .isGreaterThan(20);
    assertThat(player.path("audioFragments").asInt()).as("audio segments loaded: " + report).isPositive();
    assertThat(player.path("levelsPlayed")).as("the variant played: " + report).isNotEmpty()
        .allSatisfy(uri -> assertThat(uri.asText()).contains(level));
    assertThat(player.path("errors").findValuesAsText("type")).as("no network error: " + report)
        .doesNotContain("networkError");
  }

  /** 1280x720 H.264 (High) and stereo AAC in MP4, with the test pattern's running seconds counter. */
  private static void clock720p(Path file, int seconds) throws IOException {
    Files.createDirectories(file.getParent());
    TestMediaFiles.ffmpeg(List.of("-f", "lavfi", "-i", "testsrc=size=1280x720:rate=25:duration=" + seconds,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p", "-g", "50",
        "-c:a", "aac", "-ac", "2", "-b:a", "96k", "-movflags", "+faststart", file.toString()));
  }

  private static void requireBrowserTools() throws InterruptedException {
    String install = "; `bash .ci/run` installs what the browser test needs";
    assertThat(CHROMIUM).as("Chromium (set -Dmarquee.chromium=PATH for another one, or apt-get install chromium)"
        + install).isExecutable();
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      assertThat(node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0).as("node --version" + install).isTrue();
    } catch (IOException e) {
      throw new AssertionError("Node.js is not on the PATH" + install + " (or apt-get install nodejs npm)", e);
    }
    for (String module : List.of("playwright-core", "hls.js")) {
      assertThat(BROWSER_DIR.resolve("node_modules").resolve(module).resolve("package.json"))
          .as("npm package " + module + ": run `npm ci` in " + BROWSER_DIR + install).isRegularFile();
    }
  }

  private static String firstAdministrator() {
    String credentials = "{\"username\":\"admin\",\"password\":\"a long enough password\"}";
    assertThat(server.http().post("/api/v1/auth/setup", credentials).status()).isEqualTo(201);
    return server.http().post("/api/v1/auth/login", credentials).json().path("accessToken").asText();
  }

  /** Creates a movie library on {@code root}, scans it, and answers its items' ids by title. */
  private static Map<String, Long> scanned(Path root) throws InterruptedException {
    TestHttp.Response created = admin.post("/api/v1/libraries", "{\"name\":\"Films\",\"type\":\"movie\",\"roots\":["
        + JSON.valueToTree(root.toString()) + "],\"settings\":{\"watch\":false}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long library = created.json().path("id").asLong();
    assertThat(admin.post("/api/v1/libraries/" + library + "/scan", "").status()).isEqualTo(202);
    long deadline = System.nanoTime() + SCAN_TIMEOUT.toNanos();
    while (true) {
      JsonNode scan = admin.get("/api/v1/libraries/" + library + "/scan").json();
      if (scan.path("state").asText().equals("idle") && !scan.path("lastScanAt").isNull()) {
        break;
      }
      assertThat(System.nanoTime()).as("scan finished in time: " + scan).isLessThan(deadline);
      Thread.sleep(200);
    }
    Map<String, Long> items = new LinkedHashMap<>();
    admin.get("/api/v1/libraries/" + library + "/items?limit=10").json().path("items")
        .forEach(item -> items.put(item.path("title").asText(), item.path("id").asLong()));
    assertThat(items).containsOnlyKeys("Clock", "Heavy");
    return items;
  }

  /** Opens an HLS session on an item; answers the master playlist's absolute URL. */
  private static JsonNode open(long item, String query) {
    TestHttp.Response opened = admin.get("/api/v1/playback/" + item + "/stream" + query);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    return opened.json();
  }

  private static ObjectNode playerCase(String name, JsonNode opened, boolean crossOrigin, String level) {
    sessions.put(name, opened.path("session_id").asText());
    return JSON.createObjectNode().put("name", name)
        .put("url", server.http().uri(opened.path("stream_url").asText()).toString())
        .put("crossOrigin", crossOrigin).put("level", level);
  }

  /** Runs the player script on every case; answers its report. */
  private static JsonNode runPlayer(Path config) throws IOException, InterruptedException {
    Path stdout = work.resolve("player.out");
    Path stderr = work.resolve("player.log");
    Process player = new ProcessBuilder("node", "play-hls.js", config.toString()).directory(BROWSER_DIR.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    boolean exited = player.waitFor(PLAYER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      player.descendants().forEach(ProcessHandle::destroyForcibly);
      player.destroyForcibly();
    }
    playerLog = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(exited).as("the player finished within " + PLAYER_TIMEOUT + ":\n" + playerLog).isTrue();
    assertThat(player.exitValue()).as("the player's exit status:\n" + playerLog).isZero();
    return JSON.readTree(Files.readString(stdout, StandardCharsets.UTF_8));
  }
}
