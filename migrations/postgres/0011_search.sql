-- Search and name order as people expect them. `name_key` is the name's ICU sort key (domain/collation.hpp), so the
-- list orders by it the same way on every backend; `search_*` are the words of the name, category and description
-- with accents and case folded away, written by the server with each sweet (rows of before get theirs at the next
-- start: storage::backfill_search). The full-text index is a tsvector of those words ('simple': no stemming, so
-- both backends find the same sweets), name words weighted A, with a GIN index.
ALTER TABLE sweets ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sweets ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE sweets ADD COLUMN search_category TEXT NOT NULL DEFAULT '';
ALTER TABLE sweets ADD COLUMN search_description TEXT NOT NULL DEFAULT '';
ALTER TABLE sweets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, search_name), 'A') ||
    setweight(to_tsvector('simple'::regconfig, search_category), 'B') ||
    setweight(to_tsvector('simple'::regconfig, search_description), 'C')) STORED;
CREATE INDEX sweets_search ON sweets USING GIN (search_vector);
CREATE INDEX sweets_alphabetical ON sweets (name_key COLLATE "C", name COLLATE "C", id);
