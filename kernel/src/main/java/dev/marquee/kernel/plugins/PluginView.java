package dev.marquee.kernel.plugins;

import java.util.List;

/**
 * A plugin as the admin API shows it.
 *
 * @param state PF4J's state ({@code RESOLVED}, {@code STARTED}, {@code STOPPED}, {@code FAILED}),
 *     {@code DISABLED} for one an admin disabled (it stays stopped across restarts) or {@code
 *     REFUSED} for a plugin the kernel would not load
 * @param error why it failed or was refused; null otherwise
 * @param routes the routes it has registered now
 * @param tasks the ids of the tasks it has registered now
 */
record PluginView(
    String id,
    String version,
    String description,
    String provider,
    String requires,
    String state,
    String error,
    List<RouteView> routes,
    List<String> tasks) {

  /** One registered route. */
  record RouteView(String method, String path, String access) {}
}
