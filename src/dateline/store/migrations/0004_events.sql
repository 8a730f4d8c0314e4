-- Version 4: what the events and quantities extractors (dateline.events.v1,
-- dateline.quantities.v1) write. Version 1 reserved both tables with fewer columns and never
-- wrote them, so they are made anew. Participants are lists of structs, so SQL can filter on
-- them: list_filter(actors, lambda p: p.country = 'TUR').
DROP TABLE events;
DROP TABLE quantities;

CREATE TABLE events (
    article_id      VARCHAR NOT NULL,
    event_id        VARCHAR NOT NULL,
    type            VARCHAR NOT NULL,              -- PLOVER v2 type
    mode            VARCHAR,
    context         VARCHAR,
    actors          STRUCT(text VARCHAR, span INTEGER[], actor VARCHAR, country VARCHAR, sector VARCHAR)[],
    recipients      STRUCT(text VARCHAR, span INTEGER[], actor VARCHAR, country VARCHAR, sector VARCHAR)[],
    modality        VARCHAR NOT NULL,              -- asserted, planned, expected, possible, ...
    attributed_to   VARCHAR,                       -- actor id of who asserts it
    attribution     VARCHAR,                       -- the same as written
    trigger         VARCHAR NOT NULL,
    trigger_spans   INTEGER[][],
    clause_spans    INTEGER[][],
    sentence        INTEGER,
    confidence      DOUBLE,
    cameo           VARCHAR,
    quad_class      INTEGER,
    goldstein       DOUBLE,
    date            VARCHAR,                       -- TIMEX3 value tied to the event
    date_mod        VARCHAR,
    date_resolution VARCHAR,
    date_spans      INTEGER[][],
    location_span   INTEGER[],                     -- the place (its row in places) the event is at
    quote           VARCHAR,                       -- the statement the event is reported in
    extractor       VARCHAR NOT NULL,
    PRIMARY KEY (article_id, event_id)
);

CREATE TABLE quantities (
    article_id    VARCHAR NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    value         DOUBLE,
    unit          VARCHAR,
    qualifier     VARCHAR NOT NULL,                -- exact, lower_bound, upper_bound, approximate
    effect        VARCHAR,                         -- killed, injured, arrested, hit, ...
    sentence      INTEGER,
    event_id      VARCHAR,
    attributed_to VARCHAR,
    modality      VARCHAR NOT NULL,
    claimants     VARCHAR[],
    extractor     VARCHAR NOT NULL,
    PRIMARY KEY (article_id, span_start, span_end, extractor)
);
