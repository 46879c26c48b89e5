package dev.marquee.kernel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A Server-Sent Events client over java.net.http that parses the stream into events on a thread of its own. */
public final class SseClient implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One received event; {@code data} parsed as JSON. */
  public record Received(String event, String id, JsonNode data) {}

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code uri} with a bearer token (or none when null); returns once the headers arrived. */
  public static SseClient open(URI uri, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return new SseClient(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<Stream<String>> response() {
    return response;
  }

  private void read() {
    String event = null;
    String id = null;
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            received.add(new Received(event, id, MAPPER.readTree(data.toString())));
          }
          event = null;
          id = null;
          data.setLength(0);
        } else if (!line.startsWith(":")) {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          switch (field) {
            case "event" -> event = value;
            case "id" -> id = value;
            case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
            default -> { }
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // the stream ended or was closed by the test
    }
  }

  /** The next event, waiting up to 10 s; fails when none comes. */
  public Received next() throws InterruptedException {
    Received next = received.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("no event within 10 s");
    }
    return next;
  }

  /** Skips events until one matches, waiting up to 10 s for each. */
  public Received nextMatching(Predicate<Received> matching) throws InterruptedException {
    while (true) {
      Received next = next();
      if (matching.test(next)) {
        return next;
      }
    }
  }

  /** Closes the connection from the client's side. */
  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
