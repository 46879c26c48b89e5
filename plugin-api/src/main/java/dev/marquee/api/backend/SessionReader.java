package dev.marquee.api.backend;

import dev.marquee.api.Progress;
import java.util.List;

/**
 * An optional ability of a {@link BackendConnector}: reading who is playing what on the server now.
 * Thread-safe; makes a network call and may block.
 */
public interface SessionReader {

  /**
   * The server's playback sessions now.
   *
   * @return every active session; empty when nobody plays
   * @throws BackendException when the call fails
   */
  List<ActiveSession> activeSessions(BackendServer server, Progress progress) throws BackendException;
}
