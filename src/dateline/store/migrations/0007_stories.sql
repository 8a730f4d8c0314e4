-- Version 7: stories (articles about one developing topic) and incidents (the events of
-- several reports that are one happening), made by dateline.stories and kept by
-- dateline.merging in one transaction per update, so they always match the articles stored:
-- an article without a story_articles row has not been merged yet, and the next merge takes it.
-- A thread too large for average link is split by week; each week is a cell, recomputed alone
-- when an article joins it.
CREATE TABLE story_articles (
    article_id VARCHAR PRIMARY KEY,
    story_id   VARCHAR NOT NULL,
    thread_id  VARCHAR NOT NULL,
    cell       VARCHAR NOT NULL,        -- a large thread's week ('' in a small thread)
    day        DATE,
    wire       VARCHAR,                 -- its source group: syndicated copies share one
    terms      VARCHAR NOT NULL         -- JSON {term: weight}, what story clustering compares
);

CREATE TABLE story_keys (
    key        VARCHAR NOT NULL,        -- an article's heaviest terms: the blocking keys
    article_id VARCHAR NOT NULL,
    day        DATE,
    PRIMARY KEY (key, article_id)
);

CREATE TABLE stories (
    story_id   VARCHAR PRIMARY KEY,
    thread_id  VARCHAR NOT NULL,
    cell       VARCHAR NOT NULL,
    title      VARCHAR,
    first_day  DATE,
    last_day   DATE,
    articles   INTEGER NOT NULL,
    sources    VARCHAR[],
    key_terms  VARCHAR[]
);

CREATE TABLE incidents (
    incident_id    VARCHAR PRIMARY KEY,
    story_id       VARCHAR,
    thread_id      VARCHAR,
    cell           VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,
    first_day      DATE,
    last_day       DATE,
    place          VARCHAR,
    place_country  VARCHAR,
    actors         VARCHAR[],
    recipients     VARCHAR[],
    actor_countries VARCHAR[],
    num_mentions   INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,
    sources        VARCHAR[],
    urls           VARCHAR[],
    first_reported DATE,
    last_reported  DATE,
    score          DOUBLE,
    evidence       VARCHAR[],            -- why its reports were merged
    disputed       BOOLEAN NOT NULL,     -- some field is conflicting
    fields         VARCHAR NOT NULL      -- JSON: the disagreement table, field by field
);

CREATE TABLE incident_events (
    article_id  VARCHAR NOT NULL,
    event_id    VARCHAR NOT NULL,
    incident_id VARCHAR NOT NULL,
    thread_id   VARCHAR NOT NULL,
    cell        VARCHAR NOT NULL,
    PRIMARY KEY (article_id, event_id)
);

CREATE TABLE claim_links (
    story_id         VARCHAR NOT NULL,
    thread_id        VARCHAR NOT NULL,
    cell             VARCHAR NOT NULL,
    denial_article   VARCHAR NOT NULL,  -- the quote that denies (stance denies)
    denial_quote     VARCHAR NOT NULL,
    claim_article    VARCHAR NOT NULL,  -- the claim it answers, in another article of the story
    claim_quote      VARCHAR NOT NULL,
    score            DOUBLE NOT NULL,
    shared           VARCHAR[],         -- the content words they share
    PRIMARY KEY (denial_article, denial_quote, claim_article, claim_quote)
);
