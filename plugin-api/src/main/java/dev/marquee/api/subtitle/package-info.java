/**
 * Subtitles. A {@link dev.marquee.api.subtitle.SubtitleSource} lists the tracks an item already has
 * (sidecar files, streams embedded in the container) and converts them to WebVTT for web players; a
 * {@link dev.marquee.api.subtitle.SubtitleProvider} searches a remote service and downloads
 * subtitles the catalog then stores as sidecars.
 */
package dev.marquee.api.subtitle;
