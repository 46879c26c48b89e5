package dev.marquee.kernel.playback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.plugins.PluginJar;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestLibrary;
import dev.marquee.kernel.testing.TestMediaFiles;
import dev.marquee.testplugins.FakeSubtitlesPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subtitle routes and HLS subtitle renditions through a real kernel with a subtitle plugin
 * (source {@code fake}, provider {@code fake-subs}: {@link FakeSubtitlesPlugin}).
 */
class SubtitleRoutesTest {
  @TempDir
  static Path dataDir;
  @TempDir
  static Path media;
  @TempDir
  static Path outside;

  static TestKernel kernel;
  static TestHttp admin;
  static TestHttp viewer;
  static long clip;
  static long other;
  static Path clipFile;
  static Path otherFile;

  @BeforeAll
  static void start() throws Exception {
    clipFile = TestMediaFiles.h264Aac(media.resolve("Clip (2020)/Clip (2020).mp4"), 8);
    otherFile = Files.copy(clipFile, Files.createDirectories(media.resolve("Other (2021)")).resolve("Other (2021).mp4"));
    Files.writeString(clipFile.resolveSibling("Clip (2020).en.srt"), "1\n00:00:01,000 --> 00:00:03,500\nHello there\n");
    Path plugins = Files.createDirectories(dataDir.resolve("plugins"));
    PluginJar.plugin("fake-subtitles").mainClass(FakeSubtitlesPlugin.class)
        .extension(FakeSubtitlesPlugin.Source.class).extension(FakeSubtitlesPlugin.Provider.class)
        .writeJar(plugins.resolve("fake-subtitles.jar"));
    kernel = TestKernel.start(dataDir, Map.of());
    admin = kernel.admin();
    TestLibrary library = TestLibrary.scanned(admin, "movie", media);
    clip = library.item("Clip");
    other = library.item("Other");
    viewer = kernel.user("viewer");
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  static JsonNode track(JsonNode items, String origin, String language) {
    for (JsonNode item : items) {
      if (item.path("origin").asText().equals(origin) && item.path("language").asText().equals(language)) {
        return item;
      }
    }
    throw new AssertionError("no " + origin + " " + language + " track in " + items);
  }

  @Test
  void everyRoute_withoutCredentials_is401() {
    assertThat(kernel.http().get("/api/v1/media/" + clip + "/subtitles").status()).isEqualTo(401);
    assertThat(kernel.http().get("/api/v1/media/" + clip + "/subtitles/3.vtt").status()).isEqualTo(401);
    assertThat(kernel.http().get("/api/v1/media/" + clip + "/subtitles/search?language=en").status()).isEqualTo(401);
    assertThat(kernel.http().post("/api/v1/media/" + clip + "/subtitles/download", "{}").status()).isEqualTo(401);
  }

  @Test
  void list_everySourcesTracks_withIndexesThatSurviveNewSidecars() throws Exception {
    // when
    TestHttp.Response listed = viewer.get("/api/v1/media/" + clip + "/subtitles");

    // then: the embedded streams keep their stream index, the sidecar gets a derived one
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    JsonNode items = listed.json().path("items");
    JsonNode embedded = track(items, "embedded", "en");
    assertThat(embedded.path("index").asInt()).isEqualTo(3);
    assertThat(embedded.path("default").asBoolean()).isTrue();
    assertThat(embedded.path("url").asText()).isEqualTo("/api/v1/media/" + clip + "/subtitles/3.vtt");
    JsonNode picture = track(items, "embedded", "de");
    assertThat(picture.path("index").asInt()).isEqualTo(7);
    assertThat(picture.path("image").asBoolean()).isTrue();
    assertThat(picture.path("url").isNull()).isTrue();
    assertThat(picture.path("name").asText()).isEqualTo("Signs (German) (Forced)");
    JsonNode sidecar = track(items, "sidecar", "en");
    int sidecarIndex = sidecar.path("index").asInt();
    assertThat(sidecarIndex).isGreaterThanOrEqualTo(100_000);
    assertThat(sidecar.path("name").asText()).isEqualTo("English");
    assertThat(sidecar.path("source").asText()).isEqualTo("fake");
    assertThat(listed.json().path("total").asInt()).isEqualTo(items.size());

    // and a new sidecar renumbers nothing
    Path added = Files.writeString(clipFile.resolveSibling("Clip (2020).aa.srt"), "1\n00:00:01,000 --> 00:00:02,000\nA\n");
    try {
      JsonNode again = viewer.get("/api/v1/media/" + clip + "/subtitles").json().path("items");
      assertThat(track(again, "sidecar", "en").path("index").asInt()).isEqualTo(sidecarIndex);
      assertThat(again.size()).isEqualTo(items.size() + 1);
    } finally {
      Files.delete(added);
    }
    assertThat(viewer.get("/api/v1/media/" + clip + "/subtitles?limit=1").json().path("items")).hasSize(1);
  }

  @Test
  void vtt_textTrack_isConvertedOnceThenServedFromTheCacheUntilTheSidecarChanges() throws Exception {
    // given
    int index = track(viewer.get("/api/v1/media/" + clip + "/subtitles").json().path("items"), "sidecar", "en")
        .path("index").asInt();
    String url = "/api/v1/media/" + clip + "/subtitles/" + index + ".vtt";
    int before = conversions();

    // when
    TestHttp.Response first = viewer.get(url);
    TestHttp.Response second = viewer.get(url);

    // then
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.header("Content-Type")).isEqualTo("text/vtt; charset=utf-8");
    assertThat(first.body()).startsWith("WEBVTT").contains("00:00:01.000 --> 00:00:03.500", "Hello there");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(conversions()).isEqualTo(before + 1);
    long fileId = kernel.component().database().jdbi().withHandle(h -> h.createQuery(
        "SELECT id FROM media_files WHERE item_id = :item").bind("item", clip).mapTo(Long.class).one());
    assertThat(dataDir.resolve("cache/subtitles/" + fileId).toFile().list()).anyMatch(n -> n.startsWith(index + "-"));

    // when the sidecar changes, it is converted again
    Path sidecar = clipFile.resolveSibling("Clip (2020).en.srt");
    String original = Files.readString(sidecar);
    try {
      Files.writeString(sidecar, "1\n00:00:01,000 --> 00:00:03,500\nGeneral Kenobi\n");
      Files.setLastModifiedTime(sidecar, FileTime.from(Instant.now().plusSeconds(5)));
      assertThat(viewer.get(url).body()).contains("General Kenobi");
      assertThat(conversions()).isEqualTo(before + 2);
      assertThat(dataDir.resolve("cache/subtitles/" + fileId).toFile().list())
          .filteredOn(n -> n.startsWith(index + "-")).hasSize(1);
    } finally {
      Files.writeString(sidecar, original);
    }
  }

  @Test
  void vtt_pictureOrUnknownOrMalformedTrack_isRefused() {
    TestHttp.Response picture = viewer.get("/api/v1/media/" + clip + "/subtitles/7.vtt");
    assertThat(picture.status()).isEqualTo(422);
    assertThat(picture.errorCode()).isEqualTo("SUBTITLE_NOT_TEXT");
    assertThat(picture.json().path("error").path("message").asText()).contains("subtitleStreamIndex=7");
    assertThat(viewer.get("/api/v1/media/" + clip + "/subtitles/5.vtt").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/media/" + clip + "/subtitles/three.vtt").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/media/" + clip + "/subtitles/3.srt").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/media/abc/subtitles").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/media/999999/subtitles").status()).isEqualTo(404);
    assertThat(viewer.get("/api/v1/media/" + clip + "/subtitles?limit=0").errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void search_asksTheProvidersWithTheCatalogsKnowledge() {
    // when
    TestHttp.Response found = viewer.get("/api/v1/media/" + clip + "/subtitles/search?language=en,pt-BR");

    // then
    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    JsonNode first = found.json().path("items").get(0);
    assertThat(first.path("provider").asText()).isEqualTo("fake-subs");
    assertThat(first.path("remoteId").asText()).isEqualTo("1");
    assertThat(first.path("releaseName").asText()).isEqualTo("Clip [en, pt-br]");
    assertThat(first.path("hashMatch").asBoolean()).as("the file's hash was sent").isTrue();
    assertThat(found.json().path("items").get(1).path("hearingImpaired").asBoolean()).isTrue();
    assertThat(found.json().path("total").asInt()).isEqualTo(2);
    assertThat(found.json().path("failures")).isEmpty();
  }

  @Test
  void search_malformedInput_is422() {
    String base = "/api/v1/media/" + clip + "/subtitles/search";
    assertThat(viewer.get(base).errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.get(base + "?language=english").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.get(base + "?language=en&hearingImpaired=maybe").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(viewer.get(base + "?language=en&provider=nope").errorCode()).isEqualTo("UNKNOWN_PROVIDER");
    assertThat(viewer.get("/api/v1/media/999999/subtitles/search?language=en").status()).isEqualTo(404);
  }

  @Test
  void download_storesASidecarBesideTheVideo_neverOverwriting() throws Exception {
    // given
    String url = "/api/v1/media/" + other + "/subtitles/download";
    viewer.get("/api/v1/media/" + other + "/subtitles/search?language=en");

    // when
    TestHttp.Response first = admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"1\"}");
    TestHttp.Response second = admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"9\"}");
    TestHttp.Response sdh = admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"2\"}");

    // then
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().path("file").asText()).isEqualTo("Other (2021).en.srt");
    assertThat(Files.readString(otherFile.resolveSibling("Other (2021).en.srt"))).contains("Downloaded 1");
    assertThat(second.json().path("file").asText()).isEqualTo("Other (2021).en.fake-subs.srt");
    assertThat(Files.readString(otherFile.resolveSibling("Other (2021).en.srt"))).contains("Downloaded 1");
    assertThat(sdh.json().path("file").asText()).as("the search said SDH").isEqualTo("Other (2021).en.sdh.srt");

    // and the source lists it, ready to play
    JsonNode track = first.json().path("track");
    assertThat(track.path("origin").asText()).isEqualTo("sidecar");
    assertThat(viewer.get(track.path("url").asText()).body()).contains("Downloaded 1");
    assertThat(sdh.json().path("track").path("hearingImpaired").asBoolean()).isTrue();
  }

  @Test
  void download_badInputOrFailingProvider_isRefusedWithoutWriting() throws Exception {
    String url = "/api/v1/media/" + clip + "/subtitles/download";
    List<String> before = files(clipFile.getParent());
    assertThat(viewer.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"1\"}").status()).isEqualTo(403);
    assertThat(admin.post(url, "{\"provider\":").errorCode()).isEqualTo("MALFORMED_JSON");
    assertThat(admin.post(url, "[1]").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(admin.post(url, "{\"provider\":\"fake-subs\"}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":1}").errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"1\",\"path\":\"/etc\"}").errorCode())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(admin.post(url, "{\"provider\":\"nope\",\"remoteId\":\"1\"}").errorCode()).isEqualTo("UNKNOWN_PROVIDER");
    assertThat(admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"404\"}").errorCode())
        .isEqualTo("NOT_FOUND_AT_PROVIDER");
    assertThat(admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"pgs\"}").errorCode())
        .isEqualTo("UNSUPPORTED_FORMAT");
    TestHttp.Response quota = admin.post(url, "{\"provider\":\"fake-subs\",\"remoteId\":\"quota\"}");
    assertThat(quota.status()).isEqualTo(502);
    assertThat(quota.json().path("error").path("message").asText()).contains("quota used up");
    assertThat(admin.post("/api/v1/media/999999/subtitles/download", "{\"provider\":\"fake-subs\",\"remoteId\":\"1\"}")
        .status()).isEqualTo(404);
    assertThat(files(clipFile.getParent())).isEqualTo(before);
  }

  @Test
  void download_intoAFolderThatLeadsOutOfTheLibrary_is403() throws Exception {
    // given: an item whose folder is a symbolic link out of the library's folder
    Path real = TestMediaFiles.h264Aac(outside.resolve("Linked (2019)/Linked (2019).mp4"), 1);
    Path link = Files.createSymbolicLink(media.toRealPath().resolve("Linked (2019)"), real.getParent());
    Path video = link.resolve("Linked (2019).mp4");
    Jdbi jdbi = kernel.component().database().jdbi();
    long linked = jdbi.withHandle(h -> {
      long library = h.createQuery("SELECT library_id FROM media_items WHERE id = :id").bind("id", clip)
          .mapTo(Long.class).one();
      long item = h.createUpdate("INSERT INTO media_items (library_id, kind, title, sort_title, search_text, match_state,"
              + " locked_fields, added_at, updated_at) VALUES (:library, 'movie', 'Linked', 'Linked', 'linked',"
              + " 'unmatched', '', 0, 0)").bind("library", library).executeAndReturnGeneratedKeys("id")
          .mapTo(Long.class).one();
      h.createUpdate("INSERT INTO media_files (item_id, library_id, path, path_hash, size, mtime, mime_type, added_at)"
              + " VALUES (:item, :library, :path, :hash, :size, 0, 'video/mp4', 0)")
          .bind("item", item).bind("library", library).bind("path", video.toString()).bind("hash", "f".repeat(64))
          .bind("size", Files.size(real)).execute();
      return item;
    });

    // when
    TestHttp.Response refused = admin.post("/api/v1/media/" + linked + "/subtitles/download",
        "{\"provider\":\"fake-subs\",\"remoteId\":\"1\"}");

    // then
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("OUTSIDE_LIBRARY");
    assertThat(files(real.getParent())).containsExactly("Linked (2019).mp4");
  }

  @Test
  void hlsSession_offersTheTextTracksAsWebVttRenditions_withTheToken() throws Exception {
    // given
    JsonNode items = viewer.get("/api/v1/media/" + clip + "/subtitles").json().path("items");
    int sidecar = track(items, "sidecar", "en").path("index").asInt();
    TestHttp.Response opened = viewer.get("/api/v1/playback/" + clip + "/stream?subtitleStreamIndex=" + sidecar);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    String master = opened.json().path("stream_url").asText();
    String base = master.substring(0, master.indexOf("master.m3u8"));
    String token = master.substring(master.indexOf("token="));
    try {
      // when
      String text = kernel.http().get(master).body();

      // then: one rendition per text track, the asked-for one by default; none for the picture track
      assertThat(text).contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\","
          + "DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=\"s-3/index.m3u8?" + token + "\"");
      assertThat(text).contains("NAME=\"English 2\",LANGUAGE=\"en\",DEFAULT=YES", "URI=\"s-" + sidecar + "/index.m3u8?");
      assertThat(text).doesNotContain("s-7/");
      assertThat(text.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF"))).allMatch(l -> l.contains(",SUBTITLES=\"subs\""));

      String playlist = kernel.http().get(base + "s-" + sidecar + "/index.m3u8?" + token).body();
      Matcher extinf = Pattern.compile("#EXTINF:([0-9.]+),\n0\\.vtt\\?token=").matcher(playlist);
      assertThat(extinf.find()).as(playlist).isTrue();
      double duration = Double.parseDouble(extinf.group(1));
      assertThat(duration).isBetween(7.9, 8.1);
      assertThat(playlist).contains("#EXT-X-TARGETDURATION:" + (long) Math.ceil(duration) + "\n",
          "#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST");
      assertThat(uris(playlist)).hasSize(1);

      TestHttp.Response vtt = kernel.http().get(base + "s-" + sidecar + "/0.vtt?" + token);
      assertThat(vtt.status()).isEqualTo(200);
      assertThat(vtt.header("Content-Type")).isEqualTo("text/vtt; charset=utf-8");
      assertThat(vtt.body()).startsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n")
          .contains("Hello there");
      assertThat(kernel.http().get(base + "s-" + sidecar + "/0.vtt").status()).isEqualTo(401);
      assertThat(kernel.http().get(base + "s-" + sidecar + "/1.vtt?" + token).status()).isEqualTo(404);
      assertThat(kernel.http().get(base + "s-7/index.m3u8?" + token).status()).isEqualTo(404);
    } finally {
      viewer.delete("/api/v1/sessions/" + opened.json().path("session_id").asText());
    }
    assertThat(viewer.get("/api/v1/playback/" + clip + "/stream?subtitleStreamIndex=5").errorCode())
        .isEqualTo("VALIDATION_FAILED");
  }

  private static List<String> uris(String playlist) {
    return playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
  }

  private static int conversions() {
    return Integer.getInteger(FakeSubtitlesPlugin.CONVERSIONS, 0);
  }

  private static List<String> files(Path folder) throws Exception {
    List<String> names = new ArrayList<>();
    try (var list = Files.list(folder)) {
      list.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
    }
    return names;
  }
}
