package dev.marquee.kernel.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Principal;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's root handler: finds the route, checks access, runs the handler on a worker thread
 * (or, for a public {@link NonBlockingHandler} and for a {@link FastPathHandler} that can answer from
 * memory, on the I/O thread) and turns every failure into the JSON error body.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

  private final RouteTable routes;
  private final ObjectMapper mapper;
  private final Authenticator authenticator;
  private final HttpSettings settings;

  ApiHandler(RouteTable routes, ObjectMapper mapper, Authenticator authenticator, HttpSettings settings) {
    this.routes = routes;
    this.mapper = mapper;
    this.authenticator = authenticator;
    this.settings = settings;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    // The lookup is a lock-free read, so it runs on the I/O thread; so do the answers that cannot
    // block (404, 405, public non-blocking routes). Everything else moves to a worker thread.
    // HEAD is GET without a body: Undertow drops the body of a HEAD answer and keeps its length
    String method = exchange.getRequestMethod().equals(Methods.HEAD) ? "GET" : exchange.getRequestMethod().toString();
    RouteTable.Lookup lookup = routes.lookup(method, exchange.getRequestPath());
    if (exchange.isInIoThread() && lookup instanceof RouteTable.Found found && !runsOnIoThread(found)) {
      if (!answeredFromMemory(exchange, found)) {
        // As an HttpHandler, not a Runnable: the answer then runs as a handler call, so whatever it
        // dispatches itself (the event-stream handshake) waits until it has returned.
        exchange.dispatch(dispatched -> answer(dispatched, lookup));
      }
      return;
    }
    answer(exchange, lookup);
  }

  /**
   * On the I/O thread: lets a {@link FastPathHandler} answer when the caller is known from memory
   * and allowed; false (nothing written) leaves the request to a worker, which answers it in full.
   */
  private boolean answeredFromMemory(HttpServerExchange exchange, RouteTable.Found found) {
    if (!(found.entry().route().handler() instanceof FastPathHandler handler)) {
      return false;
    }
    Access access = found.entry().route().access();
    UndertowRequestContext context = new UndertowRequestContext(
        exchange, found.pathParams(), mapper, authenticator, settings);
    try {
      if (access != Access.PUBLIC) {
        Optional<Principal> principal = authenticator.authenticateFromMemory(context);
        if (principal.isEmpty() || (access == Access.ADMIN && !principal.get().isAdmin())) {
          return false;
        }
        context.authenticatedAs(principal.get());
      }
      return handler.answerFromMemory(context);
    } catch (ApiException e) {
      writeError(exchange, e.status(), e.code(), e.getMessage());
      return true;
    } catch (RuntimeException e) {
      log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
      writeError(exchange, 500, "INTERNAL_ERROR", "the server failed to answer; the error is in its log");
      return true;
    }
  }

  private static boolean runsOnIoThread(RouteTable.Found found) {
    return found.entry().route().access() == Access.PUBLIC && found.entry().route().handler() instanceof NonBlockingHandler;
  }

  private void answer(HttpServerExchange exchange, RouteTable.Lookup lookup) {
    if (!exchange.isInIoThread()) {
      exchange.startBlocking();
    }
    String method = exchange.getRequestMethod().toString();
    String path = exchange.getRequestPath();
    try {
      if (lookup instanceof RouteTable.MethodNotAllowed notAllowed) {
        exchange.getResponseHeaders().put(Headers.ALLOW, String.join(", ", notAllowed.allowed()));
        throw new ApiException(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path);
      }
      if (!(lookup instanceof RouteTable.Found found)) {
        throw ApiException.notFound("no route for " + method + " " + path);
      }
      UndertowRequestContext context = new UndertowRequestContext(
          exchange, found.pathParams(), mapper, authenticator, settings);
      authorize(found.entry().route().access(), context);
      found.entry().route().handler().handle(context);
      if (!context.answered()) {
        context.noContent();
      }
    } catch (ApiException e) {
      writeError(exchange, e.status(), e.code(), e.getMessage());
    } catch (Exception e) {
      log.error("{} {} failed", method, path, e);
      writeError(exchange, 500, "INTERNAL_ERROR", "the server failed to answer; the error is in its log");
    }
  }

  private static void authorize(Access access, UndertowRequestContext context) {
    if (access == Access.PUBLIC) {
      return;
    }
    Principal principal = context.requirePrincipal();
    if (access == Access.ADMIN && !principal.isAdmin()) {
      throw ApiException.forbidden("administrators only");
    }
  }

  private void writeError(HttpServerExchange exchange, int status, String code, String message) {
    if (exchange.isResponseStarted()) {
      // Headers are gone already (a stream broke mid-way): all we can do is cut the connection.
      try {
        exchange.getConnection().close();
      } catch (java.io.IOException ignored) {
        // already closed
      }
      return;
    }
    try {
      byte[] body = mapper.writeValueAsBytes(ErrorBody.of(code, message));
      exchange.setStatusCode(status);
      if (status == 401) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, settings.challenge(exchange.getRequestPath()));
      }
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
      exchange.setResponseContentLength(body.length);
      exchange.getResponseSender().send(ByteBuffer.wrap(body));
    } catch (Exception e) {
      log.warn("cannot write error answer", e);
      exchange.endExchange();
    }
  }
}
