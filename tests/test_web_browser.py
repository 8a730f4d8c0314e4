"""The pages in a real browser: Debian's Chromium driven by Playwright, against a real
``dateline serve`` process. Screenshots are kept in test-artifacts/ (DATELINE_ARTIFACTS)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.web_server import ARTIFACTS, running_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not shutil.which("chromium"),
    reason="Debian's chromium is not installed (make browser installs it)",
)


@pytest.fixture(scope="module")
def base(web_db):
    with running_server(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.dialogs, pg.csp_errors = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on(
        "console",
        lambda m: pg.csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield pg
    context.close()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_clicking_a_highlight_shows_its_card(page, base):
    page.goto(base + "/articles?source=TASS")
    page.locator("table.rows a").first.click()
    trigger = page.locator(".m.k-trigger").first
    target = trigger.get_attribute("href")
    assert target
    assert target.startswith("#")
    card = page.locator(f"section.card[id='{target[1:]}']")
    assert not card.is_visible()
    trigger.click()
    card.wait_for(state="visible")
    assert page.url.endswith(target)
    assert card.locator("h3").inner_text().startswith(target[1:])
    assert page.locator(".m.lit").count() >= 1  # the fact's spans are lit together
    shot(page, "article")
    # a permalink opens with the card shown
    page.goto(page.url)
    assert page.locator(f"section.card[id='{target[1:]}']").is_visible()
    assert not page.csp_errors


def test_a_facet_narrows_the_table(page, base):
    page.goto(base + "/events?limit=500")
    before = page.locator("#event-table tbody tr").count()
    link = page.locator("section.facet[data-facet='type'] li a").first
    chosen = link.get_attribute("data-value")
    link.click()
    page.wait_for_url(f"**type={chosen}**")
    rows = page.locator("#event-table tbody tr")
    assert 0 < rows.count() < before
    types = {t.strip() for t in page.locator("#event-table tbody code.type").all_inner_texts()}
    assert types == {chosen}
    assert page.locator("section.facet[data-facet='type'] li.on").count() == 1
    shot(page, "events-facet")
    assert not page.csp_errors


def test_the_map_draws_points(page, base):
    page.goto(base + "/events")
    points = page.locator("svg.map circle.point")
    assert points.count() > 0
    box = points.first.bounding_box()
    assert box
    assert box["width"] > 2
    assert page.locator("svg.map path.country").count() > 100  # Natural Earth countries
    assert page.locator("svg.histogram rect.bar").count() > 0
    shot(page, "events")
    assert not page.csp_errors


def test_a_hostile_article_renders_inert(page, base):
    page.goto(base + "/search?q=minister%20resigns")
    page.locator("ol.hits a").first.click()
    page.wait_for_selector("#text")
    text = page.locator("#text").inner_text()
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert "</textarea><img src=x onerror=alert(2)>" in text
    assert "[U+202E]" in text
    for el in page.locator(".m").all()[:40]:
        el.hover()
    page.locator("h1").click()
    assert (
        page.evaluate("document.querySelectorAll('#text script, #text img, #text b').length") == 0
    )
    assert page.locator("a[href^='javascript:']").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []
    shot(page, "hostile")


def test_actor_page_and_timeline(page, base):
    page.goto(base + "/actors/Sergey%20Lavrov")
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    page.locator("main a[href^='/timeline?name=']").first.click()
    page.wait_for_url("**/timeline?name=**")
    assert page.locator("ol.timeline li").count() > 0
    shot(page, "timeline")
    assert not page.csp_errors
