package dev.marquee.kernel.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.marquee.api.http.ApiException;
import dev.marquee.kernel.db.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * Plugins' settings as admins set them: one JSON object per plugin in {@code plugin_settings},
 * validated against the JSON Schema the plugin ships as {@value #SCHEMA_RESOURCE} at its class-path
 * root (draft 2020-12 unless the schema's {@code $schema} says otherwise). A plugin reads them
 * through its {@code PluginConfig}, over the {@code plugins.<id>.*} configuration keys, from its
 * next start on ({@link #flatten}).
 */
@Singleton
final class PluginSettings {
  static final String SCHEMA_RESOURCE = "settings.schema.json";

  /** What {@code GET /api/v1/admin/plugins/{id}/settings} answers: the schema (or null) and the stored values. */
  record View(JsonNode schema, JsonNode values) {}

  private final Jdbi jdbi;
  private final ObjectMapper mapper;
  private final Clock clock;

  @Inject
  PluginSettings(Database database, ObjectMapper mapper, Clock clock) {
    this.jdbi = database.jdbi();
    this.mapper = mapper;
    this.clock = clock;
  }

  /** The stored values of {@code pluginId}, or an empty object. */
  ObjectNode values(String pluginId) {
    return stored(pluginId).map(this::parseObject).orElseGet(mapper::createObjectNode);
  }

  /** The stored values as {@code PluginConfig} keys: see {@link #flatten}. */
  Map<String, String> configValues(String pluginId) {
    return flatten(values(pluginId));
  }

  /**
   * Validates {@code values} against {@code schemaJson} and stores them in place of the old ones.
   *
   * @throws ApiException 422 VALIDATION_FAILED with the validator's messages (nothing stored), 409
   *     PLUGIN_HAS_NO_SETTINGS without a schema, 409 SETTINGS_SCHEMA_INVALID for a schema the
   *     validator cannot read
   */
  ObjectNode replace(String pluginId, byte[] schemaJson, JsonNode values) {
    if (schemaJson == null) {
      throw ApiException.conflict("PLUGIN_HAS_NO_SETTINGS", "plugin " + pluginId + " declares no settings (no "
          + SCHEMA_RESOURCE + ")");
    }
    if (values == null || !values.isObject()) {
      throw ApiException.unprocessable("VALIDATION_FAILED", "the settings must be a JSON object");
    }
    List<Error> errors;
    try {
      Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new String(schemaJson, StandardCharsets.UTF_8), InputFormat.JSON);
      errors = schema.validate(values);
    } catch (RuntimeException e) {
      throw ApiException.conflict("SETTINGS_SCHEMA_INVALID", "the " + SCHEMA_RESOURCE + " of plugin " + pluginId
          + " cannot be used: " + e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw ApiException.unprocessable("VALIDATION_FAILED",
          errors.stream().map(Error::toString).collect(Collectors.joining("; ")));
    }
    String json = values.toString();
    long now = clock.millis();
    jdbi.useTransaction(handle -> {
      handle.createUpdate("DELETE FROM plugin_settings WHERE plugin_id = :id").bind("id", pluginId).execute();
      handle.createUpdate("INSERT INTO plugin_settings (plugin_id, settings, updated_at) VALUES (:id, :settings, :now)")
          .bind("id", pluginId).bind("settings", json).bind("now", now).execute();
    });
    return (ObjectNode) values;
  }

  /** The schema as JSON, or null when there is none. @throws ApiException 409 when it is not JSON */
  JsonNode schema(String pluginId, byte[] schemaJson) {
    if (schemaJson == null) {
      return null;
    }
    try {
      return mapper.readTree(schemaJson);
    } catch (java.io.IOException e) {
      throw ApiException.conflict("SETTINGS_SCHEMA_INVALID", "the " + SCHEMA_RESOURCE + " of plugin " + pluginId
          + " is not JSON: " + e.getMessage());
    }
  }

  private Optional<String> stored(String pluginId) {
    return jdbi.withHandle(handle -> handle.createQuery("SELECT settings FROM plugin_settings WHERE plugin_id = :id")
        .bind("id", pluginId).mapTo(String.class).findOne());
  }

  private ObjectNode parseObject(String json) {
    try {
      JsonNode node = mapper.readTree(json);
      return node.isObject() ? (ObjectNode) node : mapper.createObjectNode();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored plugin settings are not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A settings object as flat {@code PluginConfig} keys: nested objects give dotted keys ({@code
   * {"tmdb":{"language":"fr"}}} → {@code tmdb.language=fr}), scalars their text, arrays their
   * elements' text joined with commas; nulls are left out.
   */
  static Map<String, String> flatten(JsonNode values) {
    Map<String, String> flat = new TreeMap<>();
    flatten("", values, flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
      }
    } else if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      node.forEach(element -> {
        if (joined.length() > 0) {
          joined.append(',');
        }
        joined.append(element.isValueNode() ? element.asText() : element.toString());
      });
      into.put(prefix, joined.toString());
    } else if (!node.isNull() && !node.isMissingNode()) {
      into.put(prefix, node.asText());
    }
  }
}
