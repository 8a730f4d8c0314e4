"""Event rules from the real-news record (issue 13): one clause one event, attempts, the
content of threats and refusals, what is no demand and no event. (text, expected) tables over
the real pipeline, negatives beside positives."""

from __future__ import annotations

import pytest

from dateline.records import Event


def events_of(nlp, text: str) -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.anchor_date = "2017-02-07"
    return list(nlp(doc)._.events)


def types(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.type, e.modality) for e in events_of(nlp, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the complement of a threat or a refusal is its content: one event
        ("The Taliban threatened to target employees of the courts.", [("THREATEN", "asserted")]),
        ("North Korea refused to release the body.", [("REJECT", "asserted")]),
        # an attempt is the act, not a plan
        ("He tried to kill the trooper with a saw.", [("ASSAULT", "asserted")]),
        ("Foreign Minister Lavrov plans to visit Tokyo in May.", [("CONSULT", "planned")]),
    ],
)
def test_one_clause_one_event(nlp, text, expected):
    assert types(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Prime Minister said that our industry should be competitive.",  # no party, no act
        "Medvedev said goods manufactured by our industry should enjoy demand abroad.",
        "The ministry released a statement on Monday.",  # releasing information is no concession
        "The prosecutor said the video that he released Monday is complete.",
        "The church is under fire for its spying imams.",  # an idiom, no shooting
        "Watson pleaded guilty to one count of possession.",  # a plea, no appeal
    ],
)
def test_not_events(nlp, text):
    assert types(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia said that Sudan must return the helicopter.", "REQUEST"),
        ("The Red Cross said US and British forces must ensure security.", "REQUEST"),
        ("The court convicted him of murder on Friday.", "COERCE"),
        ("The judge sentenced Watson to 19 years.", "COERCE"),
        ("Rebels staged an attack on the base.", "ASSAULT"),
    ],
)
def test_events(nlp, text, expected):
    assert expected in {e.type for e in events_of(nlp, text)}
