-- Settings an administrator changed through the API (the transcoder order, ...), so they outlive a
-- restart and reach every node over one database; the configuration file only gives defaults.
CREATE TABLE stored_settings (
  name VARCHAR(100) NOT NULL PRIMARY KEY,
  setting_value ${text} NOT NULL,
  updated_at BIGINT NOT NULL
) ${table_options};
