package dev.marquee.kernel.catalog;

import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import dev.marquee.kernel.config.Config;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily: deletes the cached images of items that are gone (purged after their grace period, or their
 * library deleted): the folders named by item id under {@code <data dir>/cache/images} (resized
 * copies), {@code .../embedded} (covers read from files) and {@code .../originals} (provider images).
 * Asks the database which of the folders' items still exist, so a crash or a deletion made while the
 * server was down is cleaned up too.
 */
final class ImageCachePruneTask implements ScheduledTask {
  private static final Logger log = LoggerFactory.getLogger(ImageCachePruneTask.class);
  static final String ID = "catalog.prune-image-cache";
  private static final int BATCH = 500;

  private final Jdbi jdbi;
  private final List<Path> roots;

  @Inject
  ImageCachePruneTask(Jdbi jdbi, Config config) {
    this.jdbi = jdbi;
    Path images = config.dataDir().resolve("cache").resolve("images");
    this.roots = List.of(images, images.resolve("embedded"), images.resolve("originals"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String name() {
    return "Prune cached images";
  }

  @Override
  public String description() {
    return "Deletes the cached and extracted images of items that are no longer in the catalog.";
  }

  @Override
  public List<Trigger> defaultTriggers() {
    return List.of(Trigger.cron("37 4 * * *"));
  }

  @Override
  public void run(TaskContext context) throws IOException {
    List<Path> folders = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, entry -> Files.isDirectory(entry)
          && entry.getFileName().toString().matches("[0-9]{1,18}"))) {
        entries.forEach(folders::add);
      }
    }
    int deleted = 0;
    for (int start = 0; start < folders.size(); start += BATCH) {
      context.checkCancelled();
      List<Path> slice = folders.subList(start, Math.min(folders.size(), start + BATCH));
      List<Long> ids = slice.stream().map(folder -> Long.parseLong(folder.getFileName().toString())).toList();
      Set<Long> present = new HashSet<>(jdbi.withHandle(h -> h.createQuery(
              "SELECT id FROM media_items WHERE id IN (<ids>)").bindList("ids", ids).mapTo(Long.class).list()));
      for (Path folder : slice) {
        if (!present.contains(Long.parseLong(folder.getFileName().toString()))) {
          deleteTree(folder);
          deleted++;
        }
      }
      context.progress((int) (100L * Math.min(folders.size(), start + BATCH) / folders.size()),
          deleted + " of " + folders.size() + " item folders deleted");
    }
    if (deleted > 0) {
      log.info("deleted the cached images of {} items no longer in the catalog", deleted);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
