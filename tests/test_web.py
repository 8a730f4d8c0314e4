"""The web app in-process (Starlette's test client over the real app and a real DuckDB file):
every route as JSON and HTML, filters, pages, errors, limits, the write token and CSRF."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from dateline.store import Store
from dateline.web import WebConfig, create_app

LISTS = ["/articles", "/actors", "/events", "/quotes", "/places", "/failures", "/stories",
         "/incidents", "/timeline?name=Russia", "/search?q=minister"]  # fmt: skip
TOKEN = "a-write-token-for-tests"


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(WebConfig(db=web_db, max_page=100))) as c:
        yield c


@pytest.fixture(scope="module")
def hostile_id(web_db):
    with Store(web_db, read_only=True) as store:
        return store.query("SELECT id FROM articles WHERE title LIKE 'Minister%'")[0]["id"]


@pytest.mark.parametrize("route", LISTS)
def test_every_list_answers_json_and_html(client, route):
    path, _, qs = route.partition("?")
    as_json = client.get(f"{path}.json" + (f"?{qs}" if qs else ""))
    assert as_json.status_code == 200, as_json.text
    assert as_json.headers["content-type"].startswith("application/json")
    body = as_json.json()
    assert body["ok"] is True
    assert isinstance(body["rows"], list)
    negotiated = client.get(route, headers={"accept": "application/json"})
    assert negotiated.json()["rows"] == body["rows"]
    page = client.get(route)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>" in page.text


def test_lists_have_rows_from_the_examples(client):
    for route in ["/articles", "/actors", "/events", "/quotes", "/places", "/stories"]:
        rows = client.get(f"{route}.json").json()["rows"]
        assert rows, f"{route} is empty"
    names = {r["name"] for r in client.get("/actors.json?limit=100").json()["rows"]}
    assert "Sergey Lavrov" in names


def test_keyset_pages_cover_every_event_once(client, web_db):
    with Store(web_db, read_only=True) as store:
        total = store.query("SELECT count(*) AS n FROM events")[0]["n"]
    seen, url, pages = [], "/events.json?limit=7", 0
    while url:
        body = client.get(url).json()
        seen += [(r["article_id"], r["event_id"]) for r in body["rows"]]
        url, pages = body["next"], pages + 1
        assert pages < 200
    assert len(seen) == total == len(set(seen))
    assert pages == -(-total // 7)


def test_every_list_pages_without_repeats(client):
    for route in ["/articles", "/actors", "/quotes", "/places"]:
        first = client.get(f"{route}.json?limit=3").json()
        assert first["next"], route
        second = client.get(first["next"]).json()
        assert second["rows"]
        assert second["rows"] != first["rows"]
        assert not [r for r in second["rows"] if r in first["rows"]]


def test_filters_are_the_cli_filters(client):
    rus = client.get("/events.json?country=RUS&limit=100").json()["rows"]
    assert rus
    assert all("RUS" in r["actor_countries"] + r["recipient_countries"] for r in rus)
    consult = client.get("/events.json?type=consult").json()["rows"]
    assert consult
    assert {r["type"] for r in consult} == {"CONSULT"}
    since = client.get("/events.json?since=2024-01-01&limit=100").json()["rows"]
    assert all(r["day"] >= "2024" for r in since)
    lavrov = client.get("/quotes.json?speaker=Lavrov").json()["rows"]
    assert lavrov
    assert all("Lavrov" in r["speaker"] for r in lavrov)
    tass = client.get("/articles.json?source=TASS").json()["rows"]
    assert tass
    assert {r["source"] for r in tass} == {"TASS"}


def test_facets_count_the_filtered_events(client):
    body = client.get("/events.json?country=RUS&facet=type&facet=modality&facet=month").json()
    types = body["facets"]["type"]["values"]
    assert sum(v["count"] for v in types) + 0 >= len(body["rows"]) > 0
    all_rus = client.get("/events.json?country=RUS&limit=500").json()["rows"]
    assert sum(v["count"] for v in types) == len(all_rus)
    assert set(body["facets"]) == {"type", "modality", "month"}


def test_events_page_has_facets_histogram_map_and_export(client):
    page = client.get("/events").text
    for facet in ["type", "modality", "country", "sector", "source", "month"]:
        assert f'data-facet="{facet}"' in page
    assert 'class="histogram"' in page
    assert 'class="bar"' in page
    assert 'class="map"' in page
    assert 'class="point"' in page
    assert 'class="country"' in page
    assert "/export?format=csv" in page
    assert "format=gdelt-events" in page


def test_export_follows_the_filter(client):
    csv = client.get("/export?format=csv&country=RUS")
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    rus = client.get("/events.json?country=RUS&limit=500").json()["rows"]
    assert lines[0].startswith("day,date,")
    assert len(lines) - 1 == len(rus)
    jsonl = client.get("/export?format=jsonl&type=CONSULT").text.strip().splitlines()
    assert jsonl
    assert all('"CONSULT"' in line for line in jsonl)
    gdelt = client.get("/export?format=gdelt-events&country=RUS").text.strip().splitlines()
    assert gdelt
    assert all(len(line.split("\t")) == 61 for line in gdelt)


def test_article_page_lights_every_fact_with_a_card(client):
    rows = client.get("/articles.json?source=TASS").json()["rows"]
    article = client.get(f"/articles/{rows[0]['id']}.json").json()["article"]
    page = client.get(f"/articles/{rows[0]['id']}").text
    for event in article["events"]:
        assert f'id="{event["id"]}"' in page  # the card: a permalink target
        assert f'href="#{event["id"]}"' in page
    assert 'class="m ' in page
    assert "k-trigger" in page
    assert "k-actor" in page
    assert "k-source" in page or not article["quotes"]
    prefix = client.get(f"/articles/{rows[0]['id'][:8]}.json")
    assert prefix.json()["article"]["article"]["id"] == rows[0]["id"]


def test_actor_page_story_incident_and_timeline(client):
    actor = client.get("/actors/Sergey%20Lavrov.json").json()["actor"]
    assert actor["name"] == "Sergey Lavrov"
    assert actor["variants"][0]["country"] == "RUS"
    page = client.get("/actors/Sergey%20Lavrov").text
    assert 'class="graph"' in page or "No interactions" in page
    story = client.get("/stories.json").json()["rows"][0]
    detail = client.get(f"/stories/{story['story_id']}.json").json()["story"]
    assert detail["article_list"]
    timeline = client.get(f"/timeline.json?story={story['story_id']}").json()["rows"]
    ids = {a["id"] for a in detail["article_list"]}
    assert all(r["article_id"] in ids for r in timeline)
    incidents = client.get("/incidents.json").json()["rows"]
    if incidents:
        one = client.get(f"/incidents/{incidents[0]['incident_id']}.json").json()["incident"]
        assert "fields" in one
        assert one["reports"]
        assert client.get(f"/incidents/{incidents[0]['incident_id']}").status_code == 200


def test_search_finds_words_in_titles_and_text(client):
    rows = client.get("/search.json?q=grain").json()["rows"]
    assert rows
    assert all("grain" in ((r["title"] or "") + r["snippet"]).lower() for r in rows)
    both = client.get("/search.json?q=grain%20moscow").json()["rows"]
    assert len(both) <= len(rows)
    page = client.get("/search?q=grain").text
    assert "<mark>" in page.lower() or "<mark>grain" in page.lower()
    assert client.get("/search.json?q=zzzzqqq").json()["rows"] == []


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/articles/nosuchid.json", 404), ("/actors/Nobody%20At%20All.json", 404),
        ("/stories/nosuch.json", 404), ("/incidents/nosuch.json", 404),
        ("/events.json?since=not-a-day", 400), ("/events.json?country=TOOLONG", 400),
        ("/events.json?limit=0", 400), ("/events.json?limit=100000", 400),
        ("/events.json?next=garbage!", 400), ("/events.json?next=WzEsMl0", 400),
        ("/nowhere.json", 404), ("/export?format=exe", 400),
    ],
)  # fmt: skip
def test_errors_are_json_with_the_right_status(client, url, status):
    response = client.get(url, headers={"accept": "application/json"})
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False
    assert isinstance(body["error"], str)
    assert body["error"]


def test_errors_are_html_pages_for_people(client):
    response = client.get("/articles/nosuchid")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no article with id" in response.text


def test_security_headers_on_every_response(client):
    for url in ["/", "/events", "/events.json", "/nowhere", "/static/app.css"]:
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client, hostile_id):
    for url in [
        "/",
        "/events",
        f"/articles/{hostile_id}",
        "/actors/John%20Smith",
        "/search?q=minister",
    ]:
        page = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert " style=" not in page, url
        assert "<style" not in page, url
        assert not re.search(r"<[^>]*\son[a-z]+=", page), url  # no event handler attribute


def test_hostile_text_is_escaped(client, hostile_id):
    page = client.get(f"/articles/{hostile_id}").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "<img src=x" not in page
    assert "</textarea><img" not in page
    assert "<b onmouseover" not in page
    assert 'href="javascript:' not in page
    assert "\u202e" not in page
    assert "[U+202E]" in page
    for url in ["/articles", "/search?q=minister", "/events?actor=smith"]:
        text = client.get(url).text
        assert "<script>alert" not in text
        assert "\u202e" not in text


def test_query_time_limit_stops_a_slow_read(web_db):
    from dateline.errors import QueryTimeout

    with Store(web_db, read_only=True) as store:
        slow = store.reader(time_limit=0.05)
        with pytest.raises(QueryTimeout, match=r"ran past 0\.05 s"):
            slow.query("SELECT count(*) FROM range(100000000000) a")
        assert slow.query("SELECT 1 AS one") == [{"one": 1}]  # the handle still works


def test_a_query_past_the_limit_is_a_503(web_db, monkeypatch):
    from dateline import search
    from dateline.errors import QueryTimeout

    def too_slow(*args, **kwargs):
        raise QueryTimeout("the query ran past 5.0 s and was stopped; narrow the filters")

    monkeypatch.setattr(search, "search", too_slow)
    with TestClient(create_app(WebConfig(db=web_db))) as c:
        response = c.get("/search.json?q=grain")
    assert response.status_code == 503
    assert response.json() == {
        "ok": False,
        "error": "the query ran past 5.0 s and was stopped; narrow the filters",
    }


def test_read_only_server_refuses_writes(client):
    response = client.post(
        "/ingest", data={"text": "x"}, headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert client.get("/ingest").status_code == 403


def test_body_limit(web_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(web_db.read_bytes())
    with TestClient(create_app(WebConfig(db=copy, write_token=TOKEN, max_body=1000))) as c:
        response = c.post("/ingest", content=b"x" * 5000,
                          headers={"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"})  # fmt: skip
    assert response.status_code == 413
    assert "body is over" in response.json()["error"]


ARTICLE = (
    "ANKARA, May 2 (Reuters) - Turkish Defence Minister Hulusi Akar met his Greek counterpart "
    "in Ankara on Thursday to discuss the dispute over the Aegean Sea."
)


def test_ingest_needs_the_token_and_the_form_its_csrf(web_db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(web_db.read_bytes())
    with TestClient(create_app(WebConfig(db=copy, write_token=TOKEN))) as c:
        wrong = c.post("/ingest", data={"text": ARTICLE}, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        no_csrf = c.post("/ingest", data={"text": ARTICLE, "token": TOKEN})
        assert no_csrf.status_code == 403
        assert "CSRF" in no_csrf.text
        form = c.get("/ingest")
        assert form.status_code == 200
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form.text).group(1)
        bad_token = c.post("/ingest", data={"text": ARTICLE, "token": "wrong", "csrf": csrf})
        assert bad_token.status_code == 401
        stored = c.post("/ingest", data={"text": ARTICLE, "token": TOKEN, "csrf": csrf,
                                          "source": "Reuters", "published": "2024-05-02"})  # fmt: skip
        assert stored.status_code == 200
        assert "Stored 1 new article" in stored.text
        api = c.post(
            "/ingest", headers={"authorization": f"Bearer {TOKEN}"},
            files={"file": ("bad.jsonl", b'{"title": "no text"}\n{not json\n', "application/json")},
        )  # fmt: skip
        body = api.json()
        assert body["ok"]
        assert body["stored"] == 0
        assert len(body["failures"]) == 2
        assert all(f["origin"].startswith("bad.jsonl") for f in body["failures"])
        again = c.post(
            "/ingest", headers={"authorization": f"Bearer {TOKEN}"}, data={"text": ARTICLE}
        )
        assert again.json()["stored"] == 0
        assert again.json()["duplicates"] == 1
        found = c.get("/search.json?q=Akar%20Aegean").json()["rows"]
        assert len(found) == 1
        assert c.get(f"/articles/{found[0]['id']}.json").json()["article"]["events"]


def test_next_links_keep_the_filters(client):
    body = client.get("/events.json?country=RUS&limit=1").json()
    query = parse_qs(urlsplit(body["next"]).query)
    assert query["country"] == ["RUS"]
    assert query["limit"] == ["1"]
    assert query["next"]


def test_openapi_describes_every_route(client):
    spec = client.get("/openapi.json").json()
    for path in ["/articles", "/articles/{article_id}", "/actors", "/actors/{name}", "/events",
                 "/quotes", "/places", "/timeline", "/failures", "/export", "/stories",
                 "/incidents", "/search", "/ingest"]:  # fmt: skip
        assert path in spec["paths"], path
    assert "/events.json" in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {
        "actor",
        "country",
        "type",
        "since",
        "until",
        "modality",
        "place",
        "limit",
        "next",
    } <= params


def test_facets_are_the_library_facets(client):
    from typing import get_args

    from dateline.facets import FACETS
    from dateline.web.routes_lists import FacetName

    assert set(get_args(FacetName)) == set(FACETS)
    response = client.get("/events.json?facet=colour")
    assert response.status_code == 400
    assert response.json()["ok"] is False
