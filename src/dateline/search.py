"""Full-text search over titles and texts, on the store's own index (search_terms).

DuckDB's fts extension cannot be installed offline, so the writer keeps an inverted index: one
row per word and article with the word's weight there. A search keeps the articles that have
every word of the query and ranks them by BM25's saturation of each word's weight times its
inverse document frequency, computed over the matching rows only.
"""

from __future__ import annotations

import re
from typing import Any

from dateline.errors import QueryError
from dateline.store import Store

_WORD = re.compile(r"[^\W_]+")  # letters and digits, as the index's \pL\pN
MAX_TERMS = 12
SNIPPET = 90  # characters either side of the first match

_SEARCH = """
WITH q AS (SELECT unnest(?::VARCHAR[]) AS term),
hits AS (SELECT s.term, s.article_id, s.weight FROM search_terms s
         WHERE s.term IN (SELECT term FROM q)),
df AS (SELECT term, count(*) AS df FROM hits GROUP BY term),
n AS (SELECT count(*) AS n FROM articles),
scored AS (
    SELECT h.article_id, sum(ln(1 + n.n / df.df) * h.weight / (h.weight + 1.2)) AS score
    FROM hits h JOIN df USING (term) CROSS JOIN n
    GROUP BY h.article_id HAVING count(*) = ?
)
SELECT a.id, a.article_date AS date, a.source, a.title, round(s.score, 3) AS score,
       substr(a.text, 1, 20000) AS head
FROM scored s JOIN articles a ON a.id = s.article_id
ORDER BY s.score DESC, a.id LIMIT ?
"""


def terms(text: str) -> list[str]:
    """The words of a query as the index keeps them (lower case, two characters or more)."""
    found = list(dict.fromkeys(w.lower() for w in _WORD.findall(text) if len(w) >= 2))
    if len(found) > MAX_TERMS:
        raise QueryError("q", f"at most {MAX_TERMS} words, not {len(found)}")
    return found


def search(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles with every word of ``text``, best first, each with a snippet around its first
    match: ``snippet`` and ``marks`` (the matched words' [start, end] in the snippet)."""
    wanted = terms(text)
    if not wanted:
        return []
    rows = store.query(_SEARCH, [wanted, len(wanted), limit])
    pattern = re.compile(
        r"(?<![^\W_])(" + "|".join(re.escape(w) for w in wanted) + r")(?![^\W_])", re.IGNORECASE
    )  # a whole word of the query
    for row in rows:
        row["snippet"], row["marks"] = _snippet(row.pop("head"), pattern)
    return rows


def _snippet(text: str, pattern: re.Pattern[str]) -> tuple[str, list[list[int]]]:
    first = pattern.search(text)
    start = max(0, first.start() - SNIPPET) if first else 0
    piece = " ".join(text[start : start + 2 * SNIPPET + 40].split())
    marks = [[m.start(), m.end()] for m in pattern.finditer(piece)]
    prefix = "…" if start > 0 else ""
    shift = len(prefix)
    return prefix + piece + "…", [[a + shift, b + shift] for a, b in marks]
