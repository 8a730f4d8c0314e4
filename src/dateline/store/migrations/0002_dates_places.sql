-- Version 2: what the dates and places extractors (dateline.dates.v1, dateline.places.v1) add
-- to the tables that version 1 reserved for them.
ALTER TABLE dates ADD COLUMN anchor VARCHAR;      -- the ISO date a relative value was computed from
ALTER TABLE places ADD COLUMN confidence DOUBLE;  -- margin of the chosen gazetteer entry over the next
