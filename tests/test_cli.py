import json

from click.testing import CliRunner

from dateline.cli import main

from .conftest import EXAMPLES, shared_path


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_analyze_json_has_the_documented_keys(nlp):
    result = run(
        "analyze", EXAMPLES / "01-tass-lavrov-geneva.txt", "--published", "2024-06-11", "--json"
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {
        "article",
        "actors",
        "mentions",
        "dates",
        "places",
        "quotes",
        "events",
        "quantities",
    }
    assert {"id", "title", "lead", "published", "source", "dateline", "body_start"} <= set(
        doc["article"]
    )
    assert doc["article"]["dateline"]["date"] == "2024-06-11"
    for actor in doc["actors"]:
        assert {
            "id",
            "name",
            "aliases",
            "country",
            "sector",
            "role",
            "kind",
            "spans",
            "extractor",
        } <= set(actor)
    for mention in doc["mentions"]:
        assert mention["actor"] in {a["id"] for a in doc["actors"]}
        assert mention["spans"]
        assert mention["extractor"] == "dateline.actors.v1"


def test_seed_without_published_says_the_year_is_inferred(nlp):
    seed = shared_path("corpus", "seed", "putin-erdogan-idlib.txt")
    doc = json.loads(run("analyze", seed, "--json").output)
    assert doc["article"]["dateline"]["year_inferred"] is True
    assert 2020 in doc["article"]["dateline"]["year_candidates"]
    doc = json.loads(run("analyze", seed, "--published", "2020-03-04", "--json").output)
    dl = doc["article"]["dateline"]
    assert (dl["place"], dl["date"], dl["agency"], dl["year_inferred"]) == (
        "Moscow",
        "2020-03-04",
        "TASS",
        False,
    )


def test_analyze_reads_stdin_and_reports_bad_files(nlp, tmp_path):
    text = (EXAMPLES / "02-reuters-ankara-drills.txt").read_text()
    assert "Turkey" in run("analyze", "-", input=text).output
    (tmp_path / "empty.txt").write_text("")
    result = run("analyze", tmp_path / "empty.txt")
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output


def test_ingest_then_query(nlp, tmp_path):
    db = tmp_path / "cli.duckdb"
    result = run("ingest", EXAMPLES, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["stored"] == 13
    rows = json.loads(run("articles", "--db", db, "--json").output)
    assert len(rows) == 13
    shown = run("show", rows[0]["id"][:10], "--db", db)
    assert shown.exit_code == 0
    assert rows[0]["title"][:20] in shown.output
    actors = json.loads(
        run("actors", "--db", db, "--country", "RUS", "--sector", "JRN", "--json").output
    )
    assert [a["name"] for a in actors] == ["TASS"]
    assert run("failures", "--db", db).exit_code == 0
    quotes = json.loads(run("quotes", "--db", db, "--stance", "asserts", "--json").output)
    assert quotes
    assert all(q["stance"] == "asserts" for q in quotes)


def test_errors_are_one_line_and_exit_1(tmp_path):
    result = run("articles", "--db", tmp_path / "missing.duckdb")
    assert result.exit_code == 1
    assert result.output.strip().startswith("error:")
    assert "no such database" in result.output
    result = run("analyze", "x.txt", "--published", "March")
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.output
    result = run("eval", "ner", "--gold", tmp_path / "nothing")
    assert result.exit_code == 1
    assert "no such gold" in result.output


def test_every_command_has_help():
    for command in (
        "analyze",
        "ingest",
        "articles",
        "show",
        "actors",
        "places",
        "quotes",
        "failures",
        "eval",
    ):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Usage" in result.output
