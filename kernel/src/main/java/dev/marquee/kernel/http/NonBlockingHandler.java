package dev.marquee.kernel.http;

import dev.marquee.api.http.RouteHandler;

/**
 * A kernel route handler that never blocks, never reads the request body and answers in
 * microseconds. On a {@link dev.marquee.api.http.Access#PUBLIC} route the server runs it on the
 * I/O thread that read the request, saving the hand-off to a worker thread that every other
 * handler pays (about half the cost of a tiny request). Kernel-only: plugins cannot implement it,
 * so a plugin can never stall an I/O thread.
 */
@FunctionalInterface
public interface NonBlockingHandler extends RouteHandler {}
