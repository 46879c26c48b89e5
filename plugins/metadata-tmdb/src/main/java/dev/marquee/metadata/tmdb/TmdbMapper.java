package dev.marquee.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.marquee.api.metadata.Image;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.Person;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns TMDb's documented JSON (movie, tv, season, episode details) into patches. Stateless. */
final class TmdbMapper {
  private static final int MAX_CAST = 40;
  private static final int MAX_IMAGES_PER_TYPE = 5;

  private final String imageBase;
  private final String country;

  TmdbMapper(String imageBase, String country) {
    this.imageBase = imageBase;
    this.country = country;
  }

  JsonNode emptyArray() {
    return JsonNodeFactory.instance.arrayNode();
  }

  MetadataPatch movie(JsonNode m) {
    MetadataPatch.Builder patch = MetadataPatch.builder();
    text(m, "title").ifPresent(patch::title);
    text(m, "original_title").ifPresent(patch::originalTitle);
    text(m, "overview").ifPresent(patch::overview);
    text(m, "tagline").ifPresent(patch::tagline);
    date(m, "release_date").ifPresent(patch::releaseDate);
    positive(m.path("runtime")).ifPresent(minutes -> patch.runtime(Duration.ofMinutes(minutes)));
    rating(m).ifPresent(patch::communityRating);
    text(m, "original_language").ifPresent(patch::originalLanguage);
    names(m.path("genres")).forEach(patch::genre);
    names(m.path("production_companies")).forEach(patch::studio);
    certification(m).ifPresent(patch::contentRating);
    patch.externalId("tmdb", m.path("id").asText());
    text(m, "imdb_id").or(() -> text(m.path("external_ids"), "imdb_id")).ifPresent(id -> patch.externalId("imdb", id));
    cast(m.path("credits").path("cast"), patch);
    crew(m.path("credits").path("crew"), patch);
    images(m, patch, Image.Type.POSTER, "poster_path", "posters");
    images(m, patch, Image.Type.BACKDROP, "backdrop_path", "backdrops");
    images(m, patch, Image.Type.LOGO, null, "logos");
    return patch.build();
  }

  MetadataPatch series(JsonNode t) {
    MetadataPatch.Builder patch = MetadataPatch.builder();
    text(t, "name").ifPresent(patch::title);
    text(t, "original_name").ifPresent(patch::originalTitle);
    text(t, "overview").ifPresent(patch::overview);
    text(t, "tagline").ifPresent(patch::tagline);
    date(t, "first_air_date").ifPresent(patch::releaseDate);
    String status = t.path("status").asText("");
    if (status.equals("Ended") || status.equals("Canceled")) {
      date(t, "last_air_date").ifPresent(patch::endDate);
    }
    positive(t.path("episode_run_time").path(0)).ifPresent(minutes -> patch.runtime(Duration.ofMinutes(minutes)));
    rating(t).ifPresent(patch::communityRating);
    text(t, "original_language").ifPresent(patch::originalLanguage);
    names(t.path("genres")).forEach(patch::genre);
    names(t.path("networks")).forEach(patch::studio);
    for (JsonNode r : t.path("content_ratings").path("results")) {
      if (country.equalsIgnoreCase(r.path("iso_3166_1").asText()) && !r.path("rating").asText("").isBlank()) {
        patch.contentRating(r.path("rating").asText());
        break;
      }
    }
    patch.externalId("tmdb", t.path("id").asText());
    JsonNode ids = t.path("external_ids");
    text(ids, "imdb_id").ifPresent(id -> patch.externalId("imdb", id));
    positive(ids.path("tvdb_id")).ifPresent(id -> patch.externalId("tvdb", Long.toString(id)));
    for (JsonNode creator : t.path("created_by")) {
      person(creator, Person.Role.CREATOR, Optional.empty()).ifPresent(patch::person);
    }
    cast(t.path("credits").path("cast"), patch);
    images(t, patch, Image.Type.POSTER, "poster_path", "posters");
    images(t, patch, Image.Type.BACKDROP, "backdrop_path", "backdrops");
    images(t, patch, Image.Type.LOGO, null, "logos");
    return patch.build();
  }

  MetadataPatch season(JsonNode s) {
    MetadataPatch.Builder patch = MetadataPatch.builder();
    text(s, "name").ifPresent(patch::title);
    text(s, "overview").ifPresent(patch::overview);
    date(s, "air_date").ifPresent(patch::releaseDate);
    patch.externalId("tmdb", s.path("id").asText());
    images(s, patch, Image.Type.POSTER, "poster_path", "posters");
    return patch.build();
  }

  MetadataPatch episode(JsonNode e) {
    MetadataPatch.Builder patch = MetadataPatch.builder();
    text(e, "name").ifPresent(patch::title);
    text(e, "overview").ifPresent(patch::overview);
    date(e, "air_date").ifPresent(patch::releaseDate);
    positive(e.path("runtime")).ifPresent(minutes -> patch.runtime(Duration.ofMinutes(minutes)));
    rating(e).ifPresent(patch::communityRating);
    patch.externalId("tmdb", e.path("id").asText());
    JsonNode ids = e.path("external_ids");
    text(ids, "imdb_id").ifPresent(id -> patch.externalId("imdb", id));
    positive(ids.path("tvdb_id")).ifPresent(id -> patch.externalId("tvdb", Long.toString(id)));
    JsonNode cast = e.path("credits").path("cast");
    cast(cast.isArray() && cast.size() > 0 ? cast : e.path("guest_stars"), patch);
    crew(e.path("crew").isArray() && e.path("crew").size() > 0 ? e.path("crew") : e.path("credits").path("crew"), patch);
    text(e, "still_path").ifPresent(p -> patch.image(Image.of(Image.Type.THUMBNAIL, URI.create(imageBase + p))));
    return patch.build();
  }

  private void cast(JsonNode cast, MetadataPatch.Builder patch) {
    List<JsonNode> members = new ArrayList<>();
    cast.forEach(members::add);
    members.sort((a, b) -> Integer.compare(a.path("order").asInt(Integer.MAX_VALUE), b.path("order").asInt(Integer.MAX_VALUE)));
    members.stream().limit(MAX_CAST).forEach(member ->
        person(member, Person.Role.ACTOR, text(member, "character")).ifPresent(patch::person));
  }

  private void crew(JsonNode crew, MetadataPatch.Builder patch) {
    for (JsonNode member : crew) {
      Person.Role role = switch (member.path("job").asText("")) {
        case "Director" -> Person.Role.DIRECTOR;
        case "Screenplay", "Writer", "Teleplay", "Story", "Novel" -> Person.Role.WRITER;
        case "Producer" -> Person.Role.PRODUCER;
        default -> null;
      };
      if (role != null) {
        person(member, role, Optional.empty()).ifPresent(patch::person);
      }
    }
  }

  private Optional<Person> person(JsonNode node, Person.Role role, Optional<String> character) {
    return text(node, "name").map(name -> new Person(name, role, character,
        node.path("id").isNumber() ? Map.of("tmdb", node.path("id").asText()) : Map.of(),
        text(node, "profile_path").map(p -> URI.create(imageBase + p))));
  }

  /** The main image first, then the images list's best ones of the type, each path once. */
  private void images(JsonNode item, MetadataPatch.Builder patch, Image.Type type, String mainField, String listField) {
    Set<String> seen = new HashSet<>();
    if (mainField != null) {
      text(item, mainField).ifPresent(p -> {
        seen.add(p);
        patch.image(Image.of(type, URI.create(imageBase + p)));
      });
    }
    List<JsonNode> listed = new ArrayList<>();
    item.path("images").path(listField).forEach(listed::add);
    listed.sort((a, b) -> Double.compare(b.path("vote_average").asDouble(), a.path("vote_average").asDouble()));
    int added = 0;
    for (JsonNode image : listed) {
      Optional<String> path = text(image, "file_path");
      if (path.isEmpty() || !seen.add(path.get()) || added >= MAX_IMAGES_PER_TYPE) {
        continue;
      }
      added++;
      patch.image(new Image(type, URI.create(imageBase + path.get()), positiveInt(image.path("width")),
          positiveInt(image.path("height")), text(image, "iso_639_1"),
          image.path("vote_average").isNumber() ? Optional.of(image.path("vote_average").asDouble()) : Optional.empty()));
    }
  }

  /** The age rating of the configured country: a theatrical release's first, else any. */
  private Optional<String> certification(JsonNode movie) {
    for (JsonNode r : movie.path("release_dates").path("results")) {
      if (!country.equalsIgnoreCase(r.path("iso_3166_1").asText())) {
        continue;
      }
      Optional<String> any = Optional.empty();
      for (JsonNode release : r.path("release_dates")) {
        String certification = release.path("certification").asText("").trim();
        if (certification.isEmpty()) {
          continue;
        }
        if (release.path("type").asInt() == 3) {
          return Optional.of(certification);
        }
        any = any.or(() -> Optional.of(certification));
      }
      return any;
    }
    return Optional.empty();
  }

  private static Optional<Double> rating(JsonNode node) {
    JsonNode vote = node.path("vote_average");
    // TMDb reports 0 for "no votes yet".
    return vote.isNumber() && vote.asDouble() > 0 && vote.asDouble() <= 10 && node.path("vote_count").asInt(1) > 0
        ? Optional.of(vote.asDouble()) : Optional.empty();
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(n -> text(n, "name").ifPresent(names::add));
    return names;
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText().trim()) : Optional.empty();
  }

  static Optional<LocalDate> date(JsonNode node, String field) {
    try {
      return text(node, field).map(LocalDate::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> positive(JsonNode value) {
    return value.isNumber() && value.asLong() > 0 ? Optional.of(value.asLong()) : Optional.empty();
  }

  private static Optional<Integer> positiveInt(JsonNode value) {
    return value.isNumber() && value.asInt() > 0 ? Optional.of(value.asInt()) : Optional.empty();
  }
}
