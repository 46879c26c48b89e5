package dev.marquee.subtitles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.MediaKind;
import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import dev.marquee.api.subtitle.DownloadedSubtitle;
import dev.marquee.api.subtitle.RemoteSubtitle;
import dev.marquee.api.subtitle.SubtitleProvider;
import dev.marquee.api.subtitle.SubtitleQuery;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Subtitles from OpenSubtitles.com ({@code opensubtitles}) through its REST API v1.
 *
 * <p>Search ({@code GET /subtitles}): by the file's OpenSubtitles hash ({@code moviehash}) when the
 * kernel computed it, and by the item's IMDb id (or, for a movie, its TMDb id); without ids, by
 * title ({@code query}) with the year, or the season and episode numbers of an episode; in the
 * wanted {@code languages}. Results in several files (CD1, CD2) are left out. Best first: hash
 * matches, then the hearing-impaired preference, then download count. The remote id is {@code
 * <file_id>:<language>}, so that a download knows its language.
 *
 * <p>Download ({@code POST /download} with the {@code file_id}, then the temporary {@code link} it
 * answers): the file converted to UTF-8 ({@link TextCharset}), its format from the file name.
 * Settings in {@link OpenSubtitlesSettings}; without an API key every call fails saying which key
 * to set.
 */
@Extension
public class OpenSubtitlesProvider implements SubtitleProvider {
  static final String ID = "opensubtitles";
  private static final Pattern REMOTE_ID = Pattern.compile("(\\d{1,18})(?::([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*))?");
  private static final Pattern IMDB = Pattern.compile("(?i)(?:tt)?0*(\\d+)");

  private final OpenSubtitlesClient client;

  public OpenSubtitlesProvider(PluginContext context) {
    this.client = new OpenSubtitlesClient(OpenSubtitlesSettings.from(context.config()), context.httpClient(),
        context.clock());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<RemoteSubtitle> search(SubtitleQuery query, Progress progress) throws IOException {
    JsonNode answer = client.search(parameters(query), progress);
    List<RemoteSubtitle> found = new ArrayList<>();
    for (JsonNode result : answer.path("data")) {
      JsonNode attributes = result.path("attributes");
      JsonNode files = attributes.path("files");
      if (files.size() != 1 || !files.get(0).path("file_id").canConvertToLong()) {
        continue;
      }
      String language = Languages.tag(attributes.path("language").asText("")).orElse("und");
      String release = attributes.path("release").asText("").strip();
      found.add(new RemoteSubtitle(ID, files.get(0).path("file_id").asLong() + ":" + language, language, "srt",
          release.isEmpty() ? Optional.empty() : Optional.of(release),
          attributes.hasNonNull("download_count") ? Optional.of(attributes.get("download_count").asInt())
              : Optional.empty(),
          attributes.path("moviehash_match").asBoolean(false), attributes.path("hearing_impaired").asBoolean(false)));
    }
    found.sort(Comparator.comparing((RemoteSubtitle s) -> !s.hashMatch())
        .thenComparing(s -> s.hearingImpaired() != query.hearingImpaired())
        .thenComparing(s -> -s.downloadCount().orElse(0)));
    return found;
  }

  @Override
  public Optional<DownloadedSubtitle> download(String remoteId, Progress progress) throws IOException {
    Matcher id = REMOTE_ID.matcher(remoteId.strip());
    if (!id.matches()) {
      return Optional.empty();
    }
    Optional<JsonNode> answer = client.download(Long.parseLong(id.group(1)), progress);
    if (answer.isEmpty() || answer.get().path("link").asText("").isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = client.fetch(URI.create(answer.get().path("link").asText()), progress);
    String fileName = answer.get().path("file_name").asText("");
    String extension = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.') + 1)
        .toLowerCase(Locale.ROOT) : "srt";
    String format = SidecarName.FORMATS.getOrDefault(extension, "srt");
    if (SidecarName.IMAGE_FORMATS.contains(format)) {
      throw new IOException("OpenSubtitles sent a picture subtitle (" + fileName + "), which cannot be used alone");
    }
    String utf8 = TextCharset.detect(bytes).decode(bytes);
    String language = id.group(2) == null ? "und" : Languages.tag(id.group(2)).orElse("und");
    return Optional.of(new DownloadedSubtitle(language, format, utf8.getBytes(StandardCharsets.UTF_8)));
  }

  /** The search's query parameters; {@link OpenSubtitlesClient} sorts them. */
  static SortedMap<String, String> parameters(SubtitleQuery query) {
    SortedMap<String, String> parameters = new TreeMap<>();
    parameters.put("languages", query.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).sorted().distinct()
        .reduce((a, b) -> a + "," + b).orElseThrow());
    query.fileHash().ifPresent(hash -> parameters.put("moviehash", hash));
    boolean episode = query.kind() == MediaKind.EPISODE;
    parameters.put("type", episode ? "episode" : "movie");
    Optional<String> imdb = Optional.ofNullable(query.externalIds().get("imdb")).map(IMDB::matcher)
        .filter(Matcher::matches).map(m -> m.group(1));
    Optional<String> tmdb = Optional.ofNullable(query.externalIds().get("tmdb")).filter(v -> v.matches("\\d+"));
    if (imdb.isPresent()) {
      parameters.put("imdb_id", imdb.get());
    } else if (tmdb.isPresent() && !episode) {
      parameters.put("tmdb_id", tmdb.get());
    } else {
      parameters.put("query", query.title());
      if (episode) {
        query.seasonNumber().ifPresent(n -> parameters.put("season_number", String.valueOf(n)));
        query.episodeNumber().ifPresent(n -> parameters.put("episode_number", String.valueOf(n)));
      } else {
        query.year().ifPresent(y -> parameters.put("year", String.valueOf(y)));
      }
    }
    return parameters;
  }
}
