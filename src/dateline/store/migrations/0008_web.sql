-- Version 8: what the web reads. event_rows gains its parties' sectors, both sides' distinct
-- countries and sectors, and its month (what the events explorer filters and counts, kept
-- ready so that a facet over a million events is a count, not a list computation), and
-- search_terms is the full-text index of titles and texts (DuckDB's fts
-- extension cannot be installed offline): one row per word and article, the word's weight
-- there (a title's words count 3 more). The writer fills both in the same transaction as the
-- articles (store.sql.FILL_SEARCH_TERMS); this migration fills them for what is stored.
ALTER TABLE event_rows ADD COLUMN actor_sectors VARCHAR[];
ALTER TABLE event_rows ADD COLUMN recipient_sectors VARCHAR[];
ALTER TABLE event_rows ADD COLUMN countries VARCHAR[];  -- either side's, each once
ALTER TABLE event_rows ADD COLUMN sectors VARCHAR[];
ALTER TABLE event_rows ADD COLUMN month VARCHAR;        -- YYYY-MM of day, when it has a month
DELETE FROM event_rows;  -- made anew with the sectors by the migration runner

CREATE TABLE search_terms (
    term       VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    weight     INTEGER NOT NULL
);

-- An article's records are read by its id (the article page, `dateline show`, exports): an
-- index on article_id makes that a lookup, not a scan of every row, in a store of millions.
-- (DuckDB alters no table that has an index: a later migration that alters one of these
-- tables drops its index first and makes it again.)
CREATE INDEX actors_article ON actors (article_id);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX dates_article ON dates (article_id);
CREATE INDEX places_article ON places (article_id);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX quantities_article ON quantities (article_id);
CREATE INDEX incident_events_article ON incident_events (article_id);
