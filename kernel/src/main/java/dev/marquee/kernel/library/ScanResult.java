package dev.marquee.kernel.library;

/**
 * What one scan changed.
 *
 * @param added files new to the library
 * @param updated files whose size or time changed, or that came back after going missing
 * @param missing files that went missing
 * @param moved files found again under another path (their items keep their ids)
 * @param purged items deleted after their grace period
 * @param itemsAdded items created (movies, shows, seasons, episodes, books, extras)
 */
record ScanResult(int added, int updated, int missing, int moved, int purged, int itemsAdded) {
  static final ScanResult NONE = new ScanResult(0, 0, 0, 0, 0, 0);

  ScanResult plus(ScanResult other) {
    return new ScanResult(added + other.added, updated + other.updated, missing + other.missing, moved + other.moved,
        purged + other.purged, itemsAdded + other.itemsAdded);
  }
}
