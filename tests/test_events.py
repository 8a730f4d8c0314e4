"""Events and quantities: (text, expected) tables over the real pipeline, negative cases beside
positive ones, the thirteen events of the reference article, and the bad-input bounds."""

from __future__ import annotations

import time

import pytest

from dateline.records import Event


def code(nlp, text: str, anchor: str = "2020-03-04"):
    doc = nlp.make_doc(text)
    doc._.anchor_date = anchor
    doc = nlp(doc)
    return list(doc._.events), list(doc._.quantities)


def only(nlp, text: str) -> Event:
    events, _ = code(nlp, text)
    assert len(events) >= 1, f"no event in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    ("text", "type_", "modality"),
    [
        ("Russian troops attacked the village on Monday.", "ASSAULT", "asserted"),
        ("Putin and Erdogan will meet on Thursday.", "CONSULT", "planned"),
        ("He expected a ceasefire would be declared in Idlib.", "RETREAT", "expected"),
        ("The sides may sign a new agreement.", "AGREE", "possible"),
        ("Turkey must withdraw its troops from Syria.", "RETREAT", "requested"),
        ("Israel did not attack the convoy.", "ASSAULT", "negated"),
        ("Rebels claimed that government forces shelled the town.", "ASSAULT", "claimed"),
        ("In 2015, Russian jets bombed the city of Aleppo.", "ASSAULT", "historical"),
        ("If the talks fail, Turkey would launch an offensive.", "ASSAULT", "hypothetical"),
        (
            "It is not ruled out that Russian and Turkish ministers could meet in Geneva.",
            "CONSULT",
            "possible",
        ),
        ("Police arrested dozens of protesters in Cairo.", "COERCE", "asserted"),
        ("Egypt called on Israel and Hamas to agree to a truce.", "REQUEST", "asserted"),
        ("Kenya refused to deploy peacekeepers.", "REJECT", "asserted"),
    ],
)
def test_type_and_modality(nlp, text, type_, modality):
    event = only(nlp, text)
    assert (event.type, event.modality) == (type_, modality)


def test_a_denied_event(nlp):
    events, _ = code(nlp, "The ministry denied that its jets bombed the hospital.")
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.modality == "denied"
    assert assault.mode == "aerial"


@pytest.mark.parametrize(
    "text",
    [
        "He said the weather in Moscow was fine.",
        "She signed a letter to her mother.",
        "The company's strike price rose on Monday.",
        "The so-called peace plan is a document of twelve pages.",
        "Analysts discussed the price of oil in a report.",
    ],
)
def test_not_events(nlp, text):
    events, _ = code(nlp, text)
    assert events == []


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        (
            "Senior Hungarian and Romanian officials agreed to cooperate.",
            {("HUN", "GOV"), ("ROU", "GOV")},
        ),
        ("Israeli police arrested two men.", {("ISR", "COP")}),
        ("The UN urged Israel to halt the offensive.", {("IGO", "IGO")}),
    ],
)
def test_actors_are_typed(nlp, text, countries):
    event = only(nlp, text)
    assert {(p.country, p.sector) for p in event.actors} == countries


def test_an_asked_party_acts_in_what_is_asked(nlp):
    events, _ = code(nlp, "The UN urged Israel to halt the offensive.")
    asked = next(e for e in events if e.type == "RETREAT")
    assert [p.country for p in asked.actors] == ["ISR"]
    assert asked.modality == "requested"


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "effect", "unit"),
    [
        ("Turkey's Air Force hit more than 200 targets.", 200, "lower_bound", "hit", "targets"),
        ("Up to 300 people were injured in the blast.", 300, "upper_bound", "injured", "people"),
        ("At least 15 civilians were killed.", 15, "lower_bound", "killed", "civilians"),
        ("Police arrested dozens of protesters.", 24, "approximate", "arrested", "protesters"),
        ("The strikes killed 36 Turkish soldiers.", 36, "exact", "killed", "Turkish soldiers"),
        ("They have had five phone calls.", 5, "exact", None, "phone calls"),
        ("Officials counted 5,176 rounds.", 5176, "exact", None, "rounds"),
        ("About 1.5 million people fled.", 1_500_000, "approximate", "displaced", "people"),
    ],
)
def test_quantities(nlp, text, value, qualifier, effect, unit):
    _, quantities = code(nlp, text)
    assert len(quantities) == 1
    q = quantities[0]
    assert (q.value, q.qualifier, q.effect, q.unit) == (value, qualifier, effect, unit)
    assert text[slice(*q.span)] == q.text


@pytest.mark.parametrize(
    "text",
    ["The two countries met in March.", "Erdogan is one of the leaders.", "Two of which ended."],
)
def test_references_are_not_quantities(nlp, text):
    _, quantities = code(nlp, text)
    assert quantities == []


# -- the reference article --------------------------------------------------------------------
def _find(analysis, type_, trigger):
    found = [e for e in analysis.events if e.type == type_ and e.trigger == trigger]
    assert found, f"no {type_} on {trigger!r}: {[(e.type, e.trigger) for e in analysis.events]}"
    return found[0]


def _names(analysis, parties):
    names = {a.id: a.name for a in analysis.actors}
    return [names.get(p.actor or "", p.text) for p in parties]


def _countries(parties):
    return {p.country for p in parties}


def test_seed_events(seed_analysis):
    a = seed_analysis
    meet = _find(a, "CONSULT", "meet")
    assert _names(a, meet.actors) == ["Vladimir Putin", "Recep Tayyip Erdogan"]
    assert (meet.date, meet.modality, meet.attribution) == ("2020-03-05", "planned", "TASS")
    assert meet.location is not None
    assert meet.location.name == "the Kremlin"

    spoke = _find(a, "CONSULT", "spoke")
    assert (spoke.mode, spoke.date, spoke.modality) == ("phone", "2019", "asserted")
    assert spoke.attribution == "the Kremlin"
    assert [q.value for q in spoke.quantities] == [12]
    calls = _find(a, "CONSULT", "calls")
    assert (calls.mode, calls.date) == ("phone", "2020")
    assert _countries(calls.actors) == {"RUS", "TUR"}

    support = _find(a, "SUPPORT", "supported")
    assert _countries(support.actors) == {"RUS"}
    assert _countries(support.recipients) == {"SYR"}
    assert support.attribution == "Dmitry Peskov"

    ceasefire = _find(a, "RETREAT", "ceasefire")
    assert (ceasefire.mode, ceasefire.modality) == ("ceasefire", "expected")
    assert ceasefire.attribution == "Recep Tayyip Erdogan"

    delegations = _find(a, "CONSULT", "meet")  # the first is the leaders' own meeting
    assert delegations is meet
    possible = [e for e in a.events if e.type == "CONSULT" and e.modality == "possible"]
    assert possible
    assert possible[0].attribution == "Turkish media"
    assert _countries(possible[0].actors) == {"RUS", "TUR"}

    request = _find(a, "REQUEST", "ensure")
    assert (request.modality, _countries(request.actors)) == ("expected", {"TUR"})
    assert _countries(request.recipients) == {"SYR"}

    reject = _find(a, "REJECT", "dismissed")
    assert (reject.date, reject.modality) == ("2020-03-03", "asserted")
    assert _countries(reject.recipients) == {"TUR", "IGO", "USA"}
    refugees = next(q for q in a.quantities if q.unit == "refugees")
    assert refugees.modality == "denied"
    assert refugees.qualifier == "approximate"
    assert len(refugees.claimants) == 3

    sign = _find(a, "AGREE", "sign")
    assert (sign.modality, sign.attribution) == ("possible", "Sabah")
    assert _countries(sign.actors) == {"RUS", "TUR"}
    assert sign.location is not None
    assert sign.location.name == "Moscow"

    offensive = _find(a, "ASSAULT", "offensive")
    assert offensive.date == "2020-02-27"
    assert offensive.attribution == "Russian Defense Ministry"
    assert _countries(offensive.actors) == {"SYR"}

    strikes = [e for e in a.events if e.type == "ASSAULT" and e.trigger == "strikes"]
    syrian, turkish = strikes
    assert (syrian.mode, syrian.date, syrian.modality) == ("aerial", "2020-02-27", "asserted")
    assert _countries(syrian.actors) == {"SYR"}
    assert syrian.recipients
    dead = syrian.quantities[0]
    assert (dead.value, dead.effect, dead.modality) == (36, "killed", "claimed")
    assert _names(a, list(syrian.actors)) == ["Syrian troops"]
    ankara = next(x for x in a.actors if x.id == dead.attributed_to)
    assert ankara.country == "TUR"
    assert ankara.sector == "GOV"
    assert (turkish.date, turkish.date_mod) == ("2020-02-27", "AFTER")
    assert _countries(turkish.actors) == {"TUR"}
    assert _countries(turkish.recipients) == {"SYR"}
    targets = turkish.quantities[0]
    assert (targets.value, targets.qualifier, targets.effect) == (200, "lower_bound", "hit")

    incursion = _find(a, "ASSAULT", "incursion")
    assert (incursion.date, incursion.modality) == ("2020-02-27", "asserted")
    assert incursion.location is not None
    assert incursion.location.country == "SYR"

    # Not everything is a fact: the plans, expectations and possibilities are not asserted.
    for event in (meet, ceasefire, possible[0], request, sign):
        assert event.modality != "asserted"


def test_every_event_has_spans(seed_analysis):
    text = seed_analysis.article.text
    for event in seed_analysis.events:
        start, end = event.trigger_spans[0]
        assert text[start:end] == event.trigger
        assert event.spans
        assert event.cameo
        assert event.quad_class in {1, 2, 3, 4}
        for party in (*event.actors, *event.recipients):
            assert text[slice(*party.span)]


def test_many_numbers_run_in_linear_time(nlp):
    text = ". ".join(f"Troops killed {n} militants" for n in range(1, 1500)) + "."
    started = time.perf_counter()
    events, quantities = code(nlp, text)
    seconds = time.perf_counter() - started
    assert len(quantities) >= 1000
    assert len(events) >= 1400
    assert seconds < 60


def test_a_declared_harm_is_also_a_threat(nlp):
    events, _ = code(
        nlp, "Nigeria will withdraw its force from Chad unless the rebels agree to a truce."
    )
    types = {e.type: e for e in events}
    assert types["RETREAT"].modality == "hypothetical"  # "unless ..."
    threat = types["THREATEN"]
    assert [p.country for p in threat.actors] == ["NGA"]
    assert threat.modality == "asserted"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Demonstrators blocked the main road in Baghdad.", "PROTEST"),
        ("Israeli police blocked the main road in Jerusalem.", "COERCE"),
        ("Russian troops destroyed 30 notional targets during the drills.", "MOBILIZE"),
    ],
)
def test_who_acts_and_how_decides_the_type(nlp, text, type_):
    assert only(nlp, text).type == type_


@pytest.mark.parametrize(
    "text",
    [
        "Companies should meet the criteria.",
        "Kazan will host the Universiade.",
        "The Kremlin has no intention of blowing the incident out of proportion.",
        "Fighters of the Islamic State (outlawed in Russia) left.",
    ],
)
def test_words_that_look_like_events_but_are_not(nlp, text):
    events, _ = code(nlp, text)
    assert [e.type for e in events if e.type != "RETREAT"] == []


def test_a_lexicon_of_your_own_extends_ours(tmp_path):
    from dateline.nlp.pipeline import make_pipeline
    from dateline.settings import Settings

    own = tmp_path / "events.json"
    own.write_text('{"verbs": {"airdrop": ["AID", "humanitarian"]}}', "utf-8")
    nlp = make_pipeline(Settings(events_file=own))
    events, _ = code(nlp, "The Jordanian army airdropped food to the town.")
    assert [(e.type, e.mode) for e in events] == [("AID", "humanitarian")]


def test_a_broken_lexicon_of_your_own_is_a_clear_error(tmp_path):
    from dateline.errors import DataFileError
    from dateline.nlp.pipeline import make_pipeline
    from dateline.settings import Settings

    own = tmp_path / "events.json"
    own.write_text("{not json", "utf-8")
    with pytest.raises(DataFileError, match=r"events\.json: cannot read the event lexicon"):
        make_pipeline(Settings(events_file=own))
