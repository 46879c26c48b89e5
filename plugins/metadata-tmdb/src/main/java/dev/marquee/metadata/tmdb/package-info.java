/**
 * The {@code metadata-tmdb} plugin: a {@link dev.marquee.api.metadata.MetadataProvider} over The
 * Movie Database's API v3 ({@link dev.marquee.metadata.tmdb.TmdbProvider}), with a rate-limited,
 * caching HTTP client ({@link dev.marquee.metadata.tmdb.TmdbClient}).
 */
package dev.marquee.metadata.tmdb;
