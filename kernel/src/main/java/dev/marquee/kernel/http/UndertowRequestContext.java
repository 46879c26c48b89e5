package dev.marquee.kernel.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.EventStream;
import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ByteRange;
import io.undertow.util.DateUtils;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xnio.IoUtils;
import org.xnio.channels.Channels;
import org.xnio.channels.StreamSinkChannel;

/**
 * {@link RequestContext} over an Undertow exchange: in blocking mode on a worker thread, or on the
 * I/O thread for a {@link NonBlockingHandler} or a {@link FastPathHandler}'s answer from memory.
 */
final class UndertowRequestContext implements RequestContext {
  private final HttpServerExchange exchange;
  private final Map<String, String> pathParams;
  private final ObjectMapper mapper;
  private final Authenticator authenticator;
  private final HttpSettings settings;

  private Optional<Principal> principal;
  private byte[] body;
  private boolean answered;

  UndertowRequestContext(HttpServerExchange exchange, Map<String, String> pathParams, ObjectMapper mapper,
      Authenticator authenticator, HttpSettings settings) {
    this.exchange = exchange;
    this.pathParams = pathParams;
    this.mapper = mapper;
    this.authenticator = authenticator;
    this.settings = settings;
  }

  boolean answered() {
    return answered;
  }

  @Override
  public String method() {
    return exchange.getRequestMethod().toString();
  }

  @Override
  public String path() {
    return exchange.getRequestPath();
  }

  @Override
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter " + name);
    }
    return value;
  }

  @Override
  public Optional<String> queryParam(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  @Override
  public List<String> queryParams(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  @Override
  public String remoteAddress() {
    if (settings.trustProxy()) {
      String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",")[0].trim();
      }
    }
    return exchange.getSourceAddress().getAddress().getHostAddress();
  }

  @Override
  public <T> T body(Class<T> type) {
    byte[] bytes = bodyBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("MALFORMED_JSON", "a JSON request body is required");
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw ApiException.badRequest("MALFORMED_JSON", "the request body must not be null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("MALFORMED_JSON", "malformed JSON body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] bodyBytes() {
    if (body == null) {
      long declared = exchange.getRequestContentLength();
      if (declared > settings.maxBodyBytes()) {
        throw tooLarge();
      }
      try (InputStream in = exchange.getInputStream()) {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBodyBytes() + 1));
        if (bytes.length > settings.maxBodyBytes()) {
          throw tooLarge();
        }
        body = bytes;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return body;
  }

  private ApiException tooLarge() {
    // Close after answering rather than drain a body that may never end.
    exchange.setPersistent(false);
    return new ApiException(413, "PAYLOAD_TOO_LARGE", "the request body exceeds " + settings.maxBodyBytes() + " bytes");
  }

  @Override
  public Optional<Principal> principal() {
    if (principal == null) {
      principal = authenticator.authenticate(this);
    }
    return principal;
  }

  /** Sets who the request acts for, already known (from memory); the authenticator is not asked again. */
  void authenticatedAs(Principal known) {
    principal = Optional.of(known);
  }

  @Override
  public Principal requirePrincipal() {
    return principal().orElseThrow(() -> ApiException.unauthorized("sign in first: send a bearer token or an X-Api-Key"));
  }

  @Override
  public RequestContext header(String name, String value) {
    exchange.getResponseHeaders().put(new HttpString(name), value);
    return this;
  }

  @Override
  public RequestContext status(int status) {
    exchange.setStatusCode(status);
    return this;
  }

  @Override
  public void json(Object value) {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serialisable as JSON", e);
    }
    bytes("application/json", bytes);
  }

  @Override
  public void bytes(String contentType, byte[] value) {
    markAnswered();
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.setResponseContentLength(value.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(value));
  }

  @Override
  public void file(Path file, String contentType) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw ApiException.notFound("the file cannot be read");
    }
    if (!attributes.isRegularFile()) {
      throw ApiException.notFound("not a file");
    }
    long size = attributes.size();
    // HTTP dates have whole seconds: compare and announce the time at that precision
    Date modified = new Date(attributes.lastModifiedTime().toMillis() / 1000 * 1000);
    ETag etag = new ETag(false, Long.toHexString(size) + "-" + Long.toHexString(attributes.lastModifiedTime().toMillis()));
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(Headers.ETAG, etag.toString());
    headers.put(Headers.LAST_MODIFIED, DateUtils.toDateString(modified));
    headers.put(Headers.ACCEPT_RANGES, "bytes");
    if (!ETagUtils.handleIfNoneMatch(exchange, etag, true) || !DateUtils.handleIfModifiedSince(exchange, modified)) {
      markAnswered();
      exchange.setStatusCode(304);
      exchange.endExchange();
      return;
    }
    long start = 0;
    long length = size;
    ByteRange range = ByteRange.parse(exchange.getRequestHeaders().getFirst(Headers.RANGE));
    ByteRange.RangeResponseResult partial = range == null ? null
        : range.getResponseResult(size, exchange.getRequestHeaders().getFirst(Headers.IF_RANGE), modified, etag.toString());
    if (partial != null && partial.getStatusCode() == 416) {
      headers.put(Headers.CONTENT_RANGE, "bytes */" + size);
      throw new ApiException(416, "RANGE_NOT_SATISFIABLE", "the range lies outside the file's " + size + " bytes");
    }
    if (partial != null) {
      start = partial.getStart();
      length = partial.getContentLength();
      exchange.setStatusCode(206);
      headers.put(Headers.CONTENT_RANGE, partial.getContentRange());
    }
    markAnswered();
    headers.put(Headers.CONTENT_TYPE, contentType);
    exchange.setResponseContentLength(length);
    if (exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.endExchange();
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      // the sink's transferFrom is sendfile(2) on a plain connection: no copy through the heap
      StreamSinkChannel sink = exchange.getResponseChannel();
      // some conduits fall back to reading the channel from its own position: set both
      channel.position(start);
      Channels.transferBlocking(sink, channel, start, length);
      sink.shutdownWrites();
      Channels.flushBlocking(sink);
    } catch (IOException e) {
      // the client left mid-way (a player seeking closes its connection): nothing more to say
      IoUtils.safeClose(exchange.getConnection());
    }
  }

  @Override
  public void noContent() {
    markAnswered();
    exchange.setStatusCode(204);
    exchange.endExchange();
  }

  @Override
  public OutputStream outputStream(String contentType) {
    markAnswered();
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    return exchange.getOutputStream();
  }

  @Override
  public EventStream eventStream() {
    markAnswered();
    return SseEventStream.open(exchange, settings.eventStreamKeepAlive());
  }

  private void markAnswered() {
    if (answered) {
      throw new IllegalStateException("the response was already written");
    }
    answered = true;
  }

  /** For error mapping: whether anything reached the client already. */
  boolean responseStarted() {
    return exchange.isResponseStarted();
  }

}
