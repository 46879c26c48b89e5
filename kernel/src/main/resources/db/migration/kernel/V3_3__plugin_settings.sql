-- Each plugin's settings as an admin set them through /api/v1/admin/plugins/{id}/settings: one JSON
-- object per plugin, validated against the plugin's settings.schema.json before it is written.
CREATE TABLE plugin_settings (
  plugin_id VARCHAR(64) NOT NULL PRIMARY KEY,
  settings ${text} NOT NULL,
  updated_at BIGINT NOT NULL
) ${table_options};
