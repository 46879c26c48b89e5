-- The plugin manager: trusted signing keys, repositories, installed plugins, plugins the admin
-- disabled, and the intent of an install or upgrade in progress (read back at start-up to finish or
-- undo what a crash interrupted). Times are epoch milliseconds UTC.

CREATE TABLE plugin_keys (
  id ${pk},
  -- lower-case hex of the first 8 bytes of SHA-256 over the public key's DER
  key_id CHAR(16) NOT NULL,
  name VARCHAR(200) NOT NULL,
  -- base64 of the Ed25519 X.509 SubjectPublicKeyInfo DER
  public_key VARCHAR(400) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT uq_plugin_keys_key_id UNIQUE (key_id)
) ${table_options};

CREATE TABLE plugin_repositories (
  id ${pk},
  name VARCHAR(200) NOT NULL,
  url VARCHAR(2000) NOT NULL,
  created_at BIGINT NOT NULL,
  CONSTRAINT uq_plugin_repositories_name UNIQUE (name)
) ${table_options};

-- One row per plugin installed through the manager; its file is in plugins.dir.
CREATE TABLE plugin_installs (
  id ${pk},
  plugin_id VARCHAR(64) NOT NULL,
  version VARCHAR(100) NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  sha512 CHAR(128) NOT NULL,
  -- the manifest or repository it came from
  source_url VARCHAR(2000),
  installed_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_plugin_installs_plugin UNIQUE (plugin_id)
) ${table_options};

-- Plugins the admin disabled: loaded but not started, also after a restart.
CREATE TABLE plugin_disabled (
  id ${pk},
  plugin_id VARCHAR(64) NOT NULL,
  disabled_at BIGINT NOT NULL,
  CONSTRAINT uq_plugin_disabled_plugin UNIQUE (plugin_id)
) ${table_options};

-- An install or upgrade in progress: at most one per plugin.
-- phase WRITING: new_file may be partial (undo); SWITCHING: new_file is complete, old_file may
-- still exist (finish when new_file matches new_sha512); ROLLING_BACK: the new version failed (undo).
CREATE TABLE plugin_install_intents (
  id ${pk},
  plugin_id VARCHAR(64) NOT NULL,
  phase VARCHAR(16) NOT NULL,
  new_file VARCHAR(255) NOT NULL,
  new_version VARCHAR(100) NOT NULL,
  new_sha512 CHAR(128) NOT NULL,
  old_file VARCHAR(255),
  source_url VARCHAR(2000),
  created_at BIGINT NOT NULL,
  CONSTRAINT uq_plugin_install_intents_plugin UNIQUE (plugin_id)
) ${table_options};
