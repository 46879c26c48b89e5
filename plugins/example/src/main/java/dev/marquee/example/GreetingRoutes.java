package dev.marquee.example;

import dev.marquee.api.PluginContext;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.util.List;
import org.pf4j.Extension;

/**
 * {@code /api/v1/example/greetings}: signed-in users list greetings and add their own. The whole
 * route table is the list below; handlers only parse, call the store and write.
 */
@Extension
public class GreetingRoutes implements RouteContributor {
  private static final String PATH = "/api/v1/example/greetings";
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 500;

  /** Body of a POST. */
  public record NewGreeting(String text) {}

  /** A page of greetings, as the API answers it. */
  public record GreetingPage(List<Greeting> items, int total, int offset, int limit) {}

  private final GreetingStore store;

  public GreetingRoutes(PluginContext context) {
    this.store = new GreetingStore(context.jdbi(), context.clock());
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(PATH, Access.USER, this::list).summary("Greetings, newest first (offset, limit)"),
        Route.post(PATH, Access.USER, this::add).summary("Add a greeting: {\"text\": 1-280 characters}"));
  }

  private void list(RequestContext request) {
    int offset = intParam(request, "offset", 0, Integer.MAX_VALUE);
    int limit = intParam(request, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    request.json(new GreetingPage(store.newestFirst(offset, limit), store.count(), offset, limit));
  }

  private void add(RequestContext request) {
    NewGreeting body = request.body(NewGreeting.class); // 400 MALFORMED_JSON when it is not JSON
    String text = body.text() == null ? "" : body.text().strip();
    if (text.isEmpty() || text.codePointCount(0, text.length()) > Greeting.MAX_LENGTH) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "text: 1 to " + Greeting.MAX_LENGTH + " characters");
    }
    request.status(201).json(store.add(text));
  }

  private static int intParam(RequestContext request, String name, int defaultValue, int max) {
    String text = request.queryParam(name).orElse(null);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw ApiException.badRequest("VALIDATION_FAILED", name + ": an integer from 0 to " + max);
  }
}
