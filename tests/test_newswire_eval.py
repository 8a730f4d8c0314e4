"""``dateline eval newswire``: the whole-article scoring of GUIDELINES.md, on a gold article
written here (the real pipeline), and the locating of gold strings in repaired text."""

import json

import pytest

from dateline.errors import GoldFormatError
from dateline.evaluate.newswire import evaluate_newswire, same_words, split_half
from dateline.evaluate.newswire_gold import read_newswire
from dateline.settings import Settings

TEXT = (
    "MOSCOW, March 4. /TASS/. Russian President Vladimir Putin and his Turkish counterpart "
    "Recep Tayyip Erdogan will meet in Moscow on Thursday, Kremlin Spokesman Dmitry Peskov "
    'told reporters. "Let"s wait for tomorrow,"?he said. Turkish troops attacked Syrian '
    "government forces in Idlib on February 27."
)
GOLD = {
    "article_id": "9001",
    "outlet": "TASS",
    "published": "2020/3/4",
    "title": "Putin, Erdogan to meet",
    "lead": "",
    "text": TEXT,
    "actors": [
        {"key": "putin", "name": "Vladimir Putin", "kind": "person", "country": "RUS",
         "sector": "GOV", "mentions": ["Russian President Vladimir Putin", "Putin"]},
        {"key": "erdogan", "name": "Recep Tayyip Erdogan", "kind": "person", "country": "TUR",
         "sector": "GOV", "mentions": ["his Turkish counterpart Recep Tayyip Erdogan", "Erdogan"]},
        {"key": "peskov", "name": "Dmitry Peskov", "kind": "person", "country": "RUS",
         "sector": "GOV", "mentions": ["Kremlin Spokesman Dmitry Peskov", "he"]},
        {"key": "tr_troops", "name": "Turkish troops", "kind": "group", "country": "TUR",
         "sector": "MIL", "mentions": ["Turkish troops"]},
        {"key": "sy_forces", "name": "Syrian government forces", "kind": "group",
         "country": "SYR", "sector": "MIL", "mentions": ["Syrian government forces"]},
    ],
    "events": [
        {"type": "CONSULT", "field": "text", "sentence": TEXT[25:168], "trigger": "will meet",
         "actors": ["putin", "erdogan"], "recipients": [], "modality": "planned",
         "date": "2020-03-05", "place": {"name": "Moscow", "country": "RUS"},
         "attributed_to": "outlet"},
        {"type": "ASSAULT", "field": "text", "sentence": "Turkish troops attacked Syrian "
         "government forces in Idlib on February 27.", "trigger": "attacked",
         "actors": ["tr_troops"], "recipients": ["sy_forces"], "modality": "asserted",
         "date": "2020-02-27", "place": None, "attributed_to": "outlet"},
    ],
    "quotes": [
        {"kind": "direct", "field": "text", "speaker": "peskov", "source": "he", "cue": "said",
         "content": 'Let"s wait for tomorrow,'},
    ],
    "dates": [
        {"field": "text", "text": "on Thursday", "value": "2020-03-05"},
        {"field": "text", "text": "February 27", "value": "2020-02-27"},
    ],
    "places": [
        {"field": "text", "text": "Moscow", "name": "Moscow", "country": "RUS", "level": "city",
         "occurrence": 2},
        {"field": "text", "text": "Idlib", "name": "Idlib", "country": "SYR", "level": "region"},
    ],
}  # fmt: skip


@pytest.fixture
def gold_dir(tmp_path):
    (tmp_path / "9001.json").write_text(json.dumps(GOLD), "utf-8")
    return tmp_path


def test_gold_strings_are_found_in_the_repaired_text(gold_dir):
    (doc,) = read_newswire(gold_dir)
    span = doc.locate(GOLD["quotes"][0], "content")
    assert span is not None
    assert doc.article.text[slice(*span)] == "Let's wait for tomorrow,"
    assert doc.article.text[slice(*doc.locate(GOLD["places"][0], "text"))] == "Moscow"
    assert doc.locate({"field": "text", "text": "Ankara"}, "text") is None


def test_the_whole_record_is_scored(gold_dir, nlp):
    result = evaluate_newswire(gold_dir, Settings())
    m = result["metrics"]
    assert result["documents"] == 1
    assert m["actors"]["recall"] >= 0.8
    assert m["actors"]["country_accuracy"] == 1.0
    assert m["events"]["recall"] == 1.0
    assert m["events"]["modality_accuracy"] == 1.0
    assert m["events"]["participant_f1"] >= 0.8
    assert m["quotes"]["recall"] == 1.0
    assert m["quotes"]["speaker_accuracy"] == 1.0
    assert m["dates"]["value_accuracy"] == 1.0
    assert m["places"]["country_accuracy"] == 1.0
    assert set(result["by_outlet"]) == {"TASS"}
    half = split_half("9001")
    assert result["by_half"][half]["documents"] == 1


def test_same_words():
    lavrov = (0, 38)  # "Russian Foreign Minister Sergey Lavrov"
    assert same_words((25, 38), lavrov)  # "Sergey Lavrov": the same head
    assert not same_words((0, 7), lavrov)  # "Russian": a qualifier inside it
    assert same_words((0, 30), (5, 30))
    assert not same_words((0, 5), (10, 20))


def test_a_folder_without_gold_is_an_error(tmp_path):
    with pytest.raises(GoldFormatError):
        read_newswire(tmp_path)
    (tmp_path / "bad.json").write_text("{}", "utf-8")
    with pytest.raises(GoldFormatError, match=r"bad\.json"):
        read_newswire(tmp_path)
