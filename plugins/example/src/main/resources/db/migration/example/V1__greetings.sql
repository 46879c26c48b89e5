-- Every table of a plugin starts with its id, so plugins never collide with each other or the kernel.
-- The pk and table_options placeholders (see PluginContext.jdbi) keep one script valid on SQLite and MariaDB.
CREATE TABLE example_greetings (
  id ${pk},
  text VARCHAR(280) NOT NULL,
  created_at BIGINT NOT NULL
) ${table_options};

CREATE INDEX example_greetings_created ON example_greetings (created_at);
