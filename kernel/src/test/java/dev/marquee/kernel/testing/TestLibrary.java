package dev.marquee.kernel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A library made through the admin API over one folder (not watched) and scanned until its scan is
 * idle again: the set-up of every test that needs a few real files in the catalog.
 */
public final class TestLibrary {
  private final TestHttp admin;
  private final long id;

  private TestLibrary(TestHttp admin, long id) {
    this.admin = admin;
    this.id = id;
  }

  /** A scanned library of {@code type} (movie, series, book, mixed) over {@code root}. */
  public static TestLibrary scanned(TestHttp admin, String type, Path root) throws IOException, InterruptedException {
    return scanned(admin, type, root, "");
  }

  /**
   * As {@link #scanned(TestHttp, String, Path)} with more library settings.
   *
   * @param moreSettings JSON members that follow {@code "watch":false}, such as {@code ,"trickplay":false}
   */
  public static TestLibrary scanned(TestHttp admin, String type, Path root, String moreSettings)
      throws IOException, InterruptedException {
    TestHttp.Response created = admin.post("/api/v1/libraries", "{\"name\":\"" + root.getFileName() + "\",\"type\":\""
        + type + "\",\"roots\":[\"" + root.toRealPath() + "\"],\"settings\":{\"watch\":false" + moreSettings + "}}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    TestLibrary library = new TestLibrary(admin, created.json().path("id").asLong());
    library.scan();
    return library;
  }

  public long id() {
    return id;
  }

  /** Scans again and waits until that scan has ended. */
  public void scan() throws InterruptedException {
    long before = lastScanAt();
    // 409: a scan runs already (making a library starts its first): a new one is queued after it or not needed
    assertThat(admin.post("/api/v1/libraries/" + id + "/scan", "").status()).isIn(202, 409);
    Eventually.await("the scan of library " + id, () -> {
      JsonNode status = admin.get("/api/v1/libraries/" + id + "/scan").json();
      return status.path("state").asText().equals("idle") && status.path("lastScanAt").isTextual()
          && lastScanAt() > before;
    });
  }

  /** The library's top-level items (movies, shows, books), by title. */
  public Map<String, Long> items() {
    Map<String, Long> items = new LinkedHashMap<>();
    for (JsonNode item : admin.get("/api/v1/libraries/" + id + "/items?limit=500&sort=title").json().path("items")) {
      items.put(item.path("title").asText(), item.path("id").asLong());
    }
    return items;
  }

  /** The id of the top-level item titled {@code title}; fails when there is none. */
  public long item(String title) {
    Map<String, Long> items = items();
    assertThat(items).as("items of library " + id).containsKey(title);
    return items.get(title);
  }

  private long lastScanAt() {
    JsonNode at = admin.get("/api/v1/libraries/" + id + "/scan").json().path("lastScanAt");
    return at.isTextual() ? Instant.parse(at.asText()).toEpochMilli() : 0;
  }
}
