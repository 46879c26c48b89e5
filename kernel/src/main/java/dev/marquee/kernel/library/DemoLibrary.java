package dev.marquee.kernel.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marquee.kernel.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-boot demo content: when {@code library.demo-path} names a folder and the server has no
 * library yet, a mixed library "Demo" is created over it and scanned, so that a fresh
 * {@code ./marquee run} has something to browse. Never touches a server that has libraries.
 */
final class DemoLibrary {
  private static final Logger log = LoggerFactory.getLogger(DemoLibrary.class);

  private final Optional<String> demoPath;
  private final LibraryService libraries;
  private final ScanRequests scans;
  private final ObjectMapper mapper;

  @Inject
  DemoLibrary(Config config, LibraryService libraries, ScanRequests scans, ObjectMapper mapper) {
    this.demoPath = config.get("library.demo-path");
    this.libraries = libraries;
    this.scans = scans;
    this.mapper = mapper;
  }

  /** Creates and scans the demo library when it is asked for and nothing else exists. */
  void createIfFirstBoot() {
    if (demoPath.isEmpty() || libraries.list(0, 1).total() > 0) {
      return;
    }
    Path root = Path.of(demoPath.get()).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      log.warn("library.demo-path {} is not a folder: no demo library", root);
      return;
    }
    ObjectNode body = mapper.createObjectNode().put("name", "Demo").put("type", "mixed");
    body.putArray("roots").add(root.toString());
    body.putObject("settings");
    Library library = libraries.create(body);
    scans.request(library.id());
    log.info("first boot: created the demo library over {} and started its scan", root);
  }
}
