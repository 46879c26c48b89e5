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
 *   <li>{@link dev.marquee.api.metadata} — metadata providers ({@code MetadataProvider}).</li>
 *   <li>{@link dev.marquee.api.backend} — connectors to Plex, Jellyfin and Emby ({@code BackendConnector}).</li>
 *   <li>{@link dev.marquee.api.transcode} — ffmpeg drivers per hardware ({@code TranscoderDriver}).</li>
 *   <li>{@link dev.marquee.api.subtitle} — subtitle tracks and remote subtitles ({@code SubtitleSource},
 *       {@code SubtitleProvider}).</li>
 *   <li>{@link dev.marquee.api.marker} — intro, recap and credits detection ({@code MarkerDetector}).</li>
 * </ul>
 *
 * <p>Extensions that do slow or remote work receive a {@link dev.marquee.api.Progress} handle for
 * progress and cancellation, and return results or patches that the kernel applies; optional
 * abilities are small separate interfaces such as {@link dev.marquee.api.Ordered}.
 */
package dev.marquee.api;
