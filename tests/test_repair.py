"""Read-time repair of the corpus's lossy character damage (``dateline.ingest.repair``)."""

import pytest

from dateline.ingest.articles import article_from_fields, article_from_wire_text
from dateline.ingest.repair import repair_text


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # a closing quotation mark after punctuation, with the space it swallowed
        ('"It is hard to imagine a worse choice,"?Sen. Warren said.',
         '"It is hard to imagine a worse choice,” Sen. Warren said.'),
        ('"He did that."? She later said', '"He did that.” She later said'),
        # an opening one after a space before a capital, with no quotation open
        ('told TMZ "?I think nobody noticed,"?she said.',
         'told TMZ “I think nobody noticed,” she said.'),
        # a possessive apostrophe after a word, no quotation open
        ('The Senate voted on DeVos"?highly contentious nomination.',
         'The Senate voted on DeVos’ highly contentious nomination.'),
        ("ABC News\"?Morgan Winsor contributed.", "ABC News’ Morgan Winsor contributed."),
        # a dash between words
        ('could determine "?at least temporarily "?the fate of refugees',
         'could determine — at least temporarily — the fate of refugees'),
        # contractions
        ('people didn"t appear; he would"ve left', "people didn't appear; he would've left"),
        ('Trump"?s pick', "Trump’s pick"),
        # glued spaces after punctuation
        ("the disputed islands,-including face-offs", "the disputed islands, including face-offs"),
        ("That's just life.-And I understand", "That's just life. And I understand"),
        ("Fallon answered:-Transit has been", "Fallon answered: Transit has been"),
        # UTF-8 read as Windows-1252 (IndiaPoliceEvents), the lost closing mark included
        ("the proposed â€˜bhoomi pujanâ€™, even", "the proposed ‘bhoomi pujan’, even"),
        ("â€œwe demand a ban,â€\ufffd he said", "“we demand a ban,” he said"),
        ("Caf\u00c3\u00a9 de Flore, Â£5", "Café de Flore, £5"),
    ],
)  # fmt: skip
def test_damage_is_repaired(damaged, repaired):
    assert repair_text(damaged).text == repaired


@pytest.mark.parametrize(
    "clean",
    [
        'He said "we will win," and left.',  # straight quotes stay as they are
        "U.S.-led coalition and U.N.-brokered talks",  # abbreviations before a compound
        "Mia Ayliffe-Chung, 20, D-Mass., a 24-hour marathon, K-12 education",
        "Did we cover it?Yes.",  # a question mark on its own is no damage
        "She said: 'It's finished.'",
        "José Álvarez met Müller in Zürich",  # accented letters are no mojibake
    ],
)
def test_clean_text_is_untouched(clean):
    fixed = repair_text(clean)
    assert fixed.text == clean
    assert fixed.repairs == ()


def test_repairs_say_where_and_what():
    fixed = repair_text('x "a,"?Then DeVos"?view', offset=10)
    assert [r.original for r in fixed.repairs] == ['"?', '"?']
    for repair in fixed.repairs:
        start, end = repair.span
        assert fixed.text[start - 10 : end - 10] in {"” ", "’ "}


def test_articles_store_repaired_text_with_consistent_spans():
    article = article_from_fields(
        origin="t.csv:2",
        title='Trump"?s pick',
        lead="A lead,-glued",
        body='WASHINGTON (AP) - The Senate voted on DeVos"?nomination. "It is bad,"?Warren said.',
    )
    assert article.title == "Trump’s pick"
    assert article.lead == "A lead, glued"
    assert "DeVos’ nomination" in article.text
    assert '"?' not in article.text
    for repair in article.repairs:
        assert article.text[slice(*repair.span)].strip() in {"’", "”", "“", "—", ",", ""}
    wire = article_from_wire_text(
        'Headline\nMOSCOW, March 4. /TASS/. Peskov said "?We will see,"?adding that the talks '
        "would go on for as long as they were needed by both of the sides.",
        origin="w.txt",
    )
    assert wire.dateline is not None
    assert wire.dateline.agency == "TASS"
    assert "“We will see,” adding" in wire.text
    assert all(wire.text[slice(*r.span)] for r in wire.repairs)
