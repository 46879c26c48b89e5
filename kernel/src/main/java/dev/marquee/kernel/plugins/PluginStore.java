package dev.marquee.kernel.plugins;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The plugin manager's tables ({@code V3_2__plugin_installs.sql}): trusted keys, repositories,
 * installed plugins, disabled plugins and install intents. Thread-safe.
 */
@Singleton
final class PluginStore {
  /** A trusted signing key. */
  record TrustedKey(long id, String keyId, String name, String publicKey, long createdAt) {}

  /** A repository the catalog reads. */
  record Repository(long id, String name, String url, long createdAt) {}

  /** A plugin installed through the manager; its file is {@code plugins.dir/fileName}. */
  record Installed(String pluginId, String version, String fileName, String sha512, String sourceUrl, long installedAt, long updatedAt) {}

  /** An install or upgrade in progress; see the migration for the phases. */
  record Intent(String pluginId, Phase phase, String newFile, String newVersion, String newSha512, String oldFile, String sourceUrl,
      long createdAt) {}

  /** Where an install or upgrade stands. */
  enum Phase { WRITING, SWITCHING, ROLLING_BACK }

  private static final RowMapper<TrustedKey> KEY = (rs, ctx) -> new TrustedKey(rs.getLong("id"), rs.getString("key_id"),
      rs.getString("name"), rs.getString("public_key"), rs.getLong("created_at"));
  private static final RowMapper<Repository> REPOSITORY = (rs, ctx) -> new Repository(rs.getLong("id"), rs.getString("name"),
      rs.getString("url"), rs.getLong("created_at"));
  private static final RowMapper<Installed> INSTALLED = (rs, ctx) -> new Installed(rs.getString("plugin_id"), rs.getString("version"),
      rs.getString("file_name"), rs.getString("sha512"), rs.getString("source_url"), rs.getLong("installed_at"), rs.getLong("updated_at"));
  private static final RowMapper<Intent> INTENT = (rs, ctx) -> new Intent(rs.getString("plugin_id"), Phase.valueOf(rs.getString("phase")),
      rs.getString("new_file"), rs.getString("new_version"), rs.getString("new_sha512"), rs.getString("old_file"),
      rs.getString("source_url"), rs.getLong("created_at"));

  private final Jdbi jdbi;
  private final Clock clock;

  @Inject
  PluginStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  // --- trusted keys

  List<TrustedKey> keys(int offset, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_keys ORDER BY id LIMIT :limit OFFSET :offset")
        .bind("limit", limit).bind("offset", offset).map(KEY).list());
  }

  long keyCount() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plugin_keys").mapTo(Long.class).one());
  }

  Optional<TrustedKey> key(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_keys WHERE id = :id").bind("id", id).map(KEY).findOne());
  }

  Optional<TrustedKey> keyByKeyId(String keyId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_keys WHERE key_id = :keyId").bind("keyId", keyId).map(KEY).findOne());
  }

  /** @return the new row's id */
  long addKey(String keyId, String name, String publicKey) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO plugin_keys (key_id, name, public_key, created_at)"
            + " VALUES (:keyId, :name, :publicKey, :now)")
        .bind("keyId", keyId).bind("name", name).bind("publicKey", publicKey).bind("now", clock.millis())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  boolean deleteKey(long id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM plugin_keys WHERE id = :id").bind("id", id).execute()) > 0;
  }

  // --- repositories

  List<Repository> repositories() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_repositories ORDER BY id").map(REPOSITORY).list());
  }

  Optional<Repository> repository(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_repositories WHERE id = :id").bind("id", id).map(REPOSITORY).findOne());
  }

  Optional<Repository> repositoryByName(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_repositories WHERE name = :name").bind("name", name)
        .map(REPOSITORY).findOne());
  }

  long addRepository(String name, String url) {
    return jdbi.withHandle(h -> h.createUpdate("INSERT INTO plugin_repositories (name, url, created_at) VALUES (:name, :url, :now)")
        .bind("name", name).bind("url", url).bind("now", clock.millis())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  boolean updateRepository(long id, String name, String url) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE plugin_repositories SET name = :name, url = :url WHERE id = :id")
        .bind("id", id).bind("name", name).bind("url", url).execute()) > 0;
  }

  boolean deleteRepository(long id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM plugin_repositories WHERE id = :id").bind("id", id).execute()) > 0;
  }

  // --- installed and disabled plugins

  List<Installed> installed() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_installs ORDER BY plugin_id").map(INSTALLED).list());
  }

  Optional<Installed> installed(String pluginId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_installs WHERE plugin_id = :id").bind("id", pluginId)
        .map(INSTALLED).findOne());
  }

  void deleteInstalled(String pluginId) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM plugin_installs WHERE plugin_id = :id").bind("id", pluginId).execute());
  }

  List<String> disabled() {
    return jdbi.withHandle(h -> h.createQuery("SELECT plugin_id FROM plugin_disabled").mapTo(String.class).list());
  }

  void setDisabled(String pluginId, boolean disabled) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM plugin_disabled WHERE plugin_id = :id").bind("id", pluginId).execute();
      if (disabled) {
        h.createUpdate("INSERT INTO plugin_disabled (plugin_id, disabled_at) VALUES (:id, :now)")
            .bind("id", pluginId).bind("now", clock.millis()).execute();
      }
    });
  }

  // --- intents

  List<Intent> intents() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_install_intents ORDER BY id").map(INTENT).list());
  }

  /** Records the start of an install or upgrade, replacing any earlier intent of the plugin. */
  void beginIntent(String pluginId, String newFile, String newVersion, String newSha512, String oldFile, String sourceUrl) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM plugin_install_intents WHERE plugin_id = :id").bind("id", pluginId).execute();
      h.createUpdate("INSERT INTO plugin_install_intents (plugin_id, phase, new_file, new_version, new_sha512, old_file, source_url,"
              + " created_at) VALUES (:id, :phase, :newFile, :newVersion, :sha, :oldFile, :source, :now)")
          .bind("id", pluginId).bind("phase", Phase.WRITING.name()).bind("newFile", newFile).bind("newVersion", newVersion)
          .bind("sha", newSha512).bind("oldFile", oldFile).bind("source", sourceUrl).bind("now", clock.millis()).execute();
    });
  }

  void setPhase(String pluginId, Phase phase) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE plugin_install_intents SET phase = :phase WHERE plugin_id = :id")
        .bind("phase", phase.name()).bind("id", pluginId).execute());
  }

  void dropIntent(String pluginId) {
    jdbi.useHandle(h -> dropIntent(h, pluginId));
  }

  /** The new version is in place: the install row says so and the intent is gone, in one transaction. */
  void completeIntent(Intent intent) {
    jdbi.useTransaction(h -> {
      long now = clock.millis();
      long installedAt = h.createQuery("SELECT installed_at FROM plugin_installs WHERE plugin_id = :id").bind("id", intent.pluginId())
          .mapTo(Long.class).findOne().orElse(now);
      h.createUpdate("DELETE FROM plugin_installs WHERE plugin_id = :id").bind("id", intent.pluginId()).execute();
      h.createUpdate("INSERT INTO plugin_installs (plugin_id, version, file_name, sha512, source_url, installed_at, updated_at)"
              + " VALUES (:id, :version, :file, :sha, :source, :installedAt, :now)")
          .bind("id", intent.pluginId()).bind("version", intent.newVersion()).bind("file", intent.newFile())
          .bind("sha", intent.newSha512()).bind("source", intent.sourceUrl()).bind("installedAt", installedAt).bind("now", now).execute();
      dropIntent(h, intent.pluginId());
    });
  }

  Optional<Intent> intent(String pluginId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM plugin_install_intents WHERE plugin_id = :id").bind("id", pluginId)
        .map(INTENT).findOne());
  }

  private static void dropIntent(Handle h, String pluginId) {
    h.createUpdate("DELETE FROM plugin_install_intents WHERE plugin_id = :id").bind("id", pluginId).execute();
  }
}
