/**
 * The {@code transcoder-software} plugin: the transcoder driver {@code software} ({@link
 * dev.marquee.transcoder.software.SoftwareDriver}), libx264 and libx265 on the CPU through the
 * shared software pipeline.
 */
package dev.marquee.transcoder.software;
