package dev.marquee.kernel.library;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A library: a name, what it holds, the folders it scans and its settings.
 *
 * @param itemCount top-level items (movies, shows, books) that are not missing; 0 where not counted
 */
record Library(long id, String name, LibraryType type, List<Path> roots, LibrarySettings settings, Instant createdAt,
    Instant updatedAt, long itemCount) {}
