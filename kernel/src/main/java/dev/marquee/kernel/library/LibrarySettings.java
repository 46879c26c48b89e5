package dev.marquee.kernel.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marquee.api.http.ApiException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library's settings, kept as the JSON object the admin sent: {@code probe} (boolean, default
 * true), {@code watch} (boolean, default true), {@code trickplay} (boolean, default true; read by
 * the playback feature's thumbnail maker), {@code missingGracePeriod} ({@code 30m}, {@code 12h},
 * {@code 7d}; default 7d). Other keys are kept for other features to read.
 */
record LibrarySettings(ObjectNode json) {
  static final Duration DEFAULT_GRACE = Duration.ofDays(7);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static LibrarySettings defaults() {
    return new LibrarySettings(MAPPER.createObjectNode());
  }

  /** Reads stored settings; unreadable ones count as the defaults. */
  static LibrarySettings fromStored(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node instanceof ObjectNode object ? new LibrarySettings(object) : defaults();
    } catch (Exception e) {
      return defaults();
    }
  }

  /**
   * Validates settings sent by an admin.
   *
   * @throws ApiException 422 VALIDATION_FAILED naming the bad setting
   */
  static LibrarySettings validate(JsonNode node) {
    if (node == null || node.isNull()) {
      return defaults();
    }
    if (!(node instanceof ObjectNode object)) {
      throw invalid("settings must be a JSON object");
    }
    for (String key : new String[] {"probe", "watch", "trickplay"}) {
      JsonNode value = object.get(key);
      if (value != null && !value.isBoolean()) {
        throw invalid("settings." + key + " must be true or false");
      }
    }
    JsonNode grace = object.get("missingGracePeriod");
    if (grace != null && (!grace.isTextual() || parseDuration(grace.asText()) == null)) {
      throw invalid("settings.missingGracePeriod must be a duration such as 30m, 12h or 7d");
    }
    return new LibrarySettings(object.deepCopy());
  }

  boolean probe() {
    return json.path("probe").asBoolean(true);
  }

  boolean watch() {
    return json.path("watch").asBoolean(true);
  }

  Duration missingGracePeriod() {
    Duration parsed = parseDuration(json.path("missingGracePeriod").asText(""));
    return parsed == null ? DEFAULT_GRACE : parsed;
  }

  String stored() {
    return json.toString();
  }

  /** The settings as a plain map for JSON answers. */
  Map<String, Object> asMap() {
    return MAPPER.convertValue(json, Map.class);
  }

  private static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static ApiException invalid(String message) {
    return ApiException.unprocessable("VALIDATION_FAILED", message);
  }
}
