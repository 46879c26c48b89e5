-- Library listings: top-level, present items of one library in title or added order. With the
-- filtered columns in the index, a page is read in index order (no sort of the whole library) and
-- its total is counted from the index alone.
CREATE INDEX ix_media_items_listing_title ON media_items (library_id, parent_id, missing_since, sort_title, kind);
CREATE INDEX ix_media_items_listing_added ON media_items (library_id, parent_id, missing_since, added_at, kind);
