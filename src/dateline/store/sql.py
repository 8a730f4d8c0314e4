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
