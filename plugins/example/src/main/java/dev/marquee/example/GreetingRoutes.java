package dev.marquee.example;

import dev.marquee.api.PluginContext;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.ApiException;
import dev.marquee.api.http.Paging;
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

  /** Body of a POST. */
  public record NewGreeting(String text) {}

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
    Paging paging = Paging.of(request); // 422 VALIDATION_FAILED for a bad offset or limit
    GreetingStore.Page page = store.newestFirst(paging.offset(), paging.limit());
    request.json(paging.page(page.items(), page.total()));
  }

  private void add(RequestContext request) {
    NewGreeting body = request.body(NewGreeting.class); // 400 MALFORMED_JSON when it is not JSON
    String text = body.text() == null ? "" : body.text().strip();
    if (text.isEmpty() || text.codePointCount(0, text.length()) > Greeting.MAX_LENGTH) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "text: 1 to " + Greeting.MAX_LENGTH + " characters");
    }
    request.status(201).json(store.add(text));
  }
}
