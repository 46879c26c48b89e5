package dev.marquee.api.http;

/**
 * Answers one request. Runs on a worker thread, so it may block (database, files). It writes its
 * answer through the {@link RequestContext}; throwing {@link ApiException} answers with that error,
 * and any other exception answers 500 and is logged.
 */
@FunctionalInterface
public interface RouteHandler {
  /** Answers {@code request}; see the type's description for threading and errors. */
  void handle(RequestContext request) throws Exception;
}
