"""Hostile and malformed input (issue 15): each defect found as a table of inputs and what
must come of them. No input raises out of a reader, nothing is dropped silently, the good
records around a bad one are kept, and nothing reaches a terminal or a spreadsheet raw."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import dateline
from dateline.cli import main
from dateline.errors import DatelineError, InputError, StoreError
from dateline.ingest import ReadOptions, read_bytes, read_paths
from dateline.records import Article, Failure
from dateline.render import plain, safe
from dateline.store import Store

from .conftest import EXAMPLES, ROOT, many_articles

STORY = (
    "MOSCOW, March 4. /TASS/. Russian President Vladimir Putin will meet his Turkish "
    "counterpart Recep Tayyip Erdogan in Moscow on Thursday, the Kremlin said."
)
GOOD = json.dumps({"title": "Putin to meet Erdogan", "text": STORY})


def results(data: bytes, suffix: str, options: ReadOptions | None = None) -> list:
    return list(read_bytes(data, f"in{suffix}", suffix, options))


def kinds(found: list) -> list[str]:
    return ["article" if isinstance(r, Article) else "failure" for r in found]


# -- 1. one bad record is one failure; the records around it are read -------------------------
@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
        ('{"text": "x", "metadata": ' + "[" * 3000 + "]" * 3000 + "}", "nested too deeply"),
        ('{"text": ' + "9" * 5000 + "}", "4,300 digits"),
        ('{"title": "\\ud800", "text": "' + STORY + '"}', "lone surrogate"),
        ('{"text": "' + STORY + '", "\\udfff": 1}', "lone surrogate"),
        ('{"url": "http://[::1", "text": "' + STORY + '"}', "IPv6"),
        ("{oops", "malformed JSON"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_a_bad_json_record_is_one_failure(bad, reason):
    found = results("\n".join([GOOD, bad, GOOD]).encode(), ".jsonl")
    assert kinds(found) == ["article", "failure", "article"]
    assert reason in found[1].reason
    assert found[1].origin == "in.jsonl:2"


def zipped(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def corrupt_crc(data: bytes) -> bytes:
    """The same archive with its member's stored CRC-32 wrong (local and central headers)."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        at = raw.find(signature)
        raw[at + offset] ^= 0xFF
    return bytes(raw)


def lying_size(data: bytes) -> bytes:
    """The same archive with its member's uncompressed size said to be 10 bytes."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.find(signature)
        raw[at + offset : at + offset + 4] = (10).to_bytes(4, "little")
    return bytes(raw)


def encrypted(data: bytes) -> bytes:
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)
        raw[at + offset] |= 0x1
    return bytes(raw)


def method(data: bytes, number: int) -> bytes:
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = raw.find(signature)
        raw[at + offset : at + offset + 2] = number.to_bytes(2, "little")
    return bytes(raw)


TEXT = f"Putin to meet Erdogan\n{STORY}".encode()
SMALL = ReadOptions(max_chars=2_000)  # article limit 8 kB, JSON/CSV member limit 512 kB


@pytest.mark.parametrize(
    ("archive", "reason"),
    [
        (encrypted(zipped([("a.txt", TEXT)])), "encrypted"),
        (method(zipped([("a.txt", TEXT)]), 9), "unsupported compression method 9"),  # deflate64
        (method(zipped([("a.txt", TEXT)]), 99), "unsupported compression method 99"),  # AES
        (corrupt_crc(zipped([("a.txt", TEXT)])), "corrupt archive member"),
        # the zip module reads no more than the header says, then the CRC-32 gives the lie away
        (lying_size(zipped([("a.jsonl", (GOOD + "\n") * 2000)])), "corrupt archive member"),
        (zipped([("bomb.csv", b"title,text\na," + b"x" * 2_000_000)]), "over the limit"),
        (zipped([("bomb.jsonl", b"{bad}\n" * 200_000)]), "over the limit"),
        (zipped([]), "no articles in"),
        (zipped([("folder/", b"")]), "no articles in"),
        (zipped([("__MACOSX/a.txt", TEXT)]), "no articles in"),
        (zipped([("a.pdf", b"%PDF")]), "no articles in"),
    ],
)
def test_bad_archives_are_failures(tmp_path, archive, reason):
    path = tmp_path / "in.zip"
    path.write_bytes(archive)
    found = list(read_paths([path], SMALL))
    assert [type(r) for r in found] == [Failure], found
    assert reason in found[0].reason


def test_a_bad_member_does_not_stop_the_archive(tmp_path):
    inner = zipped([("inner.txt", TEXT)])
    path = tmp_path / "mixed.zip"
    good = zipped([("a.txt", TEXT), ("b.jsonl", GOOD.encode()), ("nested.zip", inner)])
    path.write_bytes(good)
    assert kinds(list(read_paths([path]))) == ["article", "article", "article"]


# -- 2. nothing hangs --------------------------------------------------------------------------
def test_a_glob_over_a_symbolic_link_loop_ends(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "s.txt").write_bytes(TEXT)
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    started = time.perf_counter()
    found = list(read_paths([f"{tmp_path}/**/*.txt"]))
    assert kinds(found) == ["article"]
    assert time.perf_counter() - started < 5
    assert kinds(list(read_paths([tmp_path]))) == ["article"]


def test_two_long_lead_lines_are_read_at_once():
    lead = ("Putin and Erdogan talk about Idlib " * 4300).strip()
    text = f"Headline\n{lead}\n{lead}\nMOSCOW, March 4. /TASS/. {STORY}"
    started = time.perf_counter()
    (article,) = read_bytes(text.encode(), "long.txt", ".txt")
    assert isinstance(article, Article)
    assert time.perf_counter() - started < 10  # minutes before: a quadratic lead comparison


def test_many_bad_lines_are_read_and_recorded_quickly(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(f"{{oops {i}" for i in range(100_000)))
    csv_path = tmp_path / "ragged.csv"
    csv_path.write_text("title,text\n" + "\n".join(f"a,b,c,{i}" for i in range(100_000)))
    started = time.perf_counter()
    with Store(tmp_path / "f.duckdb") as store:
        report = dateline.ingest_files(store, [path, csv_path])
        assert store.counts()["failures"] == 200_000
    assert len(report.failures) == 200_000
    assert time.perf_counter() - started < 60


# -- 3. nothing is dropped silently ------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "suffix"),
    [(b"[]", ".json"), (b"title,text\n", ".csv"), (b"title,text\n\n\n", ".csv")],
)
def test_no_articles_is_a_failure(data, suffix):
    found = results(data, suffix)
    assert [f.reason for f in found] == [f"no articles in in{suffix}"]


# -- 4. a bad CSV row loses no other row -------------------------------------------------------
ROW = '"Putin to meet Erdogan","' + STORY + '"'


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ('"big","' + "x" * 200_000 + '"', "field larger than field limit"),
        ('"open","a quotation that never closes', "does not close"),
        ("a,b,c", "row has 3 fields"),
    ],
)
def test_a_bad_csv_row_is_one_failure(bad, reason):
    rows = [ROW.replace("Thursday", day) for day in ("Monday", "Tuesday", "Friday")]
    data = "\n".join(["title,text", rows[0], bad, *rows[1:], *[ROW] * 10]).encode()
    found = results(data, ".csv", ReadOptions(max_chars=4_000))
    assert kinds(found) == ["article", "failure"] + ["article"] * 12
    assert reason in found[1].reason
    assert found[1].origin == "in.csv:3"


# -- 5. the Python API raises only DatelineError -----------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x01\x02 binary", "a\ud800b " * 20, 42, "x" * 1_000_001, "[" * 100_000,
     "“" * 50_000, ". " * 50_000, "é" * 100_000],
)  # fmt: skip
def test_hostile_text_gets_a_typed_error_or_an_analysis(nlp, text):
    outcome = analyzed(text)
    if isinstance(outcome, DatelineError):
        assert str(outcome)
    else:
        assert outcome.article.text


def analyzed(text: object) -> dateline.records.Analysis | DatelineError:
    """The analysis, or the typed error it raised (any other error fails the test)."""
    try:
        return dateline.analyze(text)  # type: ignore[arg-type]
    except DatelineError as err:
        return err


# -- 8. terminal output ------------------------------------------------------------------------
def test_stored_text_is_inert_in_a_terminal(tmp_path):
    title = "Putin [/update] [sic] [link=http://x]here[/link] \x1b[31mred\x1b[0m \u202e"
    body = json.dumps({"title": title, "text": STORY})
    (tmp_path / "hostile.jsonl").write_text(body)
    db = tmp_path / "h.duckdb"
    runner = CliRunner()
    assert (
        runner.invoke(main, ["ingest", str(tmp_path / "hostile.jsonl"), "--db", str(db)]).exit_code
        == 0
    )
    listed = runner.invoke(main, ["articles", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    assert "[sic]" in listed.output
    assert "\x1b" not in listed.output
    assert "\u202e" not in listed.output
    article_id = json.loads(runner.invoke(main, ["articles", "--db", str(db), "--json"]).output)[0][
        "id"
    ]
    shown = runner.invoke(main, ["show", article_id, "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "[/update]" in shown.output
    assert "\x1b" not in shown.output
    assert plain("a\x1bb") == "a\\x1bb"
    assert safe("[bold]x[/bold]") == "\\[bold]x\\[/bold]"


# -- 9. JSON Lines split on line feeds only ----------------------------------------------------
def test_unicode_line_separators_stay_inside_a_record():
    text = STORY.replace(" will meet", "\u2028will meet\u2029").replace("Moscow on", "Moscow\x85on")
    found = results(json.dumps({"text": text}, ensure_ascii=False).encode(), ".jsonl")
    assert kinds(found) == ["article"]


# -- 10. database faults -----------------------------------------------------------------------
def test_a_corrupt_database_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"DUCK" + os.urandom(20_000))
    with pytest.raises(StoreError, match=r"broken\.duckdb"):
        Store(path)
    with pytest.raises(StoreError, match=r"broken\.duckdb"):
        Store(path, read_only=True)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    with Store(path) as store:
        store.con.execute("INSERT INTO schema_version (version) VALUES (99)")
    with pytest.raises(StoreError, match="newer than this Dateline"):
        Store(path)
    with pytest.raises(StoreError, match="newer than this Dateline"):
        Store(path, read_only=True)


def test_a_failed_write_is_one_clear_error_and_nothing_half_written(tmp_path, nlp):
    analysis = dateline.analyze((EXAMPLES / "04-afp-moscow-grain.txt").read_text())
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        # a table that no longer takes the rows: the batch fails part-way, after its articles
        store.con.execute("DROP INDEX events_article")  # DuckDB alters no indexed table
        store.con.execute("ALTER TABLE events ADD COLUMN must_fill INTEGER NOT NULL DEFAULT 1")
        with pytest.raises(StoreError, match="nothing of it stored") as caught:
            store.write([analysis])
        assert "no transaction is active" not in str(caught.value)
        assert store.counts()["articles"] == 0


# -- 11. exports -------------------------------------------------------------------------------
def test_exports_are_safe_for_spreadsheets_and_line_readers(tmp_path, nlp):
    text = (EXAMPLES / "04-afp-moscow-grain.txt").read_text()
    analysis = dateline.analyze(text)
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        store.write([analysis])
        store.con.execute("UPDATE events SET trigger = '=HYPERLINK(\"x\")', attribution = '@cmd'")
        store.con.execute("UPDATE actors SET name = 'a' || chr(13) || 'b' || chr(8232) || 'c'")
        store.con.execute("UPDATE quotes SET content = 'x' || chr(133) || 'y' || chr(8233)")
    runner = CliRunner()
    out = tmp_path / "e.csv"
    assert (
        runner.invoke(
            main, ["export", "--format", "csv", "-o", str(out), "--db", str(db)]
        ).exit_code
        == 0
    )
    exported = out.read_text()
    assert "'=HYPERLINK" in exported
    assert ",=" not in exported
    assert "'@cmd" in exported
    for fmt in ("gdelt-events", "gdelt-gkg"):
        path = tmp_path / f"{fmt}.tsv"
        result = runner.invoke(main, ["export", "--format", fmt, "-o", str(path), "--db", str(db)])
        assert result.exit_code == 0, result.output
        raw = path.read_text()
        assert not any(ch in raw for ch in "\r\u2028\u2029\x85")
        assert len(raw.split("\n")) == len(raw.splitlines()) + 1


# -- 11. failures are written with each batch --------------------------------------------------
def test_an_interrupted_run_keeps_the_failures_it_met(tmp_path):
    corpus = many_articles(tmp_path / "in", 1500, prefix="z")
    (corpus / "bad.jsonl").write_text("\n".join(f"{{oops {i}" for i in range(20_000)))
    db = tmp_path / "i.duckdb"
    env = {**os.environ, "DATELINE_BATCH_SIZE": "4"}
    command = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    time.sleep(15)  # the model loads, the 20,000 failures are read, some articles are stored
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db, read_only=True) as store:
        assert store.counts()["failures"] >= 5_000


# -- 6. no orphan processes --------------------------------------------------------------------
def _workers_of(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_pool_workers_end_with_their_parent(tmp_path, signum):
    corpus = many_articles(tmp_path / "many", 1000)
    command = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db",
               str(tmp_path / "p.duckdb"), "--n-process", "2"]  # fmt: skip
    env = {**os.environ, "DATELINE_BATCH_SIZE": "4"}
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    for _ in range(60):
        time.sleep(0.5)
        workers = _workers_of(proc.pid)
        if len(workers) >= 2:
            break
    assert len(workers) >= 2
    time.sleep(3)
    assert proc.poll() is None, "the run ended before its parent could be killed"
    proc.send_signal(signum)
    proc.wait(timeout=60)
    for _ in range(40):
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and _running(w)]
        if not alive:
            break
        time.sleep(0.5)
    for w in alive:  # leave nothing behind, even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not alive, f"workers outlived their parent ({signum!r}): {alive}"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def test_an_input_error_names_the_input():
    error = InputError("feed.jsonl:3", "malformed JSON")
    assert str(error) == "feed.jsonl:3: malformed JSON"


# -- 2. and 7. analysis time grows linearly with the article ------------------------------------
@pytest.mark.slow
def test_analysis_time_is_linear_in_article_length(nlp):
    """Quadratic steps (an entity list per mention, every quotation per token, every mention per
    phrase) made a 600,000-character article take minutes. Four times the text must take about
    four times as long, not sixteen."""
    paragraphs = [p.read_text().split("\n", 1)[-1] for p in sorted(EXAMPLES.glob("*.txt"))]
    body = "\n".join(paragraphs)
    while len(body) < 80_000:
        body += "\n" + "\n".join(paragraphs)

    def seconds(size: int) -> float:
        text = "Headline of a long story\n" + body[:size]
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            dateline.analyze(text, published="2024-02-07")
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(20_000), seconds(80_000)
    assert large / small < 7, f"20,000 characters {small:.2f}s, 80,000 {large:.2f}s"


def test_ingest_shows_the_first_failures_and_a_count(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(f"{{oops {i}" for i in range(35)))
    db = tmp_path / "c.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(bad), "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(line.startswith("failed: ") for line in lines) == 20
    assert "... and 15 more failures (dateline failures lists them all)" in lines
    listed = CliRunner().invoke(main, ["failures", "--db", str(db), "--json", "--limit", "100"])
    assert len(json.loads(listed.output)) == 35
