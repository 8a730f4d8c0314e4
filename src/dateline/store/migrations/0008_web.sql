-- Version 8: what the web reads. event_rows gains its parties' sectors (the events explorer's
-- sector facet), and search_terms is the full-text index of titles and texts (DuckDB's fts
-- extension cannot be installed offline): one row per word and article, the word's weight
-- there (a title's words count 3 more). The writer fills both in the same transaction as the
-- articles (store.sql.FILL_SEARCH_TERMS); this migration fills them for what is stored.
ALTER TABLE event_rows ADD COLUMN actor_sectors VARCHAR[];
ALTER TABLE event_rows ADD COLUMN recipient_sectors VARCHAR[];
DELETE FROM event_rows;  -- made anew with the sectors by the migration runner

CREATE TABLE search_terms (
    term       VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    weight     INTEGER NOT NULL
);
