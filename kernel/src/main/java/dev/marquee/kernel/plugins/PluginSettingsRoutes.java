package dev.marquee.kernel.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marquee.api.http.Access;
import dev.marquee.api.http.RequestContext;
import dev.marquee.api.http.Route;
import dev.marquee.api.http.RouteContributor;
import java.util.List;
import javax.inject.Inject;

/**
 * {@code /api/v1/admin/plugins/{id}/settings}: a plugin's settings schema and stored values; {@code
 * PUT} replaces the values after validating them against the schema. The plugin sees new values
 * from its next start ({@code POST /api/v1/admin/plugins/{id}/stop}, then {@code /start}).
 */
final class PluginSettingsRoutes implements RouteContributor {
  private static final String PATH = "/api/v1/admin/plugins/{id}/settings";

  private final PluginHost host;
  private final PluginSettings settings;

  @Inject
  PluginSettingsRoutes(PluginHost host, PluginSettings settings) {
    this.host = host;
    this.settings = settings;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(PATH, Access.ADMIN, this::get)
            .summary("A plugin's settings: {schema (its settings.schema.json, or null), values}"),
        Route.put(PATH, Access.ADMIN, this::put)
            .summary("Replace a plugin's settings with a JSON object valid against its schema (422 otherwise); "
                + "applied at the plugin's next start"));
  }

  private void get(RequestContext request) {
    String id = request.pathParam("id");
    byte[] schema = host.ownResource(id, PluginSettings.SCHEMA_RESOURCE);
    request.json(new PluginSettings.View(settings.schema(id, schema), settings.values(id)));
  }

  private void put(RequestContext request) {
    String id = request.pathParam("id");
    byte[] schema = host.ownResource(id, PluginSettings.SCHEMA_RESOURCE);
    JsonNode values = request.body(JsonNode.class);
    request.json(new PluginSettings.View(settings.schema(id, schema), settings.replace(id, schema, values)));
  }
}
