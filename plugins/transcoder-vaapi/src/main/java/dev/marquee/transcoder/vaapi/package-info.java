/**
 * The {@code transcoder-vaapi} plugin: the transcoder driver {@code vaapi} ({@link
 * dev.marquee.transcoder.vaapi.VaapiDriver}), decoding, scaling, tone-mapping and encoding on an
 * Intel or AMD GPU through VA-API.
 */
package dev.marquee.transcoder.vaapi;
