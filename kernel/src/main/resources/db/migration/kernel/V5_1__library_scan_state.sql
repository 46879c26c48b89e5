-- The last finished scan of each library, so its status survives a restart.
ALTER TABLE libraries ADD COLUMN last_scan_at BIGINT NULL;
-- the counts of that scan as a JSON object: added, updated, missing, moved, purged, itemsAdded
ALTER TABLE libraries ADD COLUMN last_scan_counts VARCHAR(400) NULL;
-- the error of the last scan when it failed, else null
ALTER TABLE libraries ADD COLUMN last_scan_error VARCHAR(1000) NULL;
