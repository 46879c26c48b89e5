package dev.marquee.kernel.plugins;

import static dev.marquee.kernel.plugins.PluginJar.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marquee.api.ApiVersion;
import dev.marquee.api.event.Event;
import dev.marquee.api.http.ApiException;
import dev.marquee.testplugins.BrokenPlugin;
import dev.marquee.testplugins.ConflictingRoutes;
import dev.marquee.testplugins.HelloPlugin;
import dev.marquee.testplugins.KernelPeekingRoutes;
import dev.marquee.testplugins.NotesRoutes;
import dev.marquee.testplugins.RoutesAndTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
  @TempDir
  Path dataDir;

  PluginFixture fixture;

  @BeforeEach
  void open() {
    fixture = new PluginFixture(dataDir, Map.of());
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  static PluginJar hello() {
    return plugin("hello").mainClass(HelloPlugin.class).extension(HelloPlugin.Routes.class).extension(HelloPlugin.Tick.class);
  }

  static PluginJar notes() {
    return plugin("notes").extension(NotesRoutes.class)
        .resource("db/migration/notes/V1__notes.sql",
            "CREATE TABLE notes_items (id ${pk}, text ${text} NOT NULL) ${table_options};\n"
                + "INSERT INTO notes_items (text) VALUES ('first');\n");
  }

  @Test
  void loadAndStartAll_jarAndZip_startsBothWithRoutesAndTasks() {
    // given
    hello().writeJar(fixture.pluginsDir().resolve("hello.jar"));
    notes().writeZip(fixture.pluginsDir().resolve("notes.zip"));

    // when
    fixture.host.loadAndStartAll();

    // then
    assertThat(fixture.host.list()).extracting(PluginView::id, PluginView::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("hello", "STARTED"), org.assertj.core.groups.Tuple.tuple("notes", "STARTED"));
    assertThat(fixture.ownerOf("GET", "/api/v1/hello/bob")).isEqualTo("hello");
    assertThat(fixture.ownerOf("GET", "/api/v1/notes/count")).isEqualTo("notes");
    assertThat(fixture.tasks.ids()).containsExactly("hello.tick");
    PluginView hello = fixture.plugin("hello");
    assertThat(hello.version()).isEqualTo("1.0.0");
    assertThat(hello.requires()).isEqualTo(">=0.1.0");
    assertThat(hello.routes()).containsExactly(new PluginView.RouteView("GET", "/api/v1/hello/{name}", "PUBLIC"));
    assertThat(hello.tasks()).containsExactly("hello.tick");
    assertThat(dataDir.resolve("plugin-data/hello")).isDirectory();
  }

  @Test
  void stopThenStart_routesAndTasksDisappearAndComeBack() {
    // given
    hello().writeJar(fixture.pluginsDir().resolve("hello.jar"));
    fixture.host.loadAndStartAll();

    // when
    PluginView stopped = fixture.host.stop("hello");

    // then
    assertThat(stopped.state()).isEqualTo("STOPPED");
    assertThat(stopped.routes()).isEmpty();
    assertThat(fixture.ownerOf("GET", "/api/v1/hello/bob")).isNull();
    assertThat(fixture.tasks.ids()).isEmpty();

    // when
    PluginView started = fixture.host.start("hello");

    // then
    assertThat(started.state()).isEqualTo("STARTED");
    assertThat(fixture.ownerOf("GET", "/api/v1/hello/bob")).isEqualTo("hello");
    assertThat(fixture.tasks.ids()).containsExactly("hello.tick");
    awaitEvent("test.lifecycle", "hello stopped");
    assertThat(stateEvents("hello")).containsSubsequence("RESOLVED", "STARTED", "STOPPED", "STARTED");
  }

  @Test
  void unload_stopsAndForgets_andTheFileCanBeLoadedAgain() {
    // given
    hello().writeJar(fixture.pluginsDir().resolve("hello.jar"));
    fixture.host.loadAndStartAll();

    // when
    fixture.host.unload("hello");

    // then
    assertThat(fixture.host.list()).isEmpty();
    assertThat(fixture.ownerOf("GET", "/api/v1/hello/bob")).isNull();
    assertThat(fixture.tasks.ids()).isEmpty();
    assertThatThrownBy(() -> fixture.host.start("hello")).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));

    // when
    PluginView loaded = fixture.host.load("hello.jar");

    // then
    assertThat(loaded.state()).isEqualTo("STARTED");
    assertThat(fixture.ownerOf("GET", "/api/v1/hello/bob")).isEqualTo("hello");
    assertThat(stateEvents("hello")).containsSubsequence("STARTED", "STOPPED", "UNLOADED", "STARTED");
  }

  @Test
  void load_fileLoadedAlready_conflict() {
    hello().writeJar(fixture.pluginsDir().resolve("hello.jar"));
    fixture.host.loadAndStartAll();
    hello().writeZip(fixture.pluginsDir().resolve("hello-copy.zip"));

    assertThatThrownBy(() -> fixture.host.load("hello.jar"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThatThrownBy(() -> fixture.host.load("hello-copy.zip"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void load_nameOutsideThePluginsDir_unprocessableOrNotFound() {
    Files.exists(dataDir); // the plugins dir exists; the names below must never leave it
    for (String name : List.of("../x.zip", "/etc/passwd.zip", "sub/x.zip", "..\\x.zip", "x.txt", "", ".hidden.zip")) {
      assertThatThrownBy(() -> fixture.host.load(name)).as(name)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }
    assertThatThrownBy(() -> fixture.host.load("missing.zip"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void start_routeOwnedByTheKernel_failedWithReason_kernelRouteIntact() {
    // given
    plugin("greedy").extension(ConflictingRoutes.class).writeJar(fixture.pluginsDir().resolve("greedy.jar"));
    hello().writeJar(fixture.pluginsDir().resolve("hello.jar"));

    // when
    fixture.host.loadAndStartAll();

    // then
    PluginView greedy = fixture.plugin("greedy");
    assertThat(greedy.state()).isEqualTo("FAILED");
    assertThat(greedy.error()).contains("GET /api/v1/system/health").contains("kernel");
    assertThat(greedy.routes()).isEmpty();
    assertThat(fixture.ownerOf("GET", "/api/v1/system/health")).isEqualTo("kernel");
    assertThat(fixture.ownerOf("GET", "/api/v1/greedy/own")).isNull();
    assertThat(fixture.plugin("hello").state()).isEqualTo("STARTED");
    assertThat(stateEvents("greedy")).endsWith("FAILED");
  }

  @Test
  void load_requiresANewerApi_refusedWithReason() {
    // given
    hello().manifest("Plugin-Requires", ">=99.0.0").writeJar(fixture.pluginsDir().resolve("future.jar"));

    // when
    fixture.host.loadAndStartAll();

    // then
    PluginView future = fixture.plugin("hello");
    assertThat(future.state()).isEqualTo("REFUSED");
    assertThat(future.error()).contains(">=99.0.0").contains(ApiVersion.current());
    assertThat(fixture.ownerOf("GET", "/api/v1/hello/bob")).isNull();
    assertThatThrownBy(() -> fixture.host.load("future.jar"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.getMessage()).contains("requires plugin API >=99.0.0");
        });
  }

  @Test
  void start_failingMigration_failedAndNothingRegistered() {
    // given
    plugin("notes").extension(NotesRoutes.class)
        .resource("db/migration/notes/V1__broken.sql", "CREATE TABLE notes_items (id ${pk});\nTHIS IS NOT SQL;\n")
        .writeJar(fixture.pluginsDir().resolve("notes.jar"));

    // when
    fixture.host.loadAndStartAll();

    // then
    PluginView notes = fixture.plugin("notes");
    assertThat(notes.state()).isEqualTo("FAILED");
    assertThat(notes.error()).startsWith("database migration failed");
    assertThat(fixture.ownerOf("GET", "/api/v1/notes/count")).isNull();
  }

  @Test
  void bundledDir_zipIsExpandedElsewhere_andThePluginsDirCopyWins(@TempDir Path bundled) {
    // given
    notes().writeZip(bundled.resolve("notes.zip"));
    hello().writeJar(bundled.resolve("hello.jar"));
    hello().manifest("Plugin-Version", "2.0.0").writeJar(fixture.pluginsDir().resolve("hello.jar"));
    fixture.close();
    fixture = new PluginFixture(dataDir, Map.of("plugins.bundled-dir", bundled.toString()));

    // when
    fixture.host.loadAndStartAll();

    // then
    assertThat(fixture.plugin("notes").state()).isEqualTo("STARTED");
    assertThat(fixture.plugin("hello").version()).isEqualTo("2.0.0");
    try (var files = Files.list(bundled)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("notes.zip", "hello.jar");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void start_pluginLoadsAKernelClass_failedBecauseKernelClassesAreOutOfReach() {
    plugin("peek").extension(KernelPeekingRoutes.class).writeJar(fixture.pluginsDir().resolve("peek.jar"));

    fixture.host.loadAndStartAll();

    PluginView peek = fixture.plugin("peek");
    assertThat(peek.state()).isEqualTo("FAILED");
    assertThat(peek.error()).contains("dev.marquee.kernel.Kernel").contains("not kernel classes");
  }

  @Test
  void start_pluginThrowsALinkageError_failedAndTheOthersStart() {
    plugin("broken").mainClass(BrokenPlugin.class).writeJar(fixture.pluginsDir().resolve("broken.jar"));
    hello().writeJar(fixture.pluginsDir().resolve("hello.jar"));

    fixture.host.loadAndStartAll();

    assertThat(fixture.plugin("broken").state()).isEqualTo("FAILED");
    assertThat(fixture.plugin("broken").error()).contains("com/acme/Missing");
    assertThat(fixture.plugin("hello").state()).isEqualTo("STARTED");
  }

  @Test
  void start_extensionOfTwoPoints_builtOncePerStart() {
    plugin("both").extension(RoutesAndTask.class).writeJar(fixture.pluginsDir().resolve("both.jar"));

    fixture.host.loadAndStartAll();

    assertThat(fixture.ownerOf("GET", "/api/v1/both")).isEqualTo("both");
    assertThat(fixture.tasks.ids()).containsExactly("both.task");
    assertThat(builtCount()).isEqualTo(1);

    fixture.host.stop("both");
    fixture.host.start("both");

    assertThat(builtCount()).isEqualTo(2);
  }

  private long builtCount() {
    awaitQuiet();
    return fixture.events.stream().filter(e -> e.topic().equals("test.built")).count();
  }

  @Test
  void load_missingPluginDependency_refusedAndNothingHalfLoaded() {
    hello().manifest("Plugin-Dependencies", "absent@>=1.0.0").writeJar(fixture.pluginsDir().resolve("hello.jar"));

    fixture.host.loadAndStartAll();

    PluginView hello = fixture.plugin("hello");
    assertThat(hello.state()).isEqualTo("REFUSED");
    assertThat(hello.error()).contains("cannot be resolved");
    assertThat(fixture.host.list()).hasSize(1);
  }

  @Test
  void start_unknownId_notFound() {
    assertThatThrownBy(() -> fixture.host.start("nope"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  private List<String> stateEvents(String pluginId) {
    awaitQuiet();
    return fixture.events.stream()
        .filter(e -> e.topic().equals(PluginHost.STATE_TOPIC))
        .map(e -> (Map<?, ?>) e.data())
        .filter(d -> pluginId.equals(d.get("pluginId")))
        .map(d -> (String) d.get("state"))
        .toList();
  }

  private void awaitEvent(String topic, Object data) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (Instant.now().isBefore(deadline)) {
      for (Event e : fixture.events) {
        if (e.topic().equals(topic) && data.equals(e.data())) {
          return;
        }
      }
      sleep();
    }
    throw new AssertionError("no event " + topic + " " + data + " in " + fixture.events);
  }

  /** Events are delivered on another thread: give it a moment to catch up. */
  private void awaitQuiet() {
    int seen = -1;
    while (seen != fixture.events.size()) {
      seen = fixture.events.size();
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
