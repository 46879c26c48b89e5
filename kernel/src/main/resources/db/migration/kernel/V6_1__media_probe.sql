-- What probing found in each media file: its streams and chapters. The file's container, duration
-- and bitrate live on media_files (V4_1). Rows are replaced whenever the file is probed again.

CREATE TABLE media_streams (
  file_id BIGINT NOT NULL,
  -- the stream's index in the file, as in ffmpeg's -map 0:<index>
  stream_index INTEGER NOT NULL,
  -- video, audio, subtitle
  type VARCHAR(16) NOT NULL,
  codec VARCHAR(64) NOT NULL,
  profile VARCHAR(64) NULL,
  level INTEGER NULL,
  width INTEGER NULL,
  height INTEGER NULL,
  pixel_format VARCHAR(32) NULL,
  frame_rate DOUBLE NULL,
  -- video only: none, hdr10, hlg, dolby_vision
  hdr VARCHAR(16) NULL,
  channels INTEGER NULL,
  channel_layout VARCHAR(64) NULL,
  -- ISO 639-2, as tagged in the file
  language VARCHAR(16) NULL,
  title VARCHAR(500) NULL,
  is_default BOOLEAN NOT NULL,
  is_forced BOOLEAN NOT NULL,
  PRIMARY KEY (file_id, stream_index),
  CONSTRAINT fk_media_streams_file FOREIGN KEY (file_id) REFERENCES media_files (id) ON DELETE CASCADE
) ${table_options};

CREATE TABLE media_chapters (
  file_id BIGINT NOT NULL,
  -- 0, 1, ... in time order
  idx INTEGER NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  title VARCHAR(500) NULL,
  PRIMARY KEY (file_id, idx),
  CONSTRAINT fk_media_chapters_file FOREIGN KEY (file_id) REFERENCES media_files (id) ON DELETE CASCADE
) ${table_options};
