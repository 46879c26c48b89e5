package dev.marquee.metadata.nfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.marquee.api.MediaKind;
import dev.marquee.api.Progress;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataQuery;
import dev.marquee.api.metadata.Person;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading real-world NFO files beside the media. */
class NfoProviderTest {
  @TempDir
  Path dir;

  private final NfoProvider provider = new NfoProvider();

  private Path sample(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = getClass().getResourceAsStream("/nfo/" + resource)) {
      Files.copy(in, target);
    }
    return target;
  }

  private static MetadataQuery query(MediaKind kind, Path file, Integer episode) {
    return new MetadataQuery(kind, "x", Optional.empty(), Map.of(), Map.of(), Optional.empty(), Optional.ofNullable(episode),
        List.of(), "en", List.of(file));
  }

  @Test
  void fetch_movieNfoWithUrlLine_readsEveryField() throws IOException {
    // given
    Path movie = dir.resolve("The Matrix (1999)/The Matrix (1999).mkv");
    sample("movie.nfo", dir.resolve("The Matrix (1999)/movie.nfo"));
    // when
    MetadataPatch patch = provider.fetch(query(MediaKind.MOVIE, movie, null), Progress.none()).orElseThrow();
    // then
    assertThat(patch.title()).contains("The Matrix");
    assertThat(patch.sortTitle()).contains("Matrix 1");
    assertThat(patch.overview()).get().asString().startsWith("Set in the 22nd century");
    assertThat(patch.tagline()).contains("Welcome to the Real World.");
    assertThat(patch.releaseDate()).contains(LocalDate.of(1999, 3, 30));
    assertThat(patch.year()).contains(1999);
    assertThat(patch.runtime()).contains(Duration.ofMinutes(136));
    assertThat(patch.contentRating()).contains("R");
    assertThat(patch.communityRating()).contains(8.2);
    assertThat(patch.externalIds()).containsExactlyInAnyOrderEntriesOf(Map.of("tmdb", "603", "imdb", "tt0133093"));
    assertThat(patch.genres()).containsExactly("Action", "Science Fiction");
    assertThat(patch.studios()).containsExactly("Village Roadshow Pictures", "Warner Bros. Pictures");
    assertThat(patch.people()).extracting(Person::name, Person::role, p -> p.character().orElse(null)).containsExactly(
        tuple("Keanu Reeves", Person.Role.ACTOR, "Thomas A. Anderson / Neo"),
        tuple("Laurence Fishburne", Person.Role.ACTOR, "Morpheus"),
        tuple("Carrie-Anne Moss", Person.Role.ACTOR, "Trinity"),
        tuple("Lilly Wachowski", Person.Role.DIRECTOR, null),
        tuple("Lana Wachowski", Person.Role.DIRECTOR, null),
        tuple("Lilly Wachowski", Person.Role.WRITER, null),
        tuple("Lana Wachowski", Person.Role.WRITER, null));
    assertThat(patch.people().get(0).imageUrl()).contains(URI.create("https://image.tmdb.org/t/p/h632/4D0PpNI0kmP58hgrwGC3wCjxhnm.jpg"));
    assertThat(patch.images()).extracting(Image::type, i -> i.url().toString()).containsExactly(
        tuple(Image.Type.POSTER, "https://image.tmdb.org/t/p/original/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg"),
        tuple(Image.Type.LOGO, "https://assets.fanart.tv/fanart/movies/603/hdmovielogo/the-matrix-5150e8a6cd6e4.png"),
        tuple(Image.Type.BACKDROP, "https://image.tmdb.org/t/p/original/ncEsesgOJDNrTUED89hYbA117wo.jpg"));
  }

  @Test
  void fetch_nameNfo_winsOverMovieNfo() throws IOException {
    // given
    Path movie = dir.resolve("Amelie (2001)/Amelie (2001).mkv");
    sample("movie.nfo", dir.resolve("Amelie (2001)/movie.nfo"));
    sample("sparse-movie.nfo", dir.resolve("Amelie (2001)/Amelie (2001).nfo"));
    // when
    MetadataPatch patch = provider.fetch(query(MediaKind.MOVIE, movie, null), Progress.none()).orElseThrow();
    // then: the sparse one, with its missing fields left empty
    assertThat(patch.title()).contains("Amélie");
    assertThat(patch.year()).contains(2001);
    assertThat(patch.communityRating()).contains(7.9);
    assertThat(patch.contentRating()).contains("R");
    assertThat(patch.overview()).isEmpty();
    assertThat(patch.releaseDate()).isEmpty();
    assertThat(patch.genres()).isEmpty();
    assertThat(patch.people()).isEmpty();
    assertThat(patch.externalIds()).isEmpty();
  }

  @Test
  void fetch_tvshowNfo_readsShowAndSkipsSeasonArt() throws IOException {
    // given
    Path show = dir.resolve("Breaking Bad (2008)");
    sample("tvshow.nfo", show.resolve("tvshow.nfo"));
    // when
    MetadataPatch patch = provider.fetch(query(MediaKind.SERIES, show, null), Progress.none()).orElseThrow();
    // then
    assertThat(patch.title()).contains("Breaking Bad");
    assertThat(patch.releaseDate()).contains(LocalDate.of(2008, 1, 20));
    assertThat(patch.communityRating()).contains(9.3);
    assertThat(patch.contentRating()).contains("TV-MA");
    assertThat(patch.externalIds()).containsExactlyInAnyOrderEntriesOf(Map.of("tvdb", "81189", "tmdb", "1396", "imdb", "tt0903747"));
    assertThat(patch.genres()).containsExactly("Drama", "Crime", "Thriller");
    assertThat(patch.people()).extracting(Person::name).containsExactly("Bryan Cranston", "Aaron Paul");
    assertThat(patch.images()).extracting(Image::type, i -> i.url().toString()).containsExactly(
        tuple(Image.Type.BANNER, "https://artworks.thetvdb.com/banners/graphical/81189-g21.jpg"),
        tuple(Image.Type.POSTER, "https://artworks.thetvdb.com/banners/posters/81189-10.jpg"),
        tuple(Image.Type.BACKDROP, "https://artworks.thetvdb.com/banners/fanart/original/81189-1.jpg"));
  }

  @Test
  void fetch_multiEpisodeNfo_picksTheQueriedEpisode() throws IOException {
    // given
    Path episode = dir.resolve("Lost/Season 01/Lost - S01E01E02 - Pilot.mkv");
    sample("episode-multi.nfo", dir.resolve("Lost/Season 01/Lost - S01E01E02 - Pilot.nfo"));
    // when
    MetadataPatch second = provider.fetch(query(MediaKind.EPISODE, episode, 2), Progress.none()).orElseThrow();
    MetadataPatch first = provider.fetch(query(MediaKind.EPISODE, episode, 1), Progress.none()).orElseThrow();
    // then
    assertThat(second.title()).contains("Pilot (2)");
    assertThat(second.releaseDate()).contains(LocalDate.of(2004, 9, 29));
    assertThat(second.externalIds()).containsEntry("tvdb", "127132");
    assertThat(first.title()).contains("Pilot (1)");
    assertThat(first.runtime()).contains(Duration.ofMinutes(42));
    assertThat(first.images()).extracting(Image::type).containsExactly(Image.Type.THUMBNAIL);
    assertThat(first.people()).extracting(Person::role).containsExactly(Person.Role.DIRECTOR, Person.Role.WRITER);
  }

  @Test
  void fetch_urlOnlyNfo_givesTheIdOnly() throws IOException {
    // given
    Path movie = dir.resolve("Pulp Fiction (1994)/Pulp Fiction (1994).avi");
    sample("url-only.nfo", dir.resolve("Pulp Fiction (1994)/Pulp Fiction (1994).nfo"));
    // when
    MetadataPatch patch = provider.fetch(query(MediaKind.MOVIE, movie, null), Progress.none()).orElseThrow();
    // then
    assertThat(patch.externalIds()).containsExactly(Map.entry("imdb", "tt0110912"));
    assertThat(patch.title()).isEmpty();
  }

  @Test
  void fetch_nfoWithDoctype_isRefusedWithoutReadingEntities() throws IOException {
    // given
    Path movie = dir.resolve("Evil/Evil.mkv");
    sample("doctype.nfo", dir.resolve("Evil/Evil.nfo"));
    // when
    Optional<MetadataPatch> patch = provider.fetch(query(MediaKind.MOVIE, movie, null), Progress.none());
    // then
    assertThat(patch).isEmpty();
  }

  @Test
  void fetch_noNfo_isEmpty() throws IOException {
    assertThat(provider.fetch(query(MediaKind.MOVIE, dir.resolve("None/None.mkv"), null), Progress.none())).isEmpty();
    assertThat(provider.fetch(MetadataQuery.of(MediaKind.MOVIE, "x", Optional.empty(), "en"), Progress.none())).isEmpty();
  }

  @Test
  void fetch_localArtworkPath_becomesFileUri() throws IOException {
    // given
    Path folder = dir.resolve("Local (2020)");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("poster.jpg"), "jpeg");
    Files.writeString(folder.resolve("movie.nfo"), "<movie><title>Local</title><thumb aspect=\"poster\">poster.jpg</thumb>"
        + "<thumb aspect=\"poster\">missing.jpg</thumb></movie>");
    // when
    MetadataPatch patch = provider.fetch(query(MediaKind.MOVIE, folder.resolve("Local (2020).mkv"), null), Progress.none()).orElseThrow();
    // then
    assertThat(patch.images()).extracting(Image::url).containsExactly(folder.resolve("poster.jpg").toUri());
  }

  @Test
  void search_nfoWithIds_givesOneCertainCandidate() throws IOException {
    // given
    Path movie = dir.resolve("The Matrix (1999)/The Matrix (1999).mkv");
    sample("movie.nfo", dir.resolve("The Matrix (1999)/movie.nfo"));
    // when
    List<Candidate> found = provider.search(query(MediaKind.MOVIE, movie, null), Progress.none());
    // then
    assertThat(found).singleElement().satisfies(c -> {
      assertThat(c.title()).isEqualTo("The Matrix");
      assertThat(c.year()).contains(1999);
      assertThat(c.externalIds()).containsEntry("tmdb", "603");
      assertThat(c.confidence()).isEqualTo(1.0);
    });
  }
}
