-- Version 5: the damaged characters each article's reader repaired (dateline.ingest.repair),
-- as JSON text: a list of [start, end, original], the span into articles.text of the repaired
-- characters and what the source had there.
ALTER TABLE articles ADD COLUMN repairs VARCHAR;
