package dev.marquee.kernel.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the configuration layers, lowest precedence first:
 *
 * <ol>
 *   <li>built-in defaults;
 *   <li>the YAML file ({@code --config}, else {@code MARQUEE_CONFIG}, else {@code marquee.yml} in
 *       the data directory when present), nested maps flattened to dotted keys;
 *   <li>environment variables {@code MARQUEE_HTTP_PORT=8080} → {@code http.port} (underscores
 *       become dots, lower case; {@code __} stands for a literal underscore);
 *   <li>command-line overrides ({@code --set key=value}, {@code --port}, {@code --data-dir}).
 * </ol>
 */
public final class ConfigLoader {
  public static final String DATA_DIR = "data.dir";

  private static final Map<String, String> DEFAULTS = Map.of(
      "http.host", "0.0.0.0",
      "http.port", "8096",
      "http.max-body-bytes", "1048576");

  private ConfigLoader() {}

  /**
   * @param env the process environment
   * @param configFile the {@code --config} file, or null
   * @param cli command-line overrides (dotted keys)
   * @throws IllegalArgumentException when the file is missing or not valid YAML
   */
  public static Config load(Map<String, String> env, Path configFile, Map<String, String> cli) {
    Map<String, String> fromEnv = fromEnvironment(env);
    Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
    String dataDir = cli.getOrDefault(DATA_DIR, fromEnv.getOrDefault(DATA_DIR, defaultDataDir(env)));

    Path file = configFile;
    if (file == null && env.containsKey("MARQUEE_CONFIG")) {
      file = Path.of(env.get("MARQUEE_CONFIG"));
    }
    if (file == null && Files.isRegularFile(Path.of(dataDir, "marquee.yml"))) {
      file = Path.of(dataDir, "marquee.yml");
    }
    if (file != null) {
      merged.putAll(readYaml(file));
    }
    merged.putAll(fromEnv);
    merged.putAll(cli);
    merged.putIfAbsent(DATA_DIR, dataDir);
    return new Config(merged);
  }

  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("MARQUEE_") && !name.equals("MARQUEE_CONFIG") && !name.startsWith("MARQUEE_TEST_")) {
        String key = name.substring("MARQUEE_".length()).toLowerCase(Locale.ROOT)
            .replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
        out.put(key, value);
      }
    });
    return out;
  }

  private static String defaultDataDir(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "marquee").toString();
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "marquee").toString();
  }

  private static Map<String, String> readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file not found: " + file);
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      Map<String, String> out = new LinkedHashMap<>();
      if (root != null && !root.isMissingNode() && !root.isNull()) {
        if (!root.isObject()) {
          throw new IllegalArgumentException("config file " + file + " must hold a map of settings");
        }
        flatten("", root, out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("config file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray()) {
      throw new IllegalArgumentException("config " + prefix + ": lists are not supported, use a comma-separated string");
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }

}
