package dev.marquee.kernel.metadata;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads provider images in the background to {@code <data dir>/cache/images/originals/<itemId>/}
 * and records the cached file in {@code item_images.cached_path}. A failed download is logged and
 * leaves the row uncached (the URL still works for clients); a full queue drops the download.
 */
@Singleton
final class ImageCache {
  private static final Logger log = LoggerFactory.getLogger(ImageCache.class);

  private final HttpClient http;
  private final MetadataStore store;
  private final MetadataSettings settings;
  private final ThreadPoolExecutor executor;
  /** Images being downloaded or queued: a refresh while one is under way must not fetch it twice. */
  private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

  @Inject
  ImageCache(HttpClient http, MetadataStore store, MetadataSettings settings) {
    this.http = http;
    this.store = store;
    this.settings = settings;
    this.executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), runnable -> {
      Thread thread = new Thread(runnable, "marquee-image-cache");
      thread.setDaemon(true);
      return thread;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Deletes the cached files of removed images and queues the downloads of new ones. */
  void update(MetadataStore.Written written) {
    for (Path file : written.dropped()) {
      // Only files this cache wrote: a row's path is data, not a licence to delete anywhere.
      if (file.toAbsolutePath().normalize().startsWith(settings.imageDir().toAbsolutePath().normalize())) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          log.warn("cached image {} not deleted: {}", file, e.toString());
        }
      }
    }
    if (!settings.downloadImages()) {
      return;
    }
    for (MetadataStore.PendingImage image : written.downloads()) {
      if (!inFlight.add(image.imageId())) {
        continue;
      }
      try {
        executor.execute(() -> {
          try {
            fetch(image);
          } finally {
            inFlight.remove(image.imageId());
          }
        });
      } catch (RejectedExecutionException e) {
        inFlight.remove(image.imageId());
        log.warn("image download queue full (or stopped): {} not cached", image.url());
      }
    }
  }

  private void fetch(MetadataStore.PendingImage image) {
    Path dir = settings.imageDir().resolve(Long.toString(image.itemId()));
    Path target = dir.resolve(image.kind() + "-" + image.sortOrder() + "-" + image.imageId() + extension(image.url().getPath()));
    try {
      Files.createDirectories(dir);
      Path partial = dir.resolve(target.getFileName() + ".part");
      HttpResponse<Path> response = http.send(HttpRequest.newBuilder(image.url()).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofFile(partial));
      if (response.statusCode() != 200) {
        Files.deleteIfExists(partial);
        log.warn("image {} not cached: HTTP {}", image.url(), response.statusCode());
        return;
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      store.setCachedPath(image.imageId(), target);
    } catch (IOException e) {
      log.warn("image {} not cached: {}", image.url(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The item may have been deleted meanwhile; nothing to record then.
      log.warn("image {} not recorded: {}", image.url(), e.toString());
    }
  }

  private static String extension(String path) {
    if (path == null) {
      return ".img";
    }
    String lower = path.toLowerCase(Locale.ROOT);
    for (String ext : List.of(".jpg", ".jpeg", ".png", ".webp", ".gif")) {
      if (lower.endsWith(ext)) {
        return ext;
      }
    }
    return ".img";
  }

  /** Stops downloading; queued downloads are dropped. */
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
