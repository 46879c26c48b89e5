package dev.marquee.subtitles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Subtitle file names as Plex and Jellyfin users write them. */
class SidecarNameTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      // file name,                  format, language, title,          forced, hearing impaired, default
      "Movie.srt,                    srt,    -,        -,              false,  false,            false",
      "Movie.en.srt,                 srt,    en,       -,              false,  false,            false",
      "Movie.eng.srt,                srt,    en,       -,              false,  false,            false",
      "Movie.ger.srt,                srt,    de,       -,              false,  false,            false",
      "Movie.deu.srt,                srt,    de,       -,              false,  false,            false",
      "Movie.English.srt,            srt,    en,       -,              false,  false,            false",
      "Movie.Deutsch.srt,            srt,    de,       -,              false,  false,            false",
      "Movie.french.srt,             srt,    fr,       -,              false,  false,            false",
      "Movie.pt-BR.srt,              srt,    pt-BR,    -,              false,  false,            false",
      "Movie.pt_br.srt,              srt,    pt-BR,    -,              false,  false,            false",
      "Movie.eng.forced.srt,         srt,    en,       -,              true,   false,            false",
      "Movie.forced.eng.srt,         srt,    en,       -,              true,   false,            false",
      "Movie.en.sdh.srt,             srt,    en,       -,              false,  true,             false",
      "Movie.English.hi.ass,         ass,    en,       -,              false,  true,             false",
      "Movie.hi.srt,                 srt,    -,        -,              false,  true,             false",
      "Movie.fr.cc.ssa,              ssa,    fr,       -,              false,  true,             false",
      "Movie.es.default.vtt,         webvtt, es,       -,              false,  false,            true",
      "Movie.en.Commentary.srt,      srt,    en,       Commentary,     false,  false,            false",
      "Movie.Director Notes.en.SRT,  srt,    en,       Director Notes, false,  false,            false",
      "movie.EN.FORCED.srt,          srt,    en,       -,              true,   false,            false",
      "Movie.en.idx,                 vobsub, en,       -,              false,  false,            false",
      "Movie.nl.sup,                 pgs,    nl,       -,              false,  false,            false",
      "Movie.sub,                    sub,    -,        -,              false,  false,            false",
  })
  void parse_namedTheUsualWays_readsFormatLanguageAndFlags(String file, String format, String language, String title,
      boolean forced, boolean hearingImpaired, boolean defaultTrack) {
    // when
    Optional<SidecarName> parsed = SidecarName.parse("Movie", file);

    // then
    assertThat(parsed).contains(new SidecarName(format, Optional.ofNullable(language), Optional.ofNullable(title),
        forced, hearingImpaired, defaultTrack));
  }

  @Test
  void parse_otherFiles_areNoSubtitlesOfTheVideo() {
    assertThat(SidecarName.parse("Movie", "Movie2.en.srt")).isEmpty();
    assertThat(SidecarName.parse("Movie", "Other.en.srt")).isEmpty();
    assertThat(SidecarName.parse("Movie", "Movie.en.txt")).isEmpty();
    assertThat(SidecarName.parse("Movie", "Movie.nfo")).isEmpty();
    assertThat(SidecarName.parse("Movie", ".srt")).isEmpty();
  }

  @Test
  void parse_imageFormats_areImages() {
    assertThat(SidecarName.parse("Movie", "Movie.en.idx").orElseThrow().image()).isTrue();
    assertThat(SidecarName.parse("Movie", "Movie.en.sup").orElseThrow().image()).isTrue();
    assertThat(SidecarName.parse("Movie", "Movie.en.srt").orElseThrow().image()).isFalse();
  }

  @Test
  void tag_namesOfLanguages_becomeBcp47() {
    assertThat(Languages.tag("fre")).contains("fr");
    assertThat(Languages.tag("fra")).contains("fr");
    assertThat(Languages.tag("chi")).contains("zh");
    assertThat(Languages.tag("zh-Hant")).contains("zh-Hant");
    assertThat(Languages.tag("Español")).contains("es");
    assertThat(Languages.tag("pob")).contains("pt-BR");
    assertThat(Languages.tag("und")).isEmpty();
    assertThat(Languages.tag("Commentary")).isEmpty();
    assertThat(Languages.tag("")).isEmpty();
  }
}
