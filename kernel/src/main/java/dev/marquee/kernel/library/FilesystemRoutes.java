package dev.marquee.kernel.library;

import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.inject.Inject;

/**
 * {@code GET /api/v1/admin/filesystem/browse?path=}: the folders in a folder of the server's
 * file system, for picking library roots. Only absolute paths; the answer's path is the real one
 * (links resolved, no {@code ..}); hidden folders are left out.
 */
final class FilesystemRoutes implements RouteContributor {

  record Entry(String name, String path) {}

  record Listing(String path, String parent, List<Entry> directories) {}

  @Inject
  FilesystemRoutes() {}

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/api/v1/admin/filesystem/browse", Access.ADMIN, this::browse)
        .summary("Folders inside ?path= (absolute), or the file system roots without it"));
  }

  private void browse(RequestContext request) {
    String text = request.queryParam("path").map(String::strip).orElse("");
    if (text.isEmpty()) {
      List<Entry> roots = new ArrayList<>();
      FileSystems.getDefault().getRootDirectories().forEach(root -> roots.add(new Entry(root.toString(), root.toString())));
      request.json(new Listing(null, null, roots));
      return;
    }
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      throw ApiException.unprocessable("INVALID_PATH", "not a valid path: " + text);
    }
    if (!path.isAbsolute()) {
      throw ApiException.unprocessable("INVALID_PATH", "the path must be absolute: " + text);
    }
    if (!Files.exists(path)) {
      throw ApiException.notFound("no such folder: " + text);
    }
    if (!Files.isDirectory(path)) {
      throw ApiException.unprocessable("INVALID_PATH", "not a folder: " + text);
    }
    Path real;
    List<Entry> entries = new ArrayList<>();
    try {
      real = path.toRealPath();
      try (DirectoryStream<Path> children = Files.newDirectoryStream(real)) {
        for (Path child : children) {
          String name = child.getFileName().toString();
          if (!name.startsWith(".") && Files.isDirectory(child)) {
            entries.add(new Entry(name, child.toString()));
          }
        }
      }
    } catch (IOException e) {
      throw ApiException.unprocessable("INVALID_PATH", "cannot read " + text + ": " + e.getMessage());
    }
    entries.sort(Comparator.comparing((Entry e) -> e.name().toLowerCase()).thenComparing(Entry::name));
    request.json(new Listing(real.toString(), real.getParent() == null ? null : real.getParent().toString(), entries));
  }
}
