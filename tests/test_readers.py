import io
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.ingest import ReadOptions, read_bytes, read_paths
from dateline.records import Article, Failure

from .conftest import EXAMPLES, shared_path

WIRE = (
    "Ministers meet in Geneva\n"
    "The talks are the first in a year\n"
    "GENEVA, June 11. /TASS/. Russian Foreign Minister Sergey Lavrov met his Swiss counterpart "
    "on Friday, the ministry said. The two discussed the situation in the region and agreed to "
    "meet again.\n"
)


def only(results):
    results = list(results)
    assert len(results) == 1, results
    return results[0]


def test_wire_text_keeps_headline_lead_and_body_apart():
    article = only(read_bytes(WIRE.encode(), "story.txt", ".txt"))
    assert isinstance(article, Article)
    assert article.title == "Ministers meet in Geneva"
    assert article.lead == "The talks are the first in a year"
    assert article.body.startswith("Russian Foreign Minister")
    assert article.dateline is not None
    assert article.dateline.agency == "TASS"
    assert article.source == "TASS"
    assert article.text[slice(*article.dateline.span)] == "GENEVA, June 11. /TASS/."


def test_same_content_gets_the_same_id_whatever_the_whitespace():
    a = only(read_bytes(WIRE.encode(), "a.txt", ".txt"))
    b = only(read_bytes(WIRE.replace(" ", "  ").replace("\n", "\r\n").encode(), "b.txt", ".txt"))
    assert a.id == b.id


def test_jsonl_keeps_unknown_keys_as_metadata():
    results = list(read_paths([EXAMPLES / "10-feeds.jsonl"]))
    assert [type(r) for r in results] == [Article, Article]
    first = results[0]
    assert first.title.startswith("Japan and South Korea")
    assert first.lead.startswith("The foreign ministers")
    assert first.published.isoformat() == "2024-09-03"
    assert first.metadata["section"] == "Asia"
    assert first.origin.endswith("10-feeds.jsonl:1")


def test_html_page_gives_main_text_and_metadata():
    article = only(read_paths([EXAMPLES / "09-dw-berlin-coalition.html"]))
    assert isinstance(article, Article)
    assert article.title == "German coalition agrees on defense budget"
    assert article.published.isoformat() == "2024-05-16"
    assert "Home | World" not in article.text
    assert "Copyright" not in article.text
    assert article.dateline is not None
    assert article.dateline.agency == "Reuters"


def test_csv_in_the_news_articles_layout(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "article_id,publish_date,article_source_link,title,subtitle,text\n"
        f'1,2017/2/7,http://tass.com/world/1,Title one,Lead one,"{WIRE.splitlines()[2]}"\n',
        "utf-8",
    )
    article = only(read_paths([path]))
    assert isinstance(article, Article)
    assert article.source == "TASS"
    assert article.published.isoformat() == "2017-02-07"
    assert article.dateline.year == 2017


def test_zip_and_directory_and_glob(tmp_path):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("one.txt", WIRE)
        z.writestr("two.txt", WIRE.replace("Friday", "Monday"))
    results = list(read_paths([archive]))
    assert [type(r) for r in results] == [Article, Article]
    assert results[0].origin.endswith("batch.zip!one.txt")
    assert len([r for r in read_paths([EXAMPLES]) if isinstance(r, Article)]) == 13
    assert len(list(read_paths([str(EXAMPLES / "0*-tass-*.txt")]))) == 3


def test_stdin_is_sniffed():
    assert isinstance(only(read_paths(["-"], stdin=io.BytesIO(WIRE.encode()))), Article)
    record = json.dumps({"title": "T", "text": WIRE})
    assert isinstance(only(read_paths(["-"], stdin=io.BytesIO(record.encode()))), Article)


BAD = [
    (b"", ".txt", "empty file"),
    (b"\x00\x01\x02binary\x00" * 10, ".txt", "binary file"),
    (b"caf\xe9 au lait " * 20, ".txt", "not UTF-8"),
    (
        "Президент России Владимир Путин провёл переговоры с президентом Турции. " * 5,
        ".txt",
        "not English",
    ),
    (b'{"title": "x", "text": "broken', ".jsonl", "malformed JSON"),
    (b'"just a string"', ".jsonl", "expected a JSON object"),
    (b"title,body_text\nA,B\n", ".csv", "no text column"),
    (b"<html><body><nav>Home</nav></body></html>", ".html", "article text"),
    (b"-1", ".txt", "no article text"),
]


@pytest.mark.parametrize(("data", "suffix", "reason"), BAD)
def test_bad_input_gives_one_clear_failure(data, suffix, reason):
    raw = data.encode() if isinstance(data, str) else data
    failure = only(read_bytes(raw, f"bad{suffix}", suffix))
    assert isinstance(failure, Failure)
    assert failure.origin.startswith(f"bad{suffix}")
    assert reason in failure.reason


def test_a_bad_line_does_not_stop_the_batch(tmp_path):
    good = json.dumps({"title": "Ministers meet", "text": WIRE})
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{good}\n{{broken\n{good.replace('Friday', 'Sunday')}\n", "utf-8")
    results = list(read_paths([path]))
    assert [type(r) for r in results] == [Article, Failure, Article]
    assert results[1].origin == f"{path}:2"


def test_csv_row_with_missing_field(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(f'title,text,source\nOne,"{WIRE.splitlines()[2]}",TASS\nTwo\n', "utf-8")
    results = list(read_paths([path]))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], Failure)
    assert "fields" in results[1].reason


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB (sparse) - never read into memory
    failure = only(read_paths([path], ReadOptions()))
    assert isinstance(failure, Failure)
    assert "too large" in failure.reason


def test_missing_path_and_empty_glob():
    assert "no such file" in only(read_paths(["/no/such/file.txt"])).reason
    assert "no file matches" in only(read_paths(["/no/such/*.txt"])).reason


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".jsonl", ".csv", ".html", None]))
def test_readers_never_raise_on_arbitrary_bytes(data, suffix):
    for result in read_bytes(data, "fuzz", suffix):
        assert isinstance(result, Article | Failure)
        if isinstance(result, Article):
            assert 0 <= result.body_start <= len(result.text)


def test_tass_datelines_in_the_news_corpus():
    archive = shared_path("corpus", "news-articles", "NewsArticles.zip")
    tass = [r for r in read_paths([archive]) if isinstance(r, Article) and r.source == "TASS"]
    opening = [a for a in tass if "/TASS" in a.text[_body_region(a) :][:120]]
    parsed = [a for a in opening if a.dateline is not None]
    assert len(tass) > 450
    assert len(parsed) / len(opening) >= 0.98


def _body_region(article):
    """Where the body field begins in a CSV record's text (after title and lead lines)."""
    last = article.lead_span or article.title_span
    return last[1] + 1 if last else 0
