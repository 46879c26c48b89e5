-- Trickplay: the timeline thumbnail sprite sheets made for each video file, one row per file, with
-- the settings they were made with and the file's size and modification time then: a file is made
-- again only when one of them changed. The sheets are <data dir>/cache/trickplay/<file_id>/<width>/
-- <n>.jpg. A file that could not be made (no video stream, ffmpeg failed) keeps a row with its error
-- and no thumbnails, so it is not tried again until it changes.

CREATE TABLE trickplay (
  file_id BIGINT NOT NULL,
  -- one thumbnail every interval_ms milliseconds of the file
  interval_ms BIGINT NOT NULL,
  -- the size of one thumbnail in pixels
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  -- thumbnails per sheet: tile_columns across, tile_rows down, left to right, then top to bottom
  tile_columns INTEGER NOT NULL,
  tile_rows INTEGER NOT NULL,
  thumbnail_count INTEGER NOT NULL,
  sheet_count INTEGER NOT NULL,
  -- the media file's size and modification time (epoch milliseconds) the sheets were made from
  source_size BIGINT NOT NULL,
  source_mtime BIGINT NOT NULL,
  made_at BIGINT NOT NULL,
  -- why no thumbnails could be made; null when they were
  error VARCHAR(1000) NULL,
  PRIMARY KEY (file_id),
  CONSTRAINT fk_trickplay_file FOREIGN KEY (file_id) REFERENCES media_files (id) ON DELETE CASCADE
) ${table_options};
