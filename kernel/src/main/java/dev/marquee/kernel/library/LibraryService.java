package dev.marquee.kernel.library;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Library CRUD with validation; tells listeners (the watcher) when libraries change. */
@Singleton
final class LibraryService {
  static final int MAX_NAME = 200;
  static final int MAX_ROOTS = 50;

  private final LibraryStore store;
  private final Clock clock;
  private final List<Consumer<Long>> changeListeners = new CopyOnWriteArrayList<>();

  @Inject
  LibraryService(LibraryStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A library as sent by an admin, validated. */
  record Draft(String name, LibraryType type, List<Path> roots, LibrarySettings settings) {}

  /** Called with a library id after it is created, changed or deleted. */
  void onChange(Consumer<Long> listener) {
    changeListeners.add(listener);
  }

  LibraryStore.LibraryPage list(int offset, int limit) {
    return store.list(offset, limit);
  }

  /** @throws ApiException 404 */
  Library get(long id) {
    return store.find(id).orElseThrow(() -> ApiException.notFound("no library " + id));
  }

  Library create(JsonNode body) {
    Draft draft = validate(body);
    long id = store.insert(draft.name(), draft.type(), draft.roots(), draft.settings(), clock.instant());
    changed(id);
    return get(id);
  }

  Library update(long id, JsonNode body) {
    Draft draft = validate(body);
    if (!store.update(id, draft.name(), draft.type(), draft.roots(), draft.settings(), clock.instant())) {
      throw ApiException.notFound("no library " + id);
    }
    changed(id);
    return get(id);
  }

  void delete(long id) {
    if (!store.delete(id)) {
      throw ApiException.notFound("no library " + id);
    }
    changed(id);
  }

  private void changed(long id) {
    changeListeners.forEach(listener -> listener.accept(id));
  }

  /**
   * Reads and checks a library body: {@code name}, {@code type}, {@code roots}, optional {@code settings}.
   *
   * @throws ApiException 400 for a body that is not an object, 422 VALIDATION_FAILED or INVALID_PATH
   */
  static Draft validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("MALFORMED_JSON", "the body must be a JSON object");
    }
    JsonNode nameNode = body.get("name");
    if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()
        || nameNode.asText().strip().length() > MAX_NAME) {
      throw invalid("name must be 1-" + MAX_NAME + " characters");
    }
    JsonNode typeNode = body.get("type");
    LibraryType type = typeNode != null && typeNode.isTextual() ? LibraryType.parse(typeNode.asText()).orElse(null) : null;
    if (type == null) {
      throw invalid("type must be one of movie, series, book, mixed");
    }
    JsonNode rootsNode = body.get("roots");
    if (rootsNode == null || !rootsNode.isArray() || rootsNode.isEmpty() || rootsNode.size() > MAX_ROOTS) {
      throw invalid("roots must be a list of 1-" + MAX_ROOTS + " absolute folder paths");
    }
    List<Path> roots = new ArrayList<>();
    for (JsonNode rootNode : rootsNode) {
      if (!rootNode.isTextual() || rootNode.asText().isBlank()) {
        throw invalid("roots must hold folder paths as strings");
      }
      Path root = checkedRoot(rootNode.asText());
      if (roots.contains(root)) {
        throw ApiException.unprocessable("INVALID_PATH", "root " + root + " is listed twice");
      }
      for (Path other : roots) {
        if (root.startsWith(other) || other.startsWith(root)) {
          throw ApiException.unprocessable("INVALID_PATH", "root " + root + " overlaps root " + other);
        }
      }
      roots.add(root);
    }
    return new Draft(nameNode.asText().strip(), type, List.copyOf(roots), LibrarySettings.validate(body.get("settings")));
  }

  /** An absolute, existing, readable directory, with symbolic links resolved. */
  private static Path checkedRoot(String text) {
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      throw ApiException.unprocessable("INVALID_PATH", "root " + text + " is not a valid path");
    }
    if (!path.isAbsolute()) {
      throw ApiException.unprocessable("INVALID_PATH", "root " + text + " must be an absolute path");
    }
    if (!Files.exists(path)) {
      throw ApiException.unprocessable("INVALID_PATH", "root " + text + " does not exist");
    }
    if (!Files.isDirectory(path)) {
      throw ApiException.unprocessable("INVALID_PATH", "root " + text + " is not a directory");
    }
    if (!Files.isReadable(path)) {
      throw ApiException.unprocessable("INVALID_PATH", "root " + text + " cannot be read by the server");
    }
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw ApiException.unprocessable("INVALID_PATH", "root " + text + " cannot be resolved: " + e.getMessage());
    }
  }

  private static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }
}
