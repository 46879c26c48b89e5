-- Which library files were read for the images embedded in them (a book's cover, a video's cover
-- art), at which size and modification time: a file is read again only once it changed. The images
-- found are item_images rows with source 'embedded' whose cached_path is the extracted copy.

CREATE TABLE embedded_image_checks (
  file_id BIGINT NOT NULL,
  size BIGINT NOT NULL,
  -- the file's modification time when read, epoch milliseconds
  mtime BIGINT NOT NULL,
  -- how many images were found
  found INTEGER NOT NULL,
  checked_at BIGINT NOT NULL,
  PRIMARY KEY (file_id),
  CONSTRAINT fk_embedded_image_checks_file FOREIGN KEY (file_id) REFERENCES media_files (id) ON DELETE CASCADE
) ${table_options};
