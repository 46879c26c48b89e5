package dev.marquee.metadata.tmdb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test TMDb: answers paths under {@code /3} (the API, credentials checked) and others (images)
 * with files from {@code /tmdb/} on the test class path, TMDb's 404 body for anything else, and a
 * 429 with Retry-After when told to.
 */
final class FakeTmdb implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String path, String query, String authorization) {}

  private final HttpServer server;
  private final Map<String, String> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeTmdb() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/3";
  }

  /** Answers {@code path} (below /3) with the resource {@code /tmdb/<file>}. */
  FakeTmdb route(String path, String file) {
    routes.put(path, file);
    return this;
  }

  /** The next {@code times} requests for {@code path} get a 429 with {@code Retry-After: 1}. */
  FakeTmdb throttle(String path, int times) {
    throttled.put(path, new AtomicInteger(times));
    return this;
  }

  List<Request> requestsTo(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    boolean api = exchange.getRequestURI().getPath().startsWith("/3/");
    String path = exchange.getRequestURI().getPath().replaceFirst("^/3", "");
    requests.add(new Request(path, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization")));
    AtomicInteger throttle = throttled.get(path);
    if (throttle != null && throttle.getAndDecrement() > 0) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      send(exchange, 429, "{\"success\":false,\"status_code\":25,\"status_message\":\"Your request count (41) is over the allowed limit of 40.\"}");
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    boolean keyed = query != null && query.contains("api_key=test-key");
    boolean bearer = "Bearer test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
    if (api && !keyed && !bearer) {
      send(exchange, 401, "{\"success\":false,\"status_code\":7,\"status_message\":\"Invalid API key: You must be granted a valid key.\"}");
      return;
    }
    String file = routes.get(path);
    if (file == null) {
      send(exchange, 404, "{\"success\":false,\"status_code\":34,\"status_message\":\"The resource you requested could not be found.\"}");
      return;
    }
    try (InputStream in = FakeTmdb.class.getResourceAsStream("/tmdb/" + file)) {
      send(exchange, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
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
