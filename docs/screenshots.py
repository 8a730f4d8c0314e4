"""Takes the README's screenshots: the article page with an event's card open, and the events
explorer, in Debian's Chromium driven by Playwright, from a running `dateline serve`.

    python docs/screenshots.py --db news.duckdb [--article ID --fact E2]   (make screenshots)

Without --article, the article with the most events attributed to someone is shown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web_server import running_server

from dateline.store import Store

OUT = Path(__file__).resolve().parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def richest(db: Path) -> tuple[str, str]:
    with Store(db, read_only=True) as store:
        row = store.query(
            """SELECT e.article_id, min_by(e.event_id, e.confidence * -1) AS event_id
               FROM events e JOIN articles a ON a.id = e.article_id
               WHERE len(a.text) BETWEEN 900 AND 2200
               GROUP BY e.article_id
               HAVING count(*) FILTER (WHERE e.attribution IS NOT NULL
                                       AND e.attribution <> a.source) >= 2
                  AND count(DISTINCT e.modality) >= 3
               ORDER BY count(*) DESC, e.article_id LIMIT 1"""
        )[0]
    return row["article_id"], row["event_id"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--article")
    parser.add_argument("--fact")
    args = parser.parse_args()
    article, fact = (args.article, args.fact) if args.article else richest(args.db)
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with running_server(args.db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{base}/articles/{article}")
        page.locator(f".m[href='#{fact}']").first.click()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(OUT / "article.png"))
        page.goto(f"{base}/events?since=2017-03-01&until=2017-03-31")
        page.screenshot(path=str(OUT / "events.png"))
        browser.close()
    print(f"article {article} {fact}; screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
