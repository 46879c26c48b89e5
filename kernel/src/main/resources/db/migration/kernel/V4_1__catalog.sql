-- Libraries and the catalog: items (movies, series, seasons, episodes, books, extras), the files
-- that hold them, external ids, genres, people and artwork. Timestamps are epoch milliseconds UTC,
-- durations milliseconds. Paths are TEXT with a SHA-256 hash beside them for unique lookups
-- (MariaDB cannot index long text).

CREATE TABLE libraries (
  id ${pk},
  name VARCHAR(200) NOT NULL,
  -- movie, series, book, mixed
  type VARCHAR(16) NOT NULL,
  -- per-library settings as a JSON object
  settings ${text} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
) ${table_options};

CREATE TABLE library_roots (
  id ${pk},
  library_id BIGINT NOT NULL,
  path ${text} NOT NULL,
  CONSTRAINT fk_library_roots_library FOREIGN KEY (library_id) REFERENCES libraries (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_library_roots_library ON library_roots (library_id);

CREATE TABLE media_items (
  id ${pk},
  library_id BIGINT NOT NULL,
  -- the show of a season, the season of an episode, the movie of an extra; null at the top
  parent_id BIGINT NULL,
  -- movie, series, season, episode, book, extra
  kind VARCHAR(16) NOT NULL,
  title VARCHAR(500) NOT NULL,
  sort_title VARCHAR(500) NOT NULL,
  original_title VARCHAR(500) NULL,
  -- title and original title folded for search: lower case, accents removed, punctuation as spaces
  search_text VARCHAR(1000) NOT NULL,
  year INTEGER NULL,
  -- season number of a season; episode number of an episode; part of a book series
  index_number INTEGER NULL,
  -- last episode number of a multi-episode file (S01E02E03 → 3)
  index_end INTEGER NULL,
  -- season number of an episode, for queries that skip the season row
  parent_index INTEGER NULL,
  -- absolute episode number, when the show uses them
  absolute_number INTEGER NULL,
  -- YYYY-MM-DD: date-based episodes and release dates
  release_date VARCHAR(10) NULL,
  overview ${text} NULL,
  tagline VARCHAR(1000) NULL,
  -- 0..10
  rating DOUBLE NULL,
  official_rating VARCHAR(32) NULL,
  runtime_ms BIGINT NULL,
  -- movie edition (Director's Cut); extra type (trailer, featurette, behind_the_scenes...)
  edition VARCHAR(100) NULL,
  extra_type VARCHAR(32) NULL,
  -- book fields
  authors VARCHAR(1000) NULL,
  series_name VARCHAR(500) NULL,
  language VARCHAR(16) NULL,
  isbn VARCHAR(32) NULL,
  -- metadata matching: unmatched, matched, manual; locked fields as a comma-separated list
  match_state VARCHAR(16) NOT NULL,
  locked_fields VARCHAR(1000) NOT NULL,
  added_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  -- set when every file of the item went missing; purged after a grace period
  missing_since BIGINT NULL,
  CONSTRAINT fk_media_items_library FOREIGN KEY (library_id) REFERENCES libraries (id) ON DELETE CASCADE,
  CONSTRAINT fk_media_items_parent FOREIGN KEY (parent_id) REFERENCES media_items (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_media_items_library_kind ON media_items (library_id, kind, sort_title);
CREATE INDEX ix_media_items_parent ON media_items (parent_id, index_number);
CREATE INDEX ix_media_items_added ON media_items (added_at);
CREATE INDEX ix_media_items_search ON media_items (search_text);

CREATE TABLE media_files (
  id ${pk},
  item_id BIGINT NOT NULL,
  library_id BIGINT NOT NULL,
  path ${text} NOT NULL,
  path_hash CHAR(64) NOT NULL,
  size BIGINT NOT NULL,
  -- last modification, epoch milliseconds
  mtime BIGINT NOT NULL,
  -- a move keeps identity: size + a hash of the file's first and last 64 KiB
  fingerprint CHAR(64) NULL,
  -- multi-part movies: 1, 2, ...
  part INTEGER NULL,
  -- MIME type (Tika for books)
  mime_type VARCHAR(128) NULL,
  -- filled by probing
  container VARCHAR(64) NULL,
  duration_ms BIGINT NULL,
  bitrate BIGINT NULL,
  probed_at BIGINT NULL,
  probe_error VARCHAR(1000) NULL,
  added_at BIGINT NOT NULL,
  missing_since BIGINT NULL,
  CONSTRAINT uq_media_files_path UNIQUE (path_hash),
  CONSTRAINT fk_media_files_item FOREIGN KEY (item_id) REFERENCES media_items (id) ON DELETE CASCADE,
  CONSTRAINT fk_media_files_library FOREIGN KEY (library_id) REFERENCES libraries (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_media_files_item ON media_files (item_id);
CREATE INDEX ix_media_files_library ON media_files (library_id);
CREATE INDEX ix_media_files_fingerprint ON media_files (fingerprint);

CREATE TABLE external_ids (
  item_id BIGINT NOT NULL,
  -- tmdb, imdb, tvdb, isbn, openlibrary...
  provider VARCHAR(32) NOT NULL,
  value VARCHAR(128) NOT NULL,
  PRIMARY KEY (item_id, provider),
  CONSTRAINT fk_external_ids_item FOREIGN KEY (item_id) REFERENCES media_items (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_external_ids_value ON external_ids (provider, value);

CREATE TABLE genres (
  id ${pk},
  name VARCHAR(100) NOT NULL,
  name_key VARCHAR(100) NOT NULL,
  CONSTRAINT uq_genres_name_key UNIQUE (name_key)
) ${table_options};

CREATE TABLE item_genres (
  item_id BIGINT NOT NULL,
  genre_id BIGINT NOT NULL,
  PRIMARY KEY (item_id, genre_id),
  CONSTRAINT fk_item_genres_item FOREIGN KEY (item_id) REFERENCES media_items (id) ON DELETE CASCADE,
  CONSTRAINT fk_item_genres_genre FOREIGN KEY (genre_id) REFERENCES genres (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_item_genres_genre ON item_genres (genre_id);

CREATE TABLE people (
  id ${pk},
  name VARCHAR(300) NOT NULL,
  name_key VARCHAR(300) NOT NULL,
  -- tmdb person id when known
  tmdb_id VARCHAR(32) NULL,
  image_url VARCHAR(1000) NULL
) ${table_options};

CREATE INDEX ix_people_name_key ON people (name_key);

CREATE TABLE item_people (
  item_id BIGINT NOT NULL,
  person_id BIGINT NOT NULL,
  -- actor, director, writer, producer, author...
  role VARCHAR(32) NOT NULL,
  character_name VARCHAR(300) NULL,
  sort_order INTEGER NOT NULL,
  PRIMARY KEY (item_id, person_id, role),
  CONSTRAINT fk_item_people_item FOREIGN KEY (item_id) REFERENCES media_items (id) ON DELETE CASCADE,
  CONSTRAINT fk_item_people_person FOREIGN KEY (person_id) REFERENCES people (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_item_people_person ON item_people (person_id);

CREATE TABLE item_images (
  id ${pk},
  item_id BIGINT NOT NULL,
  -- poster, backdrop, thumb, logo
  kind VARCHAR(16) NOT NULL,
  -- local (a file beside the media), embedded (inside it), remote (a provider URL, cached on disk)
  source VARCHAR(16) NOT NULL,
  -- file path for local/embedded, URL for remote
  location ${text} NOT NULL,
  -- the cached original under the data dir, when downloaded or extracted
  cached_path ${text} NULL,
  -- preferred image of its kind first
  sort_order INTEGER NOT NULL,
  CONSTRAINT fk_item_images_item FOREIGN KEY (item_id) REFERENCES media_items (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_item_images_item ON item_images (item_id, kind, sort_order);

CREATE TABLE user_item_state (
  user_id BIGINT NOT NULL,
  item_id BIGINT NOT NULL,
  position_ms BIGINT NOT NULL DEFAULT 0,
  played BOOLEAN NOT NULL DEFAULT FALSE,
  play_count INTEGER NOT NULL DEFAULT 0,
  last_played_at BIGINT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, item_id),
  CONSTRAINT fk_user_item_state_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_user_item_state_item FOREIGN KEY (item_id) REFERENCES media_items (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_user_item_state_recent ON user_item_state (user_id, last_played_at);
