/**
 * The example plugin, the one to copy when writing a plugin: a table of its own ({@code
 * db/migration/example/}), a route ({@link dev.marquee.example.GreetingRoutes}) and a scheduled task
 * ({@link dev.marquee.example.GreetTask}), both sharing one store ({@link
 * dev.marquee.example.GreetingStore}). Extensions are {@code @Extension} classes that receive the
 * {@link dev.marquee.api.PluginContext} in their constructor; the kernel builds them when the plugin
 * starts and drops them when it stops.
 */
package dev.marquee.example;
