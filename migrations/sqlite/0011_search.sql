-- Search and name order as people expect them. `name_key` is the name's ICU sort key (domain/collation.hpp), so the
-- list orders by it the same way on every backend; `search_*` are the words of the name, category and description
-- with accents and case folded away, written by the server with each sweet (rows of before get theirs at the next
-- start: storage::backfill_search). The full-text index is FTS5 over those words (an external-content table kept
-- by triggers).
ALTER TABLE sweets ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sweets ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE sweets ADD COLUMN search_category TEXT NOT NULL DEFAULT '';
ALTER TABLE sweets ADD COLUMN search_description TEXT NOT NULL DEFAULT '';
CREATE INDEX sweets_alphabetical ON sweets (name_key, name, id);

CREATE VIRTUAL TABLE sweets_fts USING fts5(search_name, search_category, search_description, content = 'sweets',
    content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0');

CREATE TRIGGER sweets_fts_inserted AFTER INSERT ON sweets BEGIN
    INSERT INTO sweets_fts (rowid, search_name, search_category, search_description)
    VALUES (new.id, new.search_name, new.search_category, new.search_description);
END;

CREATE TRIGGER sweets_fts_deleted AFTER DELETE ON sweets BEGIN
    INSERT INTO sweets_fts (sweets_fts, rowid, search_name, search_category, search_description)
    VALUES ('delete', old.id, old.search_name, old.search_category, old.search_description);
END;

CREATE TRIGGER sweets_fts_updated AFTER UPDATE OF search_name, search_category, search_description ON sweets BEGIN
    INSERT INTO sweets_fts (sweets_fts, rowid, search_name, search_category, search_description)
    VALUES ('delete', old.id, old.search_name, old.search_category, old.search_description);
    INSERT INTO sweets_fts (rowid, search_name, search_category, search_description)
    VALUES (new.id, new.search_name, new.search_category, new.search_description);
END;
