package dev.marquee.api.backend;

import dev.marquee.api.Progress;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Speaks to one type of media server. Stateless: every call names the {@link BackendServer} it is
 * for, so one connector serves any number of servers of its type.
 *
 * <p>Threading: thread-safe; the backend sync calls it from worker threads, several servers at once.
 * Every method except {@link #type()} makes network calls, may block, and honours the {@link
 * Progress} handle's cancellation. No method returns null. Failures are {@link BackendException}s
 * whose {@link BackendException#reason() reason} tells an unreachable server from refused
 * credentials.
 */
public interface BackendConnector extends ExtensionPoint {

  /**
   * The server type this connector speaks, lower case: {@code plex}, {@code jellyfin}, {@code emby}.
   * At most one started connector per type. Cheap, never blocks.
   */
  String type();

  /**
   * Checks that the server answers and accepts the credentials.
   *
   * @return what the server says about itself
   * @throws BackendException when it is unreachable, refuses the token or does not speak this type
   */
  ServerInfo probe(BackendServer server, Progress progress) throws BackendException;

  /**
   * The server's user accounts (Plex: the owner and the home/shared users).
   *
   * @return every user; never empty for a reachable server
   * @throws BackendException when the call fails
   */
  List<BackendUser> users(BackendServer server, Progress progress) throws BackendException;

  /**
   * The server's libraries (Plex sections, Jellyfin/Emby views).
   *
   * @return every library the token can see; may be empty
   * @throws BackendException when the call fails
   */
  List<BackendLibrary> libraries(BackendServer server, Progress progress) throws BackendException;

  /**
   * One page of a library's items with one user's play state; the sync calls it until {@link
   * ImportPage#nextCursor()} is empty.
   *
   * @throws BackendException when the call fails, or with {@link BackendException.Reason#NOT_FOUND}
   *     for an unknown library or user
   */
  ImportPage importItems(BackendServer server, ImportRequest request, Progress progress) throws BackendException;

  /**
   * Writes a play-state change (played, unplayed, progress) of one user back to the server.
   * Idempotent: sending the same update twice leaves the same state.
   *
   * @throws BackendException when the call fails, or with {@link BackendException.Reason#NOT_FOUND}
   *     for an unknown item or user
   */
  void push(BackendServer server, PlayStateUpdate update, Progress progress) throws BackendException;
}
