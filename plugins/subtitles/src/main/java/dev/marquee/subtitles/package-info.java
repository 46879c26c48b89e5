/**
 * The {@code subtitles} plugin: subtitle sources for sidecar files ({@link
 * dev.marquee.subtitles.SidecarSource}) and streams embedded in the container ({@link
 * dev.marquee.subtitles.EmbeddedSource}), converted to WebVTT by ffmpeg with the charset detected
 * first, and a subtitle provider for OpenSubtitles.com ({@link
 * dev.marquee.subtitles.OpenSubtitlesProvider}).
 */
package dev.marquee.subtitles;
