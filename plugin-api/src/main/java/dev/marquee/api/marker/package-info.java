/**
 * Marker detectors: find the skippable parts of episodes (intro, recap, credits, outro) from
 * chapters, audio fingerprints shared across a season, or black frames. The catalog stores the
 * {@link dev.marquee.api.marker.Marker}s a {@link dev.marquee.api.marker.MarkerDetector} returns and
 * players offer "skip intro".
 */
package dev.marquee.api.marker;
