package dev.marquee.kernel.system;

import dev.marquee.api.http.Access;
import dev.marquee.kernel.http.RouteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;

/**
 * Builds an OpenAPI 3.0 document from the live {@link RouteTable}: every route of the kernel and of
 * every started plugin, with its access level ({@code x-marquee-access}) and owner ({@code
 * x-marquee-owner}).
 */
final class OpenApi {
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  private final RouteTable routes;

  @Inject
  OpenApi(RouteTable routes) {
    this.routes = routes;
  }

  Map<String, Object> document() {
    Map<String, Map<String, Object>> paths = new TreeMap<>();
    for (RouteTable.Entry entry : routes.entries()) {
      var route = entry.route();
      Map<String, Object> operation = new LinkedHashMap<>();
      operation.put("operationId", operationId(route.method(), route.path()));
      if (!route.summary().isEmpty()) {
        operation.put("summary", route.summary());
      }
      operation.put("tags", List.of(entry.owner()));
      List<Map<String, Object>> parameters = new ArrayList<>();
      Matcher m = PARAM.matcher(route.path());
      while (m.find()) {
        parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
      }
      if (!parameters.isEmpty()) {
        operation.put("parameters", parameters);
      }
      operation.put("security", route.access() == Access.PUBLIC
          ? List.of()
          : List.of(Map.of("bearer", List.of()), Map.of("apiKey", List.of())));
      operation.put("responses", responses(route.access()));
      operation.put("x-marquee-access", route.access().name());
      operation.put("x-marquee-owner", entry.owner());
      paths.computeIfAbsent(route.path(), p -> new TreeMap<>()).put(route.method().toLowerCase(Locale.ROOT), operation);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "Marquee", "version", KernelVersion.current()));
    doc.put("paths", paths);
    doc.put("components", Map.of(
        "securitySchemes", Map.of(
            "bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
            "apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-Api-Key")),
        "schemas", Map.of("Error", Map.of(
            "type", "object",
            "properties", Map.of("error", Map.of(
                "type", "object",
                "properties", Map.of("code", Map.of("type", "string"), "message", Map.of("type", "string"))))))));
    return doc;
  }

  private static Map<String, Object> responses(Access access) {
    Map<String, Object> error = Map.of("description", "error", "content",
        Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", "success"));
    responses.put("4XX", error);
    if (access != Access.PUBLIC) {
      responses.put("401", Map.of("description", "no or invalid credentials"));
    }
    if (access == Access.ADMIN) {
      responses.put("403", Map.of("description", "not an administrator"));
    }
    return responses;
  }

  private static String operationId(String method, String path) {
    StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
    for (String segment : path.split("/")) {
      String clean = segment.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]", "");
      if (!clean.isEmpty() && !clean.equals("api") && !clean.equals("v1")) {
        id.append(Character.toUpperCase(clean.charAt(0))).append(clean.substring(1));
      }
    }
    return id.toString();
  }
}
