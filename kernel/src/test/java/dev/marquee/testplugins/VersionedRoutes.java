package dev.marquee.testplugins;

import dev.marquee.api.PluginContext;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/<plugin id>/version}: answers the text of {@code versioned.txt} from the
 * plugin's own jar, so that two builds of one class tell which of them serves.
 */
public class VersionedRoutes implements RouteContributor {
  /** The resource each test build carries. */
  public static final String RESOURCE = "versioned.txt";

  private final PluginContext context;

  public VersionedRoutes(PluginContext context) {
    this.context = context;
  }

  @Override
  public List<Route> routes() {
    String version;
    try (InputStream in = VersionedRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      version = in == null ? "none" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of(Route.get("/api/v1/" + context.pluginId() + "/version", Access.PUBLIC,
        request -> request.json(Map.of("plugin", context.pluginId(), "version", version))));
  }
}
