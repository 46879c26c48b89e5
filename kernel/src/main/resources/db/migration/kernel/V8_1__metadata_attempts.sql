-- When automatic matching last tried an item it could not match, so that the match-pending task
-- retries it only after metadata.retry-after instead of every run. Epoch milliseconds UTC.
CREATE TABLE metadata_attempts (
  item_id BIGINT NOT NULL,
  attempted_at BIGINT NOT NULL,
  PRIMARY KEY (item_id),
  CONSTRAINT fk_metadata_attempts_item FOREIGN KEY (item_id) REFERENCES media_items (id) ON DELETE CASCADE
) ${table_options};

CREATE INDEX ix_metadata_attempts_at ON metadata_attempts (attempted_at);
