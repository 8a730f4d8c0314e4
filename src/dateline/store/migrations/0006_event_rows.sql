-- Version 6: event_rows, the read side's projection of events: one wide row per event with
-- its article's date and outlet, where it happened, and its parties' names and countries. The
-- writer fills it in the same transaction as the events (store.sql.FILL_EVENT_ROWS), and this
-- migration fills it for the events already stored. `dateline events`, `timeline` and the web
-- read it: a filter and a top-N over one table, not joins over a million events.
CREATE TABLE event_rows (
    article_id          VARCHAR NOT NULL,
    event_id            VARCHAR NOT NULL,
    sort_key            VARCHAR NOT NULL,  -- the order of `dateline events`: day, article, event
    day                 VARCHAR,           -- the event's own date (YYYY[-MM[-DD]]), else the article's
    first_day           VARCHAR,           -- the first and last days that day covers,
    last_day            VARCHAR,           -- for --since and --until
    date                VARCHAR,
    date_mod            VARCHAR,
    article_date        DATE,
    source              VARCHAR,
    type                VARCHAR NOT NULL,
    mode                VARCHAR,
    modality            VARCHAR NOT NULL,
    attribution         VARCHAR,
    trigger             VARCHAR NOT NULL,
    actors              VARCHAR[],         -- each party's actor name, else its words
    recipients          VARCHAR[],
    actor_countries     VARCHAR[],
    recipient_countries VARCHAR[],
    party_text          VARCHAR,           -- lower case: both sides' words, names and aliases
    cameo               VARCHAR,
    quad_class          INTEGER,
    goldstein           DOUBLE,
    confidence          DOUBLE,
    place               VARCHAR,
    place_country       VARCHAR,
    latitude            DOUBLE,
    longitude           DOUBLE,
    geonames_id         BIGINT,
    PRIMARY KEY (article_id, event_id)
);
