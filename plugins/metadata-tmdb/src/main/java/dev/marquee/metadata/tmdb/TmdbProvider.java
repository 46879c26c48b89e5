package dev.marquee.metadata.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.MediaKind;
import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import dev.marquee.api.metadata.Candidate;
import dev.marquee.api.metadata.MetadataPatch;
import dev.marquee.api.metadata.MetadataProvider;
import dev.marquee.api.metadata.MetadataQuery;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Metadata from TMDb (API v3). Search: {@code /search/movie}, {@code /search/tv} by title and year,
 * scored by {@link Confidence}. Fetch: by the {@code tmdb} id, else by an {@code imdb} or {@code tvdb}
 * id through {@code /find}; series through {@code /tv/{id}}, seasons and episodes through their
 * series' id and numbers. Without credentials it finds nothing. Order: default (after local files).
 */
@Extension
public class TmdbProvider implements MetadataProvider {
  private final TmdbSettings settings;
  private final TmdbClient client;
  private final TmdbMapper mapper;

  public TmdbProvider(PluginContext context) {
    this.settings = TmdbSettings.from(context.config());
    this.client = new TmdbClient(settings, context);
    this.mapper = new TmdbMapper(settings.imageBaseUrl(), settings.country());
  }

  @Override
  public String id() {
    return "tmdb";
  }

  @Override
  public Set<MediaKind> kinds() {
    return Set.of(MediaKind.MOVIE, MediaKind.SERIES, MediaKind.SEASON, MediaKind.EPISODE);
  }

  @Override
  public List<Candidate> search(MetadataQuery query, Progress progress) throws IOException {
    if (!settings.configured() || query.title().isBlank()) {
      return List.of();
    }
    boolean movie = query.kind() == MediaKind.MOVIE;
    if (!movie && query.kind() != MediaKind.SERIES) {
      return List.of();
    }
    Map<String, String> params = new HashMap<>();
    params.put("query", query.title());
    params.put("language", query.language());
    params.put("include_adult", "false");
    query.year().ifPresent(y -> params.put(movie ? "year" : "first_air_date_year", y.toString()));
    Optional<JsonNode> page = client.get(movie ? "/search/movie" : "/search/tv", params, progress);
    List<Candidate> found = new ArrayList<>();
    for (JsonNode result : page.map(p -> p.path("results")).orElse(mapper.emptyArray())) {
      String title = TmdbMapper.text(result, movie ? "title" : "name").orElse("");
      if (title.isEmpty() || !result.hasNonNull("id")) {
        continue;
      }
      Optional<Integer> year = TmdbMapper.date(result, movie ? "release_date" : "first_air_date").map(d -> d.getYear());
      String original = TmdbMapper.text(result, movie ? "original_title" : "original_name").orElse(null);
      double confidence = Confidence.of(query.title(), query.year(), title, original, year);
      Optional<URI> poster = TmdbMapper.text(result, "poster_path").map(p -> URI.create(settings.imageBaseUrl() + p));
      found.add(new Candidate(title, year, Map.of("tmdb", result.path("id").asText()), TmdbMapper.text(result, "overview"),
          poster, confidence));
    }
    // Best first; TMDb's own order (popularity-weighted relevance) breaks ties.
    List<Candidate> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingDouble(Candidate::confidence).reversed());
    return sorted;
  }

  @Override
  public Optional<MetadataPatch> fetch(MetadataQuery query, Progress progress) throws IOException {
    if (!settings.configured()) {
      return Optional.empty();
    }
    Map<String, String> params = Map.of("language", query.language());
    switch (query.kind()) {
      case MOVIE -> {
        Optional<String> id = tmdbId(query.externalIds(), "movie_results", query.language(), progress);
        if (id.isEmpty()) {
          return Optional.empty();
        }
        Map<String, String> details = new HashMap<>(params);
        details.put("append_to_response", "credits,external_ids,images,release_dates");
        details.put("include_image_language", language(query.language()) + ",null");
        return client.get("/movie/" + id.get(), details, progress).map(mapper::movie);
      }
      case SERIES -> {
        Optional<String> id = tmdbId(query.externalIds(), "tv_results", query.language(), progress);
        if (id.isEmpty()) {
          return Optional.empty();
        }
        Map<String, String> details = new HashMap<>(params);
        details.put("append_to_response", "credits,external_ids,images,content_ratings");
        details.put("include_image_language", language(query.language()) + ",null");
        return client.get("/tv/" + id.get(), details, progress).map(mapper::series);
      }
      case SEASON -> {
        Optional<String> series = tmdbId(query.seriesExternalIds(), "tv_results", query.language(), progress);
        if (series.isEmpty() || query.seasonNumber().isEmpty()) {
          return Optional.empty();
        }
        return client.get("/tv/" + series.get() + "/season/" + query.seasonNumber().get(), params, progress).map(mapper::season);
      }
      case EPISODE -> {
        Optional<String> series = tmdbId(query.seriesExternalIds(), "tv_results", query.language(), progress);
        if (series.isEmpty() || query.seasonNumber().isEmpty() || query.episodeNumber().isEmpty()) {
          return Optional.empty();
        }
        Map<String, String> details = new HashMap<>(params);
        details.put("append_to_response", "credits,external_ids");
        return client.get("/tv/" + series.get() + "/season/" + query.seasonNumber().get() + "/episode/"
            + query.episodeNumber().get(), details, progress).map(mapper::episode);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** The TMDb id among {@code ids}, else the one {@code /find} gives for the IMDb or TheTVDB id. */
  private Optional<String> tmdbId(Map<String, String> ids, String resultsField, String language, Progress progress)
      throws IOException {
    String tmdb = ids.get("tmdb");
    if (tmdb != null && tmdb.matches("\\d+")) {
      return Optional.of(tmdb);
    }
    for (Map.Entry<String, String> source : List.of(Map.entry("imdb", "imdb_id"), Map.entry("tvdb", "tvdb_id"))) {
      String value = ids.get(source.getKey());
      if (value == null || value.isBlank()) {
        continue;
      }
      Optional<JsonNode> found = client.get("/find/" + value.trim(),
          Map.of("external_source", source.getValue(), "language", language), progress);
      Optional<String> id = found.map(f -> f.path(resultsField).path(0).path("id"))
          .filter(JsonNode::isNumber).map(JsonNode::asText);
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  private static String language(String tag) {
    int dash = tag.indexOf('-');
    return dash > 0 ? tag.substring(0, dash) : tag;
  }
}
