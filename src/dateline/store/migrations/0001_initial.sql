-- Dateline schema, version 1. Spans are lists of [start, end) character offsets into
-- articles.text. Every fact table keeps the extractor (name.version) that made the row.

CREATE TABLE articles (
    id              VARCHAR PRIMARY KEY,      -- hash of the normalised content
    title           VARCHAR,
    lead            VARCHAR,
    text            VARCHAR NOT NULL,
    title_span      INTEGER[],
    lead_span       INTEGER[],
    body_start      INTEGER NOT NULL,
    lead_in_body    BOOLEAN NOT NULL,
    published       DATE,
    source          VARCHAR,
    url             VARCHAR,
    origin          VARCHAR NOT NULL,
    dateline_place  VARCHAR,
    dateline_month  INTEGER,
    dateline_day    INTEGER,
    dateline_year   INTEGER,
    dateline_agency VARCHAR,
    dateline_span   INTEGER[],
    dateline_agency_span INTEGER[],
    year_inferred   BOOLEAN NOT NULL DEFAULT FALSE,
    year_confidence DOUBLE,
    year_candidates INTEGER[],
    article_date    DATE,                      -- published, else the dateline's date
    metadata        VARCHAR,                   -- JSON text of the keys we do not model
    ingested_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    actor_id   VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    country    VARCHAR,
    sector     VARCHAR,
    role       VARCHAR,
    aliases    VARCHAR[],
    spans      INTEGER[][],
    wikidata   VARCHAR,
    extractor  VARCHAR NOT NULL,
    PRIMARY KEY (article_id, actor_id)
);

CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    actor_id   VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    how        VARCHAR NOT NULL,
    sentence   INTEGER NOT NULL,
    extractor  VARCHAR NOT NULL,
    PRIMARY KEY (article_id, span_start, span_end, extractor)
);

-- Room for the fact types of later versions: dates, places, quotes, events, quantities.
CREATE TABLE dates (
    article_id VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,               -- TIMEX3 DATE, TIME, DURATION, SET
    value      VARCHAR,
    mod        VARCHAR,
    resolution VARCHAR,                        -- explicit, article date, speech time, inferred
    sentence   INTEGER,
    extractor  VARCHAR NOT NULL,
    PRIMARY KEY (article_id, span_start, span_end, extractor)
);

CREATE TABLE places (
    article_id    VARCHAR NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    geonames_id   BIGINT,
    name          VARCHAR,
    feature_class VARCHAR,
    feature_code  VARCHAR,
    country       VARCHAR,
    admin1        VARCHAR,
    latitude      DOUBLE,
    longitude     DOUBLE,
    population    BIGINT,
    precision     VARCHAR,
    sentence      INTEGER,
    extractor     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, span_start, span_end, extractor)
);

CREATE TABLE quotes (
    article_id    VARCHAR NOT NULL,
    quote_id      VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    speaker_actor VARCHAR,
    source_spans  INTEGER[][],
    cue           VARCHAR,
    cue_lemma     VARCHAR,
    cue_spans     INTEGER[][],
    stance        VARCHAR,
    content       VARCHAR,
    content_spans INTEGER[][],
    said_on       VARCHAR,
    addressee     VARCHAR,
    denies        VARCHAR,
    extractor     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, quote_id)
);

CREATE TABLE events (
    article_id    VARCHAR NOT NULL,
    event_id      VARCHAR NOT NULL,
    type          VARCHAR NOT NULL,
    mode          VARCHAR,
    context       VARCHAR,
    actors        VARCHAR[],
    recipients    VARCHAR[],
    date_value    VARCHAR,
    place         VARCHAR,
    modality      VARCHAR NOT NULL,
    attributed_to VARCHAR,
    trigger_spans INTEGER[][],
    spans         INTEGER[][],
    sentence      INTEGER,
    confidence    DOUBLE,
    extractor     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, event_id)
);

CREATE TABLE quantities (
    article_id    VARCHAR NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    value         DOUBLE,
    unit          VARCHAR,
    qualifier     VARCHAR,
    event_id      VARCHAR,
    attributed_to VARCHAR,
    extractor     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, span_start, span_end, extractor)
);

CREATE TABLE failures (
    origin     VARCHAR NOT NULL,
    stage      VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (origin, stage, reason)
);
