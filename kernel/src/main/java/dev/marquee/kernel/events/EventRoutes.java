package dev.marquee.kernel.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marquee.api.event.Event;
import dev.marquee.api.event.EventBus;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.EventStream;
import dev.marquee.api.http.Principal;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: the event bus as Server-Sent Events, {@code event: <topic>}, {@code
 * id: <1, 2, ...>}, {@code data: {"topic","at","data"}}. Topics under {@value #ADMIN_ONLY_TASK} and
 * {@value #ADMIN_ONLY_PLUGIN} reach administrators only. {@code ?topics=a,b.c} keeps the topics
 * equal to or under those prefixes. One bus subscription per client, closed when it leaves.
 */
final class EventRoutes implements RouteContributor {
  private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);
  static final String ADMIN_ONLY_TASK = "task";
  static final String ADMIN_ONLY_PLUGIN = "plugin";
  private static final Set<String> ADMIN_ONLY = Set.of(ADMIN_ONLY_TASK, ADMIN_ONLY_PLUGIN);
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*");
  private static final int MAX_PREFIXES = 50;

  /** The {@code data:} of each event. */
  record EventJson(String topic, Instant at, Object data) {}

  private final EventBus bus;
  private final ObjectMapper mapper;

  @Inject
  EventRoutes(EventBus bus, ObjectMapper mapper) {
    this.bus = bus;
    this.mapper = mapper;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/events", Access.USER, this::stream)
            .summary("Server-Sent Events from the event bus (task.* and plugin.* for admins only); ?topics=prefix,..."));
  }

  private void stream(RequestContext request) {
    Principal principal = request.requirePrincipal();
    List<String> prefixes = prefixes(request);
    EventStream stream = request.eventStream();
    AtomicLong ids = new AtomicLong();
    EventBus.Subscription subscription = bus.subscribe("", event -> {
      if (stream.isOpen() && visible(event.topic(), principal) && wanted(event.topic(), prefixes)) {
        send(stream, ids.incrementAndGet(), event);
      }
    });
    stream.onClose(subscription::close);
  }

  private void send(EventStream stream, long id, Event event) {
    String json;
    try {
      json = mapper.writeValueAsString(new EventJson(event.topic(), event.at(), event.data()));
    } catch (JsonProcessingException e) {
      log.warn("event {} is not serialisable as JSON: not streamed", event.topic(), e);
      return;
    }
    stream.send(event.topic(), Long.toString(id), json);
  }

  /** @throws ApiException 422 VALIDATION_FAILED for a prefix that is not a dotted lower-case topic */
  private static List<String> prefixes(RequestContext request) {
    List<String> prefixes = new ArrayList<>();
    for (String value : request.queryParams("topics")) {
      for (String prefix : value.split(",", -1)) {
        String trimmed = prefix.trim();
        if (!PREFIX.matcher(trimmed).matches()) {
          throw ApiException.unprocessable("VALIDATION_FAILED",
              "topics must be comma-separated dotted lower-case topic prefixes, for example task,plugin");
        }
        prefixes.add(trimmed);
      }
    }
    if (prefixes.size() > MAX_PREFIXES) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "at most " + MAX_PREFIXES + " topic prefixes");
    }
    return List.copyOf(prefixes);
  }

  private static boolean visible(String topic, Principal principal) {
    return principal.isAdmin() || ADMIN_ONLY.stream().noneMatch(prefix -> under(topic, prefix));
  }

  private static boolean wanted(String topic, List<String> prefixes) {
    return prefixes.isEmpty() || prefixes.stream().anyMatch(prefix -> under(topic, prefix));
  }

  private static boolean under(String topic, String prefix) {
    return topic.equals(prefix) || topic.startsWith(prefix + ".");
  }
}
