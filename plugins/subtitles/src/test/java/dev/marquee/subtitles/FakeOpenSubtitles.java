package dev.marquee.subtitles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-test OpenSubtitles REST API v1 under {@code /api/v1}, answering in its documented shapes
 * (JSON from {@code /opensubtitles/} on the test class path) and checking what it receives: the
 * {@code Api-Key} {@code test-key}, a {@code User-Agent}, JSON bodies, the bearer token from its
 * {@code /login} ({@code user} / {@code secret}). {@code POST /download} answers a link to {@code
 * /files/<id>.srt}, a SubRip file saved as Windows-1252; file 404 is gone. Told to, it answers
 * 406 (quota used up) or 429 (rate limit).
 */
final class FakeOpenSubtitles implements AutoCloseable {
  /** A French subtitle with accents, served as Windows-1252 like many old uploads. */
  static final String FRENCH = "1\n00:00:01,000 --> 00:00:03,000\nÀ bientôt, mon cœur ! Déjà l'été ?\n\n"
      + "2\n00:00:04,000 --> 00:00:06,000\nC'était une belle journée, très agréable, où l'on a mangé des crêpes.\n";

  /** One request as it arrived. */
  record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int downloadStatus = 200;
  private volatile int searchStatus = 200;

  FakeOpenSubtitles() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /** Every later download answers 406, as when the day's quota is used up. */
  FakeOpenSubtitles quotaUsedUp() {
    downloadStatus = 406;
    return this;
  }

  /** Every later search answers 429 with Retry-After, as when the rate limit is hit. */
  FakeOpenSubtitles rateLimited() {
    searchStatus = 429;
    return this;
  }

  List<Request> requestsTo(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
        Map.copyOf(exchange.getRequestHeaders()), body);
    requests.add(request);
    if (path.startsWith("/files/")) {
      send(exchange, 200, "application/x-subrip", FRENCH.getBytes(Charset.forName("windows-1252")));
      return;
    }
    if (!"test-key".equals(request.header("Api-Key"))) {
      json(exchange, 401, "{\"message\":\"You cannot consume this service\",\"status\":401}");
      return;
    }
    if (request.header("User-Agent") == null || !request.header("User-Agent").startsWith("Marquee v")) {
      json(exchange, 403, "{\"message\":\"Set a User-Agent naming your application\",\"status\":403}");
      return;
    }
    switch (exchange.getRequestMethod() + " " + path) {
      case "GET /api/v1/subtitles" -> {
        if (searchStatus == 429) {
          exchange.getResponseHeaders().add("Retry-After", "1");
          json(exchange, 429, "{\"message\":\"Throttle limit reached. Retry later.\"}");
        } else {
          json(exchange, 200, resource("search-the-matrix.json"));
        }
      }
      case "POST /api/v1/login" -> {
        JsonNode credentials = JSON.readTree(body);
        if (!"application/json".equals(request.header("Content-Type"))
            || !credentials.path("username").asText().equals("user")
            || !credentials.path("password").asText().equals("secret")) {
          json(exchange, 401, "{\"message\":\"Error, invalid username/password\",\"status\":401}");
        } else {
          json(exchange, 200, resource("login.json"));
        }
      }
      case "POST /api/v1/download" -> download(exchange, request);
      default -> json(exchange, 404, "{\"message\":\"not found\"}");
    }
  }

  private void download(HttpExchange exchange, Request request) throws IOException {
    if (!"application/json".equals(request.header("Content-Type"))) {
      json(exchange, 415, "{\"message\":\"send JSON\"}");
      return;
    }
    String bearer = request.header("Authorization");
    if (bearer != null && !bearer.equals("Bearer test-token")) {
      json(exchange, 401, "{\"message\":\"invalid token\",\"status\":401}");
      return;
    }
    if (downloadStatus == 406) {
      json(exchange, 406, resource("download-quota.json"));
      return;
    }
    long fileId = JSON.readTree(request.body()).path("file_id").asLong();
    if (fileId == 404) {
      json(exchange, 404, "{\"message\":\"File not found\"}");
      return;
    }
    String base = baseUrl().replace("/api/v1", "");
    json(exchange, 200, "{\"link\":\"" + base + "/files/" + fileId + ".srt\",\"file_name\":\"The.Matrix." + fileId
        + ".srt\",\"requests\":3,\"remaining\":97,\"message\":\"Your quota will be renewed in 07 hours and 30 minutes"
        + " (2024-01-01 23:59:59 UTC) ts=1704146399 \",\"reset_time\":\"07 hours and 30 minutes\","
        + "\"reset_time_utc\":\"2024-01-01T23:59:59.000Z\"}");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = FakeOpenSubtitles.class.getResourceAsStream("/opensubtitles/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
