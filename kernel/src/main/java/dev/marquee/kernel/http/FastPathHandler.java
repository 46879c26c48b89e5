package dev.marquee.kernel.http;

import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.RouteHandler;

/**
 * A kernel route handler that can often answer from memory alone (a cached answer: no database, no
 * blocking I/O, no request body), and then does so on the I/O thread that read the request, sparing
 * the hand-off to a worker thread. When it cannot, {@link #answerFromMemory} declines and the
 * request goes to a worker and {@link #handle} as on any route. On a route that needs a user, the
 * server tries it only when the {@link Authenticator} knew the caller from memory too. Kernel-only:
 * plugins cannot implement it, so a plugin can never stall an I/O thread.
 */
public interface FastPathHandler extends RouteHandler {

  /**
   * Answers the request if it can without blocking, or returns false having written nothing; may
   * throw {@link dev.marquee.api.http.ApiException} for a request {@link #handle} would refuse the same
   * way.
   *
   * @return whether the request was answered
   */
  boolean answerFromMemory(RequestContext request);
}
