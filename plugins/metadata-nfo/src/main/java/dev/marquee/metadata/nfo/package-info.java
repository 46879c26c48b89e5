/**
 * The {@code metadata-nfo} plugin: a {@link dev.marquee.api.metadata.MetadataProvider} that reads
 * Kodi-style NFO files lying beside the media ({@code movie.nfo}, {@code <name>.nfo}, {@code
 * tvshow.nfo}, episode NFOs). It comes first among providers: what the owner wrote beside the file
 * wins over what a remote service says.
 */
package dev.marquee.metadata.nfo;
