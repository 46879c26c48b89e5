package dev.marquee.kernel.plugins.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A plugin repository's index ({@code repository.json}); see {@code docs/plugin-repository.schema.json}.
 *
 * @param formatVersion always {@value #FORMAT_VERSION}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryIndex(Integer formatVersion, String name, List<PluginManifest> plugins) {
  public static final int FORMAT_VERSION = 1;

  public RepositoryIndex {
    plugins = plugins == null ? null : List.copyOf(plugins);
  }
}
