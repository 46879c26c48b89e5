package dev.marquee.subtitles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Progress;
import dev.marquee.api.subtitle.DownloadedSubtitle;
import dev.marquee.api.subtitle.RemoteSubtitle;
import dev.marquee.api.subtitle.SubtitleQuery;
import dev.marquee.kernel.testing.TestPluginContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenSubtitles provider against an in-test API answering in the documented shapes. */
class OpenSubtitlesProviderTest {
  private static final SubtitleQuery MATRIX = new SubtitleQuery(MediaKind.MOVIE, "The Matrix", Optional.of(1999),
      Map.of("imdb", "tt0133093", "tmdb", "603"), Optional.empty(), Optional.empty(), List.of("pt-BR", "en"),
      Optional.of("8e245d9679d31e12"), Optional.of(12_909_756L), false);

  @TempDir
  Path data;
  FakeOpenSubtitles api;

  @BeforeEach
  void start() throws IOException {
    api = new FakeOpenSubtitles();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private OpenSubtitlesProvider provider(String... settings) {
    Map<String, String> all = new HashMap<>(Map.of("opensubtitles.base-url", api.baseUrl(),
        "opensubtitles.api-key", "test-key"));
    for (int i = 0; i < settings.length; i += 2) {
      if (settings[i + 1] == null) {
        all.remove(settings[i]);
      } else {
        all.put(settings[i], settings[i + 1]);
      }
    }
    return new OpenSubtitlesProvider(new TestPluginContext("subtitles", all, data));
  }

  @Test
  void search_byHashAndImdbId_sendsTheDocumentedRequest_andRanksHashMatchesFirst() throws Exception {
    // when
    List<RemoteSubtitle> found = provider().search(MATRIX, Progress.none());

    // then: the request as OpenSubtitles asks for it
    FakeOpenSubtitles.Request request = api.requestsTo("/api/v1/subtitles").get(0);
    assertThat(request.query()).isEqualTo("imdb_id=133093&languages=en%2Cpt-br&moviehash=8e245d9679d31e12&type=movie");
    assertThat(request.header("Api-Key")).isEqualTo("test-key");
    assertThat(request.header("User-Agent")).startsWith("Marquee v");
    assertThat(request.header("Accept")).isEqualTo("application/json");

    // results: the hash match first, then by download count; the two-CD result left out
    assertThat(found).extracting(RemoteSubtitle::remoteId).containsExactly("7010002:en", "7010001:en", "7010004:pt-BR");
    RemoteSubtitle best = found.get(0);
    assertThat(best.providerId()).isEqualTo("opensubtitles");
    assertThat(best.hashMatch()).isTrue();
    assertThat(best.hearingImpaired()).isTrue();
    assertThat(best.language()).isEqualTo("en");
    assertThat(best.format()).isEqualTo("srt");
    assertThat(best.releaseName()).contains("The.Matrix.1999.REMASTERED.1080p.BluRay.x264");
    assertThat(best.downloadCount()).contains(1000);
    assertThat(found.get(2).language()).isEqualTo("pt-BR");
  }

  @Test
  void parameters_withoutIds_searchByTitle_yearForMovies_numbersForEpisodes() {
    SubtitleQuery movie = new SubtitleQuery(MediaKind.MOVIE, "Le Samouraï", Optional.of(1967), Map.of(),
        Optional.empty(), Optional.empty(), List.of("fr"), Optional.empty(), Optional.empty(), false);
    SubtitleQuery episode = new SubtitleQuery(MediaKind.EPISODE, "Breaking Bad", Optional.of(2008),
        Map.of("tmdb", "62085"), Optional.of(1), Optional.of(2), List.of("en"), Optional.empty(), Optional.empty(), true);

    assertThat(OpenSubtitlesProvider.parameters(movie)).containsExactly(Map.entry("languages", "fr"),
        Map.entry("query", "Le Samouraï"), Map.entry("type", "movie"), Map.entry("year", "1967"));
    assertThat(OpenSubtitlesProvider.parameters(episode)).containsExactly(Map.entry("episode_number", "2"),
        Map.entry("languages", "en"), Map.entry("query", "Breaking Bad"), Map.entry("season_number", "1"),
        Map.entry("type", "episode"));
  }

  @Test
  void download_logsInOnce_followsTheLink_andConvertsTheFileToUtf8() throws Exception {
    // given
    OpenSubtitlesProvider provider = provider("opensubtitles.username", "user", "opensubtitles.password", "secret");

    // when
    Optional<DownloadedSubtitle> first = provider.download("7010004:pt-BR", Progress.none());
    Optional<DownloadedSubtitle> second = provider.download("7010001:en", Progress.none());

    // then
    assertThat(first).isPresent();
    assertThat(first.get().language()).isEqualTo("pt-BR");
    assertThat(first.get().format()).isEqualTo("srt");
    assertThat(new String(first.get().content(), StandardCharsets.UTF_8)).isEqualTo(FakeOpenSubtitles.FRENCH);
    assertThat(second.get().language()).isEqualTo("en");
    assertThat(api.requestsTo("/api/v1/login")).hasSize(1);
    List<FakeOpenSubtitles.Request> downloads = api.requestsTo("/api/v1/download");
    assertThat(downloads).extracting(FakeOpenSubtitles.Request::body)
        .containsExactly("{\"file_id\":7010004}", "{\"file_id\":7010001}");
    assertThat(downloads).allMatch(r -> "Bearer test-token".equals(r.header("Authorization"))
        && "test-key".equals(r.header("Api-Key")));
    assertThat(api.requestsTo("/files/7010004.srt").get(0).header("Api-Key")).as("the key stays with the API").isNull();
  }

  @Test
  void download_anonymousOrGoneOrMalformed_sendsNoTokenOrFindsNothing() throws Exception {
    OpenSubtitlesProvider provider = provider();

    assertThat(provider.download("7010001:en", Progress.none())).isPresent();
    assertThat(api.requestsTo("/api/v1/download").get(0).header("Authorization")).isNull();
    assertThat(api.requestsTo("/api/v1/login")).isEmpty();
    assertThat(provider.download("404:en", Progress.none())).isEmpty();
    assertThat(provider.download("../../etc/passwd", Progress.none())).isEmpty();
  }

  @Test
  void download_quotaUsedUp_isAnIOExceptionWithOpenSubtitlesMessage() {
    api.quotaUsedUp();

    assertThatThrownBy(() -> provider().download("7010001:en", Progress.none()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("quota used up (406)")
        .hasMessageContaining("You have downloaded your allowed 5 subtitles for 24h")
        .hasMessageContaining("renews at 2024-04-23T23:59:59.000Z");
  }

  @Test
  void search_rateLimitedOrRefused_isAnIOExceptionSayingWhatToDo() {
    assertThatThrownBy(() -> provider("opensubtitles.api-key", "wrong").search(MATRIX, Progress.none()))
        .isInstanceOf(IOException.class).hasMessageContaining("refused the API key (401)")
        .hasMessageContaining("plugins.subtitles.opensubtitles.api-key");
    assertThatThrownBy(() -> provider("opensubtitles.username", "user", "opensubtitles.password", "wrong")
        .download("7010001:en", Progress.none()))
        .isInstanceOf(IOException.class).hasMessageContaining("refused the login of user (401)");
    int before = api.requests.size();
    assertThatThrownBy(() -> provider("opensubtitles.api-key", null).search(MATRIX, Progress.none()))
        .isInstanceOf(IOException.class).hasMessageContaining("needs an API key");
    assertThat(api.requests).hasSize(before);

    api.rateLimited();
    assertThatThrownBy(() -> provider().search(MATRIX, Progress.none()))
        .isInstanceOf(IOException.class).hasMessageContaining("rate limit reached (429)")
        .hasMessageContaining("retry in 1 s");
  }
}
