/**
 * The Marquee plugin API: the only contract between the kernel and a plugin.
 *
 * <p>A plugin is a PF4J plugin whose {@code Plugin-Requires} names the range of this API's version it
 * was built for ({@link dev.marquee.api.ApiVersion}). Its main class extends {@link org.pf4j.Plugin}
 * and may take a {@link dev.marquee.api.PluginContext} in its constructor; its {@code @Extension}
 * classes implement the extension points found in the sub-packages and may take the same context.
 *
 * <ul>
 *   <li>{@link dev.marquee.api.http} — HTTP routes ({@code RouteContributor}).</li>
 *   <li>{@link dev.marquee.api.task} — scheduled tasks ({@code ScheduledTask}).</li>
 *   <li>{@link dev.marquee.api.event} — the in-process event bus.</li>
 * </ul>
 */
package dev.marquee.api;
