"""The store's longer SQL: the one-row-per-event view that exports read."""

from __future__ import annotations

EVENT_ROWS = """
SELECT e.article_id, a.article_date, a.source, a.url, e.event_id, e.type, e.mode, e.modality,
       e.date, e.date_mod, e.date_resolution,
       array_to_string(list_transform(e.actors, lambda p: p.text || ' [' || coalesce(p.country, '')
                       || ' ' || coalesce(p.sector, '') || ']'), '; ') AS actors,
       array_to_string(list_transform(e.recipients, lambda p: p.text || ' [' || coalesce(p.country, '')
                       || ' ' || coalesce(p.sector, '') || ']'), '; ') AS recipients,
       e.attribution, e.trigger, e.cameo, e.quad_class, e.goldstein, e.confidence,
       p.name AS place, p.country AS place_country, p.latitude, p.longitude, p.geonames_id,
       e.trigger_spans[1][1] AS trigger_start, e.trigger_spans[1][2] AS trigger_end
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND e.location_span IS NOT NULL
     AND p.span_start = e.location_span[1] AND p.span_end = e.location_span[2]
ORDER BY a.article_date NULLS LAST, e.article_id, len(e.event_id), e.event_id
"""

# A CSV field that starts with = + - @ (or a tab or CR) is a formula to a spreadsheet: such
# text fields get an apostrophe before them, as OWASP advises against CSV injection.
_TEXT_COLUMNS = (
    "source", "url", "type", "mode", "modality", "date", "date_mod", "date_resolution",
    "actors", "recipients", "attribution", "trigger", "cameo", "place", "place_country",
)  # fmt: skip
_FORMULA = "'^[=+@\\t\\r-]'"
_GUARDED = ", ".join(
    f"CASE WHEN regexp_matches({c}, {_FORMULA}) THEN chr(39) || {c} ELSE {c} END AS {c}"
    for c in _TEXT_COLUMNS
)
SPREADSHEET_SAFE_EVENT_ROWS = f"SELECT * REPLACE ({_GUARDED}) FROM ({EVENT_ROWS})"

# The day an event happened: its own date where it is one (YYYY, YYYY-MM or YYYY-MM-DD), else
# its article's date; and the first and last days that covers.
_DAY = """coalesce(
    CASE WHEN regexp_matches(e.date, '^\\d{4}(-\\d{2}){0,2}$') THEN e.date END,
    CAST(a.article_date AS VARCHAR))"""

# Fills event_rows for the articles whose ids are in the temporary table _new_ids (the
# writer's batch, a loaded partition, or every article when the table is made), in the order
# of sort_key: lists read in that order, and DuckDB's top-N skips the row groups whose keys
# cannot make the page (Store.sort_event_rows puts a whole loaded store in order).
FILL_EVENT_ROWS = f"""
INSERT INTO event_rows
WITH chosen AS (
    SELECT * FROM events WHERE article_id IN (SELECT id FROM _new_ids)
), parties AS (
    SELECT article_id, event_id, 'actor' AS side, generate_subscripts(actors, 1) AS pos,
           unnest(actors) AS p FROM chosen
    UNION ALL
    SELECT article_id, event_id, 'recipient', generate_subscripts(recipients, 1),
           unnest(recipients) FROM chosen
), named AS (
    SELECT q.article_id, q.event_id, q.side, q.pos, coalesce(x.name, q.p.text) AS name,
           q.p.country AS country, q.p.sector AS sector,
           lower(concat_ws(' ', q.p.text, x.name, array_to_string(x.aliases, ' '))) AS words
    FROM parties q
    LEFT JOIN actors x ON x.article_id = q.article_id AND x.actor_id = q.p.actor
), sides AS (
    SELECT article_id, event_id,
           list(name ORDER BY pos) FILTER (WHERE side = 'actor') AS actors,
           list(name ORDER BY pos) FILTER (WHERE side = 'recipient') AS recipients,
           list(country ORDER BY pos) FILTER (WHERE side = 'actor') AS actor_countries,
           list(country ORDER BY pos) FILTER (WHERE side = 'recipient') AS recipient_countries,
           list(sector ORDER BY pos) FILTER (WHERE side = 'actor') AS actor_sectors,
           list(sector ORDER BY pos) FILTER (WHERE side = 'recipient') AS recipient_sectors,
           string_agg(words, ' ' ORDER BY side, pos) AS party_text
    FROM named GROUP BY article_id, event_id
), dated AS (
    SELECT e.*, {_DAY} AS day, a.article_date, a.source
    FROM chosen e JOIN articles a ON a.id = e.article_id
)
SELECT e.article_id, e.event_id,
       coalesce(e.day, '9999') || ' ' || e.article_id || ' ' || lpad(e.event_id, 12, '0'),
       e.day,
       CASE len(e.day) WHEN 4 THEN e.day || '-01-01' WHEN 7 THEN e.day || '-01' ELSE e.day END,
       CASE len(e.day) WHEN 4 THEN e.day || '-12-99' WHEN 7 THEN e.day || '-99' ELSE e.day END,
       e.date, e.date_mod, e.article_date, e.source, e.type, e.mode, e.modality, e.attribution,
       e.trigger,
       coalesce(s.actors, []), coalesce(s.recipients, []),
       coalesce(s.actor_countries, []), coalesce(s.recipient_countries, []),
       coalesce(s.party_text, ''),
       e.cameo, e.quad_class, e.goldstein, e.confidence,
       p.name, p.country, p.latitude, p.longitude, p.geonames_id,
       coalesce(s.actor_sectors, []), coalesce(s.recipient_sectors, []),
       list_sort(list_distinct(list_filter(coalesce(s.actor_countries, [])
           || coalesce(s.recipient_countries, []), lambda c: c IS NOT NULL))),
       list_sort(list_distinct(list_filter(coalesce(s.actor_sectors, [])
           || coalesce(s.recipient_sectors, []), lambda c: c IS NOT NULL))),
       CASE WHEN len(e.day) >= 7 THEN left(e.day, 7) END
FROM dated e
LEFT JOIN places p ON p.article_id = e.article_id AND e.location_span IS NOT NULL
     AND p.span_start = e.location_span[1] AND p.span_end = e.location_span[2]
LEFT JOIN sides s ON s.article_id = e.article_id AND s.event_id = e.event_id
ORDER BY 3
"""

# Fills search_terms for the articles whose ids are in _new_ids: each word (letters and digits,
# in lower case, two characters or more) with its weight in the article, its count in the
# text plus 3 for each time in the title.
FILL_SEARCH_TERMS = """
INSERT INTO search_terms
SELECT term, article_id, sum(w)::INTEGER FROM (
    SELECT id AS article_id, unnest(regexp_split_to_array(lower(text), '[^\\pL\\pN]+')) AS term,
           1 AS w
    FROM articles WHERE id IN (SELECT id FROM _new_ids)
    UNION ALL
    SELECT id, unnest(regexp_split_to_array(lower(coalesce(title, '')), '[^\\pL\\pN]+')), 3
    FROM articles WHERE id IN (SELECT id FROM _new_ids)
)
WHERE length(term) >= 2
GROUP BY term, article_id
"""
