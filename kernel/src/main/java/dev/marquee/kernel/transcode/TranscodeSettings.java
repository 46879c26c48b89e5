package dev.marquee.kernel.transcode;

import dev.marquee.kernel.config.Config;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Config of transcoding.
 *
 * @param order the preferred order of transcoder drivers by id ({@code playback.transcoders},
 *     {@value #DEFAULT_ORDER}); started drivers it does not name come after, in plugin order
 * @param probeTimeout how long one driver's probe may take before it counts as failed
 *     ({@code playback.transcoder-probe-timeout}, 2m)
 */
record TranscodeSettings(List<String> order, Duration probeTimeout) {
  static final String DEFAULT_ORDER = "nvidia,vaapi,qsv,software";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  /** More ids than any machine has drivers: a longer list is a mistake. */
  static final int MAX_IDS = 20;

  /** The stored setting that holds the order an administrator chose, ids separated by commas. */
  static final String STORED_ORDER = "playback.transcoder-order";

  static TranscodeSettings from(Config config) {
    String text = config.get("playback.transcoders", DEFAULT_ORDER);
    List<String> order = parseOrder(text);
    validOrder(order).ifPresent(problem -> {
      throw new IllegalArgumentException("config playback.transcoders: " + problem + ": " + text);
    });
    Duration timeout = config.getDuration("playback.transcoder-probe-timeout", Duration.ofMinutes(2));
    if (timeout.compareTo(Duration.ofSeconds(5)) < 0) {
      throw new IllegalArgumentException("config playback.transcoder-probe-timeout must be at least 5s: " + timeout);
    }
    return new TranscodeSettings(order, timeout);
  }

  /** Driver ids separated by commas. */
  static List<String> parseOrder(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** What is wrong with an order of driver ids, for people; empty when it is fine. */
  static Optional<String> validOrder(List<String> order) {
    if (order.isEmpty()) {
      return Optional.of("name at least one transcoder driver id");
    }
    if (order.size() > MAX_IDS) {
      return Optional.of("at most " + MAX_IDS + " driver ids");
    }
    for (String id : order) {
      if (id == null || !ID.matcher(id).matches()) {
        return Optional.of("a driver id is lower-case letters, digits, '-' or '_' (at most 32): " + id);
      }
    }
    if (new HashSet<>(order).size() != order.size()) {
      return Optional.of("each driver id at most once");
    }
    return Optional.empty();
  }
}
