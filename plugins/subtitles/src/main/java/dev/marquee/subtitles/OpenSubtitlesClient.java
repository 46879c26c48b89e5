package dev.marquee.subtitles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.Progress;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Calls the OpenSubtitles REST API v1. Thread-safe.
 *
 * <ul>
 *   <li>Every API request carries {@code Api-Key}, {@code User-Agent} and {@code Accept:
 *       application/json}; query parameters go sorted by name with lower-case values, as
 *       OpenSubtitles asks (it redirects other spellings).
 *   <li>With a username and password, {@code POST /login} gives a bearer token, kept for 23 hours
 *       (OpenSubtitles' tokens last 24) and sent with downloads; a 401 drops it and logs in again
 *       once.
 *   <li>Failures are {@link IOException}s whose message says what to do: a 401 names the settings,
 *       a 406 (download quota used up) or a 429 (too many requests) carries OpenSubtitles' own
 *       message and when to retry.
 * </ul>
 */
final class OpenSubtitlesClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TOKEN_LIFE = Duration.ofHours(23);
  private static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

  private final OpenSubtitlesSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private String token;
  private Instant tokenExpires = Instant.MIN;

  OpenSubtitlesClient(OpenSubtitlesSettings settings, HttpClient http, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
  }

  /**
   * {@code GET /subtitles} with these parameters.
   *
   * @throws IOException when OpenSubtitles cannot be reached or refuses the search
   */
  JsonNode search(SortedMap<String, String> parameters, Progress progress) throws IOException {
    String query = parameters.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue().toLowerCase(java.util.Locale.ROOT)))
        .collect(Collectors.joining("&"));
    HttpRequest request = api("/subtitles" + (query.isEmpty() ? "" : "?" + query)).GET().build();
    HttpResponse<byte[]> response = send(request, progress);
    if (response.statusCode() != 200) {
      throw failure("searching", response);
    }
    return mapper.readTree(response.body());
  }

  /**
   * {@code POST /download} for one file: its temporary link and the quota left.
   *
   * @return empty when OpenSubtitles no longer has the file (404)
   * @throws IOException when OpenSubtitles cannot be reached or refuses the download (quota)
   */
  Optional<JsonNode> download(long fileId, Progress progress) throws IOException {
    byte[] body = mapper.writeValueAsBytes(Map.of("file_id", fileId));
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request = api("/download").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      Optional<String> bearer = bearer(progress);
      bearer.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      HttpResponse<byte[]> response = send(request.build(), progress);
      if (response.statusCode() == 401 && bearer.isPresent() && attempt == 0) {
        dropToken();
        continue;
      }
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw failure("downloading file " + fileId, response);
      }
      return Optional.of(mapper.readTree(response.body()));
    }
  }

  /**
   * The bytes at a download link (no API headers: the link is signed by itself).
   *
   * @throws IOException when the link fails or the file is larger than 20 MiB
   */
  byte[] fetch(URI link, Progress progress) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(link).timeout(TIMEOUT).header("User-Agent", settings.userAgent())
        .GET().build();
    HttpResponse<byte[]> response = send(request, progress);
    if (response.statusCode() != 200) {
      throw new IOException("OpenSubtitles' download link answered " + response.statusCode());
    }
    if (response.body().length > MAX_FILE_BYTES) {
      throw new IOException("OpenSubtitles sent a subtitle file larger than " + MAX_FILE_BYTES + " bytes");
    }
    return response.body();
  }

  private synchronized Optional<String> bearer(Progress progress) throws IOException {
    if (!settings.login()) {
      return Optional.empty();
    }
    if (token != null && clock.instant().isBefore(tokenExpires)) {
      return Optional.of(token);
    }
    byte[] body = mapper.writeValueAsBytes(Map.of("username", settings.username().get(),
        "password", settings.password().get()));
    HttpRequest request = api("/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<byte[]> response = send(request, progress);
    if (response.statusCode() == 401) {
      throw new IOException("OpenSubtitles refused the login of " + settings.username().get()
          + " (401): check plugins.subtitles.opensubtitles.username and .password");
    }
    if (response.statusCode() != 200) {
      throw failure("logging in", response);
    }
    String fresh = mapper.readTree(response.body()).path("token").asText("");
    if (fresh.isEmpty()) {
      throw new IOException("OpenSubtitles answered the login without a token");
    }
    token = fresh;
    tokenExpires = clock.instant().plus(TOKEN_LIFE);
    return Optional.of(token);
  }

  private synchronized void dropToken() {
    token = null;
  }

  private HttpRequest.Builder api(String pathAndQuery) throws IOException {
    if (settings.apiKey().isEmpty()) {
      throw new IOException("OpenSubtitles needs an API key: set " + OpenSubtitlesSettings.API_KEY);
    }
    return HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery)).timeout(TIMEOUT)
        .header("Api-Key", settings.apiKey().get())
        .header("User-Agent", settings.userAgent())
        .header("Accept", "application/json");
  }

  private HttpResponse<byte[]> send(HttpRequest request, Progress progress) throws IOException {
    progress.checkCancelled();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while calling OpenSubtitles");
    }
  }

  private IOException failure(String doing, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    JsonNode body;
    try {
      body = mapper.readTree(response.body());
    } catch (IOException e) {
      body = mapper.nullNode();
    }
    String message = message(body);
    return switch (status) {
      case 401, 403 -> new IOException("OpenSubtitles refused the API key (" + status + ") " + doing + ": check "
          + OpenSubtitlesSettings.API_KEY + (message.isEmpty() ? "" : " (" + message + ")"));
      case 406 -> new IOException("OpenSubtitles download quota used up (406): "
          + (message.isEmpty() ? "no downloads left" : message)
          + (body.hasNonNull("reset_time_utc") ? "; it renews at " + body.get("reset_time_utc").asText() : ""));
      case 429 -> new IOException("OpenSubtitles rate limit reached (429) " + doing + ": too many requests"
          + response.headers().firstValue("Retry-After").map(s -> "; retry in " + s.trim() + " s").orElse("")
          + (message.isEmpty() ? "" : " (" + message + ")"));
      default -> new IOException("OpenSubtitles answered " + status + " " + doing
          + (message.isEmpty() ? "" : ": " + message));
    };
  }

  private static String message(JsonNode body) {
    if (body.hasNonNull("message")) {
      return body.get("message").asText().strip();
    }
    if (body.path("errors").isArray() && !body.path("errors").isEmpty()) {
      StringBuilder text = new StringBuilder();
      body.path("errors").forEach(e -> text.append(text.length() == 0 ? "" : "; ").append(e.asText()));
      return text.toString();
    }
    return "";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
