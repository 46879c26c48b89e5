package dev.marquee.kernel.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.media.MediaToolException;
import dev.marquee.api.media.ProbeResult;
import dev.marquee.kernel.db.DeadlockRetry;
import dev.marquee.kernel.http.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one library file and stores what it found, or why it failed, in the catalog; publishes
 * {@value #PROBED} {@code {fileId, itemId}} after a successful probe. Thread-safe.
 */
@Singleton
final class FileProber {
  static final String PROBED = "media.probed";
  private static final Logger log = LoggerFactory.getLogger(FileProber.class);
  private static final ObjectMapper JSON = Json.newMapper();

  private final Jdbi jdbi;
  private final KernelMediaToolkit toolkit;
  private final EventBus events;
  private final Clock clock;
  private final VideoCovers covers;
  private final Object writeLock = new Object();

  @Inject
  FileProber(Jdbi jdbi, KernelMediaToolkit toolkit, EventBus events, Clock clock, VideoCovers covers) {
    this.jdbi = jdbi;
    this.toolkit = toolkit;
    this.events = events;
    this.clock = clock;
    this.covers = covers;
  }

  /**
   * Probes the file and stores the outcome, then its cover art ({@link VideoCovers}). A file that
   * cannot be probed gets its {@code probe_error} and no streams; nothing is thrown for it.
   *
   * @return whether the probe succeeded
   * @throws CancellationException when the thread is interrupted (the kernel stops); nothing is stored
   */
  boolean probe(ProbeStore.FileToProbe file) {
    FfprobeJson.Probed probed;
    try {
      probed = toolkit.probeWithCovers(Path.of(file.path()));
    } catch (MediaToolException e) {
      log.info("cannot probe file {} ({}): {}", file.fileId(), file.path(), e.getMessage());
      store(s -> s.saveFailure(file.fileId(), e.getMessage(), clock.millis()));
      return false;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CancellationException cancelled) {
        throw cancelled;
      }
      log.warn("cannot probe file {} ({})", file.fileId(), file.path(), e);
      store(s -> s.saveFailure(file.fileId(), String.valueOf(e.getMessage()), clock.millis()));
      return false;
    }
    ProbeResult result = probed.result();
    boolean saved = write(() -> jdbi.withExtension(ProbeStore.class, s -> s.saveProbe(file, result, clock.millis())));
    if (saved) {
      covers.update(file, probed.covers());
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("fileId", file.fileId());
      data.put("itemId", file.itemId());
      events.publish(PROBED, data);
    }
    return saved;
  }

  private void store(Consumer<ProbeStore> action) {
    write(() -> {
      jdbi.useExtension(ProbeStore.class, action::accept);
      return null;
    });
  }

  /**
   * Runs one write transaction at a time in this process, again when the database chose it as a
   * deadlock victim (another server on the same MariaDB): InnoDB's gap locks on the replaced stream
   * rows make concurrent replacements deadlock otherwise.
   */
  private <T> T write(Supplier<T> transaction) {
    return DeadlockRetry.run(() -> {
      synchronized (writeLock) {
        return transaction.get();
      }
    });
  }

  /**
   * Whether the library's files are probed: never for book libraries, else unless its settings
   * say {@code "probe": false}. Unreadable settings count as the default.
   */
  static boolean probes(ProbeStore.LibraryRow library) {
    if ("book".equals(library.type())) {
      return false;
    }
    try {
      JsonNode settings = JSON.readTree(library.settings() == null ? "{}" : library.settings());
      return settings == null || settings.path("probe").asBoolean(true);
    } catch (IOException e) {
      log.warn("library {} has unreadable settings, probing it: {}", library.id(), e.getMessage());
      return true;
    }
  }
}
