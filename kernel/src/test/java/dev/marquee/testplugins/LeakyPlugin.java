package dev.marquee.testplugins;

import com.github.benmanes.caffeine.cache.Cache;
import dev.marquee.api.PluginContext;
import dev.marquee.api.Progress;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import dev.marquee.api.task.ScheduledTask;
import dev.marquee.api.task.TaskContext;
import dev.marquee.api.task.Trigger;
import dev.marquee.api.transcode.FfmpegArguments;
import dev.marquee.api.transcode.HardwareCapabilities;
import dev.marquee.api.transcode.TranscodeRequest;
import dev.marquee.api.transcode.TranscoderDriver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.pf4j.Plugin;

/**
 * A plugin that touches every kernel service a plugin can leave its classes in: a migration, a
 * SqlObject DAO with a constructor mapper of its own record, routes that read and write its own
 * records as JSON, a task, an event subscription it never closes, events carrying its own records,
 * a cache and a transcoder driver the kernel probes. It reports its class loader to {@link LoaderProbe}.
 */
public class LeakyPlugin extends Plugin {
  private final PluginContext context;

  public LeakyPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void start() {
    LoaderProbe.record(context.pluginId(), getClass().getClassLoader());
    AtomicInteger seen = new AtomicInteger();
    // deliberately never closed
    context.events().subscribe("leaky", event -> seen.incrementAndGet());
  }

  /** One note. */
  public record Note(long id, String text) {}

  /** The {@code leaky_notes} table. */
  public interface NoteDao {
    @SqlUpdate("INSERT INTO leaky_notes (text) VALUES (:text)")
    void add(@Bind("text") String text);

    @SqlQuery("SELECT id, text FROM leaky_notes ORDER BY id")
    @RegisterConstructorMapper(Note.class)
    List<Note> all();
  }

  /** GET and POST /api/v1/leaky/notes. */
  public static class Routes implements RouteContributor {
    private final PluginContext context;
    private final NoteDao dao;
    private final Cache<String, Note> cache;

    public Routes(PluginContext context) {
      this.context = context;
      this.dao = context.jdbi().onDemand(NoteDao.class);
      this.cache = context.caches().create("leaky.notes", 10, Duration.ofMinutes(1));
    }

    @Override
    public List<Route> routes() {
      return List.of(
          Route.get("/api/v1/leaky/notes", Access.USER, request -> request.json(dao.all())),
          Route.post("/api/v1/leaky/notes", Access.USER, request -> {
            Note note = request.body(Note.class);
            dao.add(note.text());
            cache.put(note.text(), note);
            context.events().publish("leaky.added", note);
            request.status(201).json(note);
          }));
    }
  }

  /** A transcoder driver that finds no hardware: the kernel probes it and keeps the outcome. */
  public static class Driver implements TranscoderDriver {
    @Override
    public String id() {
      return "leaky-hw";
    }

    @Override
    public Optional<HardwareCapabilities> probe(Progress progress) {
      progress.progress(100, "no leaky hardware here");
      return Optional.empty();
    }

    @Override
    public Optional<FfmpegArguments> arguments(TranscodeRequest request, HardwareCapabilities capabilities) {
      return Optional.empty();
    }
  }

  /** {@code leaky.work}: adds a note through the DAO and announces it. */
  public static class Work implements ScheduledTask {
    private final PluginContext context;

    public Work(PluginContext context) {
      this.context = context;
    }

    @Override
    public String id() {
      return "leaky.work";
    }

    @Override
    public String name() {
      return "Work";
    }

    @Override
    public String description() {
      return "Adds a note.";
    }

    @Override
    public List<Trigger> defaultTriggers() {
      return List.of(Trigger.every(Duration.ofHours(1)), Trigger.onEvent("leaky.poke"));
    }

    @Override
    public void run(TaskContext run) {
      context.jdbi().onDemand(NoteDao.class).add("from the task");
      context.events().publish("leaky.worked", new Note(0, "worked"));
      run.progress(100, "done");
    }
  }
}
