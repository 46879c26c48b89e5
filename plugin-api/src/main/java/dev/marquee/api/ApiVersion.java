package dev.marquee.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this plugin API (semantic versioning). A plugin names the range it needs in its
 * manifest's {@code Plugin-Requires}, for example {@code >=0.1.0 & <1.0.0}; the kernel refuses a
 * plugin whose range does not include {@link #current()}.
 */
public final class ApiVersion {
  private static final String CURRENT = load();

  private ApiVersion() {}

  /** The version of the API jar on the class path, for example {@code 0.1.0}. Never null. */
  public static String current() {
    return CURRENT;
  }

  private static String load() {
    try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("plugin-api jar lacks api-version.properties", e);
    }
  }
}
