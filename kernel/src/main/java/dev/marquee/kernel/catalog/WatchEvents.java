package dev.marquee.kernel.catalog;

/** The topics the watch-state feature publishes. */
public final class WatchEvents {
  /**
   * After each progress report: {@code {userId, itemId, positionMs, event}} ({@code event}: start,
   * progress, pause or complete). Keeps the user's playback sessions of the item alive, and lets
   * backends mirror the position.
   */
  public static final String PROGRESS_REPORTED = "playback.progress";

  private WatchEvents() {}
}
