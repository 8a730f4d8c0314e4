"""The gold readers of `dateline eval`, on small files written here."""

import pytest

from dateline.errors import GoldFormatError
from dateline.evaluate.ner import evaluate_ner, read_bio
from dateline.evaluate.places import haversine_km, read_places_xml
from dateline.evaluate.time import read_tml
from dateline.settings import Settings

BIO = """-DOCSTART- O

Vladimir B-PER
Putin I-PER
met O
Recep B-PER
Tayyip I-PER
Erdogan I-PER
in O
Moscow B-LOC
. O

The O
United B-ORG
Nations I-ORG
agreed O
. O
"""


def test_bio_reader_and_scores(tmp_path, nlp):
    path = tmp_path / "tiny.conll"
    path.write_text(BIO)
    (doc,) = read_bio(path)
    spans = {(m.label, doc.text[m.start : m.end]) for m in doc.mentions}
    assert spans == {
        ("PER", "Vladimir Putin"),
        ("PER", "Recep Tayyip Erdogan"),
        ("LOC", "Moscow"),
        ("ORG", "United Nations"),
    }
    result = evaluate_ner(path, Settings())
    assert result["documents"] == 1
    assert 0.5 <= result["metrics"]["f1"] <= 1.0


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-03-04" functionInDocument="CREATION_TIME">March 4, 2020</TIMEX3></DCT>
<TEXT>Officials met <TIMEX3 tid="t1" type="DATE" value="2020-03-03">yesterday</TIMEX3> and will meet again <TIMEX3 tid="t2" type="DATE" value="2020-03-05">on Thursday</TIMEX3>.</TEXT>
</TimeML>"""


def test_tml_reader(tmp_path):
    path = tmp_path / "a.tml"
    path.write_text(TML)
    doc = read_tml(path)
    assert doc.dct.isoformat() == "2020-03-04"
    assert [doc.text[t.start : t.end] for t in doc.timexes] == ["yesterday", "on Thursday"]


def test_places_xml_layouts(tmp_path):
    path = tmp_path / "g.xml"
    path.write_text(
        "<articles><article><text>Talks in Ankara today.</text><locations><location>"
        "<name>Ankara</name><start>10</start><end>16</end><lat>39.9</lat><lon>32.8</lon>"
        "</location></locations></article></articles>"
    )
    (doc,) = read_places_xml(path)
    (toponym,) = doc.toponyms
    assert doc.text[toponym.start : toponym.end] == "Ankara"  # moved onto the name by one
    assert round(haversine_km(39.9, 32.8, 41.0, 29.0)) in range(340, 360)


def test_bad_gold_is_a_clear_error(tmp_path):
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>unclosed")
    with pytest.raises(GoldFormatError, match=r"bad\.tml"):
        read_tml(tmp_path / "bad.tml")
