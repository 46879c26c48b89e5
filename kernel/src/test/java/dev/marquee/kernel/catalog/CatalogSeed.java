package dev.marquee.kernel.catalog;

import dev.marquee.kernel.testing.TestDatabase;
import dev.marquee.kernel.testing.TestKernel;
import java.nio.file.Path;

/** A small catalog of movies, shows and books on one engine, written once and shared by a test class. */
final class CatalogSeed implements AutoCloseable {
  final TestDatabase database;
  final TestKernel kernel;
  final CatalogFixture fixture;
  long movies;
  long shows;
  long books;
  long amelie;
  long matrix;
  long alien;
  long aliens;
  long zed;
  long alienExtra;
  long breakingBad;
  long bbSeason1;
  long bbSeason2;
  long[] bbS1 = new long[3];
  long[] bbS2 = new long[2];
  long dark;
  long darkSeason1;
  long darkS1E1;
  long alienWithin;
  long audrey;
  long jeunet;

  CatalogSeed(TestDatabase.Engine engine, Path dir) {
    database = TestDatabase.create(engine, dir);
    kernel = TestKernel.start(dir, database.settings());
    fixture = new CatalogFixture(kernel.component().database().jdbi());
    seed();
  }

  private void seed() {
    movies = fixture.library("Movies", "movie");
    shows = fixture.library("Shows", "series");
    books = fixture.library("Books", "book");
    amelie = fixture.item(movies, "movie", "Amélie").originalTitle("Le Fabuleux Destin d'Amélie Poulain").year(2001)
        .rating(8.3).runtimeMs(7_200_000).insert();
    matrix = fixture.item(movies, "movie", "The Matrix").year(1999).rating(8.7).runtimeMs(8_160_000).insert();
    alien = fixture.item(movies, "movie", "Alien").year(1979).rating(8.5).runtimeMs(7_020_000).insert();
    aliens = fixture.item(movies, "movie", "Aliens").year(1986).rating(8.4).runtimeMs(8_220_000).insert();
    zed = fixture.item(movies, "movie", "Zed").year(2020).missing().insert();
    alienExtra = fixture.item(movies, "extra", "Alien Trailer").parent(alien).insert();
    fixture.genre(amelie, "Comedy");
    fixture.genre(amelie, "Romance");
    fixture.genre(matrix, "Action");
    fixture.genre(matrix, "Science Fiction");
    fixture.genre(alien, "Science Fiction");
    fixture.genre(alien, "Horror");
    fixture.genre(aliens, "Action");
    fixture.genre(zed, "Action");
    fixture.externalId(amelie, "tmdb", "194");
    fixture.externalId(amelie, "imdb", "tt0211915");
    audrey = fixture.person("Audrey Tautou");
    jeunet = fixture.person("Jean-Pierre Jeunet");
    fixture.credit(amelie, audrey, "actor", "Amélie Poulain", 0);
    fixture.credit(amelie, jeunet, "director", null, 1);
    fixture.file(amelie, "/media/movies/Amélie (2001)/Amélie (2001).mkv", 1_234_567, 1_600_000_000_000L);

    breakingBad = fixture.item(shows, "series", "Breaking Bad").year(2008).insert();
    // seasons and episodes written out of order: children come back by number all the same
    bbSeason2 = fixture.item(shows, "season", "Season 2").parent(breakingBad).index(2).insert();
    bbSeason1 = fixture.item(shows, "season", "Season 1").parent(breakingBad).index(1).insert();
    bbS2[1] = episode(bbSeason2, 2, 2, "Grilled");
    bbS2[0] = episode(bbSeason2, 2, 1, "Seven Thirty-Seven");
    bbS1[2] = episode(bbSeason1, 1, 3, "...And the Bag's in the River");
    bbS1[0] = episode(bbSeason1, 1, 1, "Pilot");
    bbS1[1] = episode(bbSeason1, 1, 2, "Cat's in the Bag...");
    dark = fixture.item(shows, "series", "Dark").year(2017).insert();
    darkSeason1 = fixture.item(shows, "season", "Season 1").parent(dark).index(1).insert();
    darkS1E1 = episode(darkSeason1, 1, 1, "Secrets");

    alienWithin = fixture.item(books, "book", "The Alien Within").year(2010).insert();
  }

  private long episode(long season, int seasonNumber, int number, String title) {
    return fixture.item(shows, "episode", title).parent(season).parentIndex(seasonNumber).index(number)
        .runtimeMs(2_820_000).insert();
  }

  long userId(String name) {
    return kernel.user(name).get("/api/v1/users/me").json().path("id").asLong();
  }

  @Override
  public void close() {
    kernel.close();
    database.close();
  }
}
