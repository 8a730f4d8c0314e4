-- Version 3: what the quotes extractor (dateline.quotes.v1) adds to the quotes table.
ALTER TABLE quotes ADD COLUMN source VARCHAR;         -- the source as written ("he", "a senior official")
ALTER TABLE quotes ADD COLUMN claimants VARCHAR[];    -- for a denial: who made the allegation (actor ids)
ALTER TABLE quotes ADD COLUMN sentence INTEGER;
