package dev.marquee.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small HTTP client for a running test kernel: relative paths, JSON bodies, and optionally the
 * credentials of a signed-in user. Immutable and thread-safe; {@link #withToken} and {@link
 * #withHeader} return new clients.
 *
 * <pre>{@code
 * JsonHttp.Response created = kernel.admin().post("/api/v1/example/greetings", "{\"text\":\"hi\"}");
 * assertEquals(201, created.status());
 * assertEquals("hi", created.json().path("text").asText());
 * }</pre>
 */
public final class JsonHttp {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final Map<String, String> headers;

  JsonHttp(URI base) {
    this(base, Map.of());
  }

  private JsonHttp(URI base, Map<String, String> headers) {
    this.base = base;
    this.headers = headers;
  }

  /** The same client, sending {@code Authorization: Bearer token}. */
  public JsonHttp withToken(String token) {
    return withHeader("Authorization", "Bearer " + token);
  }

  /** The same client, sending {@code name: value} with every request. */
  public JsonHttp withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new JsonHttp(base, copy);
  }

  /** The absolute URI of {@code path} ({@code /api/v1/...}) on the test kernel. */
  public URI uri(String path) {
    return base.resolve(path);
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** POSTs {@code json} (may be null for an empty body). */
  public Response post(String path, String json) {
    return send("POST", path, json);
  }

  public Response put(String path, String json) {
    return send("PUT", path, json);
  }

  public Response patch(String path, String json) {
    return send("PATCH", path, json);
  }

  /** POSTs {@code body} serialised as JSON with Jackson (a record, a map, a list...). */
  public Response postJson(String path, Object body) {
    return send("POST", path, toJson(body));
  }

  /** PUTs {@code body} serialised as JSON with Jackson. */
  public Response putJson(String path, Object body) {
    return send("PUT", path, toJson(body));
  }

  /**
   * Sends a request; {@code body} (may be null) goes as {@code application/json}.
   *
   * @throws UncheckedIOException when the server cannot be reached
   */
  public Response send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + path + " interrupted", e);
    }
  }

  private static String toJson(Object body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the request body as JSON", e);
    }
  }

  /**
   * One answer.
   *
   * @param status the HTTP status
   * @param body the body as text (empty for none)
   * @param raw the JDK's response, for headers and the rest
   */
  public record Response(int status, String body, HttpResponse<String> raw) {

    /**
     * The body as a JSON tree.
     *
     * @throws AssertionError when it is not JSON, with the status and body in the message
     */
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    /** The body read into {@code type} with Jackson. */
    public <T> T as(Class<T> type) {
      try {
        return MAPPER.readValue(body, type);
      } catch (IOException e) {
        throw new AssertionError("cannot read the body (status " + status + ") as " + type.getSimpleName() + ": " + body, e);
      }
    }

    /** The {@code error.code} of a Marquee error body ({@code VALIDATION_FAILED}, {@code NOT_FOUND}...). */
    public String errorCode() {
      return json().path("error").path("code").asText();
    }

    /** The {@code error.message} of a Marquee error body. */
    public String errorMessage() {
      return json().path("error").path("message").asText();
    }

    /** The first value of the header {@code name}, or null. */
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
