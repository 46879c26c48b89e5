/**
 * The kernel's media toolkit: probing media files with ffprobe and running ffmpeg, through the one
 * runner that finds the binaries, bounds time and output, and cleans up after itself. Plugins reach
 * it with {@link dev.marquee.api.PluginContext#media()}; they never start ffmpeg themselves.
 */
package dev.marquee.api.media;
