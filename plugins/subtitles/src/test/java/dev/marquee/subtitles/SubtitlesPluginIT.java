package dev.marquee.subtitles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestHttp;
import dev.marquee.kernel.testing.TestKernel;
import dev.marquee.kernel.testing.TestMediaFiles;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged zip in a real kernel: an HEVC/AC-3 Matroska file with an embedded SubRip stream, a
 * Windows-1252 French SRT and an English SDH ASS beside it; its tracks listed and served as WebVTT,
 * offered as HLS renditions, and a subtitle found and downloaded from the in-test OpenSubtitles.
 */
class SubtitlesPluginIT {
  @TempDir
  Path dataDir;
  @TempDir
  Path media;

  @ParameterizedTest
  @MethodSource("dev.marquee.kernel.testing.TestDatabase#engines")
  void packagedZip_listsServesStreamsAndDownloadsSubtitles(TestDatabase.Engine engine) throws Exception {
    // given
    Path zip = Path.of(System.getProperty("marquee.plugin.zip", "target/marquee-plugin-subtitles-0.1.0.zip"));
    assertThat(zip).as("run `mvn package` first").isRegularFile();
    Files.createDirectories(dataDir.resolve("plugins"));
    Files.copy(zip, dataDir.resolve("plugins").resolve(zip.getFileName()));
    Path video = TestMediaFiles.hevcAc3WithSubtitles(media.resolve("Show (2021)/Show (2021).mkv"), 4);
    Files.write(video.resolveSibling("Show (2021).fr.srt"), FakeOpenSubtitles.FRENCH.getBytes(Charset.forName("windows-1252")));
    Files.writeString(video.resolveSibling("Show (2021).en.sdh.ass"), """
        [Script Info]
        ScriptType: v4.00+

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
        Dialogue: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,[door creaks]
        """);
    try (FakeOpenSubtitles api = new FakeOpenSubtitles(); TestDatabase db = TestDatabase.create(engine, dataDir)) {
      Map<String, String> settings = new HashMap<>(db.settings());
      settings.put("plugins.subtitles.opensubtitles.base-url", api.baseUrl());
      settings.put("plugins.subtitles.opensubtitles.api-key", "test-key");
      try (TestKernel kernel = TestKernel.start(dataDir, settings)) {
        TestHttp admin = kernel.admin();
        TestHttp viewer = kernel.user("viewer");
        long item = scan(admin, media);
        kernel.component().database().jdbi().useHandle(h -> h.execute(
            "INSERT INTO external_ids (item_id, provider, value) VALUES (?, 'imdb', 'tt0133093')", item));
        assertThat(admin.get("/api/v1/admin/plugins").json().get(0).path("state").asText()).isEqualTo("STARTED");

        // when: the tracks are listed
        JsonNode tracks = viewer.get("/api/v1/media/" + item + "/subtitles").json().path("items");

        // then: sidecars first (named the Plex way), then the embedded stream under its stream index
        assertThat(tracks).hasSize(3);
        JsonNode sdh = tracks.get(0);
        assertThat(sdh.path("source").asText()).isEqualTo("sidecar");
        assertThat(sdh.path("format").asText()).isEqualTo("ass");
        assertThat(sdh.path("language").asText()).isEqualTo("en");
        assertThat(sdh.path("hearingImpaired").asBoolean()).isTrue();
        assertThat(sdh.path("name").asText()).isEqualTo("English (SDH)");
        JsonNode french = tracks.get(1);
        assertThat(french.path("language").asText()).isEqualTo("fr");
        JsonNode embedded = tracks.get(2);
        assertThat(embedded.path("index").asInt()).isEqualTo(3);
        assertThat(embedded.path("source").asText()).isEqualTo("embedded");
        assertThat(embedded.path("origin").asText()).isEqualTo("embedded");
        assertThat(embedded.path("format").asText()).isEqualTo("srt");

        // and each becomes WebVTT: the Windows-1252 file as proper UTF-8, the embedded stream extracted
        TestHttp.Response frenchVtt = viewer.get(french.path("url").asText());
        assertThat(frenchVtt.header("Content-Type")).isEqualTo("text/vtt; charset=utf-8");
        assertThat(frenchVtt.body()).startsWith("WEBVTT").contains("À bientôt, mon cœur ! Déjà l'été ?");
        assertThat(viewer.get(embedded.path("url").asText()).body()).contains("Hello", "World");
        assertThat(viewer.get(sdh.path("url").asText()).body()).contains("00:02.000 --> 00:03.000", "[door creaks]");

        // HLS offers the three as WebVTT renditions, fetched with the session's token
        JsonNode opened = viewer.get("/api/v1/playback/" + item + "/stream").json();
        String master = opened.path("stream_url").asText();
        String token = master.substring(master.indexOf("token="));
        String base = master.substring(0, master.indexOf("master.m3u8"));
        String masterText = kernel.http().get(master).body();
        assertThat(masterText).contains("TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"French\",LANGUAGE=\"fr\"",
            "URI=\"s-3/index.m3u8?" + token, "URI=\"s-" + french.path("index").asInt() + "/index.m3u8?" + token);
        String playlist = kernel.http().get(base + "s-" + french.path("index").asInt() + "/index.m3u8?" + token).body();
        assertThat(playlist).contains("#EXT-X-TARGETDURATION:", "0.vtt?" + token);
        String segment = kernel.http().get(base + "s-" + french.path("index").asInt() + "/0.vtt?" + token).body();
        assertThat(segment).startsWith("WEBVTT\nX-TIMESTAMP-MAP=").contains("Déjà l'été");
        viewer.delete("/api/v1/sessions/" + opened.path("session_id").asText());

        // OpenSubtitles: searched by the file's hash and the IMDb id, downloaded as a sidecar
        JsonNode found = viewer.get("/api/v1/media/" + item + "/subtitles/search?language=pt-BR,en").json();
        assertThat(found.path("failures")).isEmpty();
        assertThat(found.path("items").get(0).path("provider").asText()).isEqualTo("opensubtitles");
        assertThat(found.path("items").findValuesAsText("remoteId")).contains("7010004:pt-BR");
        String query = api.requestsTo("/api/v1/subtitles").get(0).query();
        assertThat(query).contains("imdb_id=133093", "languages=en%2Cpt-br", "type=movie")
            .containsPattern("moviehash=[0-9a-f]{16}");

        TestHttp.Response downloaded = admin.post("/api/v1/media/" + item + "/subtitles/download",
            "{\"provider\":\"opensubtitles\",\"remoteId\":\"7010004:pt-BR\"}");
        assertThat(downloaded.status()).as(downloaded.toString()).isEqualTo(201);
        assertThat(downloaded.json().path("file").asText()).isEqualTo("Show (2021).pt-BR.srt");
        assertThat(Files.readString(video.resolveSibling("Show (2021).pt-BR.srt"))).isEqualTo(FakeOpenSubtitles.FRENCH);
        JsonNode track = downloaded.json().path("track");
        assertThat(track.path("language").asText()).isEqualTo("pt-BR");
        assertThat(track.path("name").asText()).isEqualTo("Portuguese (Brazil)");
        assertThat(viewer.get(track.path("url").asText()).body()).contains("C'était une belle journée");
        assertThat(viewer.get("/api/v1/media/" + item + "/subtitles").json().path("total").asInt()).isEqualTo(4);
      }
    }
  }

  private static long scan(TestHttp admin, Path root) throws Exception {
    long library = admin.post("/api/v1/libraries", "{\"name\":\"Films\",\"type\":\"movie\",\"roots\":[\""
        + root.toRealPath() + "\"],\"settings\":{\"watch\":false}}").json().path("id").asLong();
    admin.post("/api/v1/libraries/" + library + "/scan", "");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      assertThat(System.nanoTime()).as("scan").isLessThan(deadline);
      JsonNode items = admin.get("/api/v1/libraries/" + library + "/items?limit=10").json().path("items");
      if (!items.isEmpty()) {
        return items.get(0).path("id").asLong();
      }
      Thread.sleep(50);
    }
  }
}
