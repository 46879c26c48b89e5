package dev.marquee.api.http;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One request and its response, as a route handler sees it. Not thread-safe: use it from the
 * handler's thread only, except for an {@link EventStream} it opened.
 *
 * <p>A handler writes exactly one answer: {@link #json}, {@link #bytes}, {@link #file},
 * {@link #noContent}, {@link #outputStream} or {@link #eventStream}. A handler that writes nothing answers 204.
 */
public interface RequestContext {

  /** The HTTP method, upper case. */
  String method();

  /** The request path, decoded, without the query string. */
  String path();

  /** The value of a path template parameter; never null for a name in the route's template. */
  String pathParam(String name);

  /** The first value of a query parameter. */
  Optional<String> queryParam(String name);

  /** Every value of a query parameter, in order; empty when absent. */
  List<String> queryParams(String name);

  /** The first value of a request header (case-insensitive name). */
  Optional<String> header(String name);

  /** The client's IP address. */
  String remoteAddress();

  /**
   * The request body read as JSON into {@code type}.
   *
   * @throws ApiException 400 MALFORMED_JSON when the body is missing or not JSON of that shape, 413
   *     PAYLOAD_TOO_LARGE when it exceeds the server's limit
   */
  <T> T body(Class<T> type);

  /** The raw request body; empty when there is none. Same limit as {@link #body(Class)}. */
  byte[] bodyBytes();

  /** The signed-in user, or empty on a PUBLIC route called without credentials. */
  Optional<Principal> principal();

  /**
   * The signed-in user.
   *
   * @throws ApiException 401 when there is none
   */
  Principal requirePrincipal();

  /** Sets a response header. */
  RequestContext header(String name, String value);

  /** Sets the response status; the default is 200. */
  RequestContext status(int status);

  /** Writes {@code body} as JSON and ends the response. */
  void json(Object body);

  /** Writes {@code body} with the given content type and ends the response. */
  void bytes(String contentType, byte[] body);

  /** Answers 204 No Content. */
  void noContent();

  /**
   * Sends a file the way a static file server does, so that players and browsers can seek in it
   * and cache it: {@code ETag} (from size and modification time), {@code Last-Modified} and {@code
   * Accept-Ranges: bytes}; {@code If-None-Match} / {@code If-Modified-Since} answer 304; one
   * {@code Range} answers 206 with {@code Content-Range}, an unsatisfiable one 416, a stale {@code
   * If-Range} (or several ranges) the whole file; a HEAD request gets the headers only. The bytes
   * go from the file to the socket without passing through the Java heap where the connection
   * allows it. The caller decides which file may be sent: nothing here checks the path.
   *
   * @param file a regular file
   * @param contentType its media type
   * @throws ApiException 404 when the file cannot be read
   */
  void file(Path file, String contentType);

  /**
   * Starts a streamed response of the given content type; closing the stream ends the response.
   * For large bodies such as media files.
   */
  OutputStream outputStream(String contentType);

  /**
   * Turns the response into a Server-Sent Events stream and returns at once; the stream stays open
   * after the handler returns until the client leaves or {@link EventStream#close()} is called.
   */
  EventStream eventStream();
}
