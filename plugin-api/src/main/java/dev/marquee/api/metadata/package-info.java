/**
 * Metadata providers: remote or local sources (TMDb, TheTVDB, OpenLibrary, NFO files...) that find
 * candidates for a catalog item and describe it. A {@link dev.marquee.api.metadata.MetadataProvider}
 * never writes to the catalog: it returns a {@link dev.marquee.api.metadata.MetadataPatch} that the
 * catalog merges, field by field, with what it already knows and what an admin locked.
 */
package dev.marquee.api.metadata;
