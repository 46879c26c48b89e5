/**
 * HTTP routes. A feature declares its routes in one {@link dev.marquee.api.http.RouteContributor};
 * each {@link dev.marquee.api.http.Route} is a method, a path template, an
 * {@link dev.marquee.api.http.Access} level and a {@link dev.marquee.api.http.RouteHandler}.
 * Handlers report client mistakes by throwing {@link dev.marquee.api.http.ApiException}; the kernel
 * writes them as {@code {"error":{"code":..,"message":..}}}.
 */
package dev.marquee.api.http;
