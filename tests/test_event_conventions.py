"""How events are coded beyond the trigger word: CAMEO's conventions for intentions, refusals
and demands, who a pronoun or a possessive stands for, object-typed verbs, unnamed local
parties, well-known leaders named bare. (text, expected) tables with negative cases beside the
positive ones, over the real pipeline."""

from __future__ import annotations

import pytest

from dateline.evaluate.events import police_labels
from dateline.extract.event_lexicon import load_event_lexicon
from dateline.records import Event


def events_of(nlp, text: str) -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.anchor_date = "2021-06-01"
    return list(nlp(doc)._.events)


def main(nlp, text: str) -> Event:
    """The most confident event, as the PLOVER evaluation picks it."""
    from dateline.evaluate.events import _main_event

    event = _main_event(events_of(nlp, text))
    assert event is not None, f"no event in {text!r}"
    return event


def coded(event: Event) -> str:
    return load_event_lexicon().coded(event.type, event.mode, event.modality)[0]


@pytest.mark.parametrize(
    ("text", "own_type", "modality", "cameo_type", "cameo_root"),
    [
        # a declared intention to cooperate is CAMEO 03 (AGREE); the event keeps its own reading
        ("Kenya will send food aid to Somalia next month.", "AID", "planned", "AGREE", "03"),
        ("Modi and Sharif will meet in Vienna on Friday.", "CONSULT", "planned", "AGREE", "03"),
        ("Norway is ready to contribute troops to the mission.", "AID", "planned", "AGREE", "03"),
        # a refusal to cooperate is CAMEO 12 (REJECT)
        ("Hungary will not accept any more migrants.", "AGREE", "negated", "REJECT", "12"),
        ("Serbia will not meet the envoy.", "CONSULT", "negated", "REJECT", "12"),
        # negatives: what happened is coded as itself; a planned attack is no intention to help
        ("Kenya sent food aid to Somalia on Monday.", "AID", "asserted", "AID", "07"),
        ("Modi and Sharif met in Vienna on Friday.", "CONSULT", "asserted", "CONSULT", "04"),
        ("Israel did not attack the convoy.", "ASSAULT", "negated", "ASSAULT", "19"),
    ],
)
def test_cameo_conventions(nlp, text, own_type, modality, cameo_type, cameo_root):
    event = main(nlp, text)
    assert (event.type, event.modality) == (own_type, modality)
    assert coded(event) == cameo_type
    assert event.cameo.startswith(cameo_root)


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Chile says it will not accept the ruling.", ["CHL"]),
        ("The Dutch farmers said they would blockade the port.", ["NLD"]),
        ("Bosnian Serbs said their forces had completed the withdrawal.", ["BIH"]),
        # negative: a pronoun outside reported speech keeps its own reading
        ("Chile rejected the ruling.", ["CHL"]),
    ],
)
def test_a_pronoun_in_reported_speech_is_the_speaker(nlp, text, countries):
    event = main(nlp, text)
    assert [p.country for p in event.actors] == countries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan said that China must release the fishermen.", (["JPN"], ["CHN"])),
        ("Egypt insisted that Ethiopia should stop filling the dam.", (["EGY"], ["ETH"])),
    ],
)
def test_what_one_party_says_another_must_do_is_a_demand(nlp, text, expected):
    demands = [e for e in events_of(nlp, text) if e.type == "REQUEST"]
    assert len(demands) == 1
    demand = demands[0]
    assert ([p.country for p in demand.actors], [p.country for p in demand.recipients]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Japan said that we must release the fishermen.",  # of oneself
        "Japan said that China will release the fishermen.",  # a forecast, not a demand
    ],
)
def test_no_demand_without_another_party_obliged(nlp, text):
    assert [e.type for e in events_of(nlp, text) if e.type == "REQUEST"] == []


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Belgian doctors handed over 300 kg of medicine to the Red Cross.", "AID"),
        ("The rebels handed over the town to the army.", "CONCEDE"),
        ("The militia violated the truce agreement overnight.", "ASSAULT"),
        ("The newspaper violated the ban on reporting.", "REJECT"),
        ("Saboteurs blew up two power lines near the city.", "COERCE"),
        ("The government accepted the demands of the strikers.", "CONCEDE"),
        ("The government accepted the proposal of the mediators.", "AGREE"),
        ("The Kenyan army dispatched inspectors to the camp.", "ACCUSE"),
        ("The court opened a hearing into the killings.", "ACCUSE"),
        ("The envoy launched a mediation effort between the two parties.", "CONSULT"),
        ("Greek troops remained on alert along the border.", "MOBILIZE"),
        ("The opposition leader was placed under house arrest.", "COERCE"),
        (
            "The interior minister warned that police will no longer tolerate the rallies.",
            "THREATEN",
        ),
        ("Hundreds of thousands of people blocked streets in Santiago.", "PROTEST"),
        ("Young Chileans blocked roads to press their demands.", "PROTEST"),
        ("A detainee died as a result of torture in custody.", "ASSAULT"),
        ("The two leaders struck a deal on regular meetings.", "AGREE"),
        ("Russian jets struck the village on Monday.", "ASSAULT"),
    ],
)
def test_objects_and_frames_decide_the_type(nlp, text, type_):
    assert main(nlp, text).type == type_


@pytest.mark.parametrize(
    "text",
    [
        "The officer gave a chilling account of the violence.",  # an account is no attack
        "The minister warned that prices are high.",  # a statement of fact is no threat
        "Nine people were killed in the avalanches.",  # nature, not an attack
        "Three provinces were hit by bad weather and roads were blocked by snow.",
        "We have an intergovernmental agreement on military assistance.",  # one exists
        "He is convinced that Moscow and Washington will establish a dialogue.",  # a belief
        "The Islamic State (terrorist organization outlawed in Russia) seeks a foothold.",
        "Our solar cells demonstrate tremendous efficiency.",
        "As many as 6,500,000 people visited Sochi in 2016.",  # tourists, not a visit
        "The stamps will be offered for sale at post offices.",
        "Lavrov offered condolences to the families.",
        "The ambassador recalled the January 12 suicide bombing.",  # remembered, not withdrawn
        "The army is trying to seize the initiative in the area.",
        "The team no longer fights for awards in hockey.",
        "Falling oil prices hit the European economy.",
    ],
)
def test_frames_that_are_not_events(nlp, text):
    assert [(e.type, e.trigger) for e in events_of(nlp, text)] == []


@pytest.mark.parametrize(
    ("text", "type_mode", "countries"),
    [
        (
            "French and Egyptian warships launched 10 days of war games.",
            ("COOPERATE", "military"),
            ["FRA", "EGY"],
        ),
        (
            "Armed forces from the U.S., Britain and Canada made joint maneuvers on Thursday.",
            ("COOPERATE", "military"),
            ["USA", "GBR", "CAN"],
        ),
        ("Russian and Turkish troops conducted a joint patrol.", ("COOPERATE", "military"), None),
        # negative: one country's drills are its own mobilisation
        ("Egyptian warships launched 10 days of war games.", ("MOBILIZE", "exercise"), ["EGY"]),
    ],
)
def test_joint_war_games_are_military_cooperation(nlp, text, type_mode, countries):
    event = main(nlp, text)
    assert (event.type, event.mode) == type_mode
    if countries is not None:
        assert [p.country for p in event.actors] == countries


def test_an_announced_decision_is_not_a_threat(nlp):
    decided = events_of(nlp, "The United States announced it would ban all aid to the junta.")
    threatened = events_of(nlp, "The farmers said they would blockade the capital.")
    assert "THREATEN" not in {e.type for e in decided}
    assert "THREATEN" in {e.type for e in threatened}


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Hundreds of people blocked streets in Lagos.", ("NGA", "CVL")),
        ("Ethnic Albanians demonstrated in Serbia on Tuesday.", ("SRB", "CVL")),
        ("Prisoners rioted at a jail in Nairobi.", ("KEN", "CRM")),
        # negative: soldiers travel, so a place does not make them its own
        ("Soldiers attacked a village in Mali.", (None, "MIL")),
    ],
)
def test_unnamed_local_parties_take_the_country_where_they_act(nlp, text, party):
    event = main(nlp, text)
    assert [(p.country, p.sector) for p in event.actors] == [party]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Putin offered to negotiate with the president of Armenia.", ("RUS", "GOV")),
        ("President Bush threatened further action against Russia.", ("USA", "GOV")),
        ("Kofi Annan announced that he will withdraw the inspectors.", ("IGO", "GOV")),
        (
            "Cairo's security chief warned that police will no longer tolerate rallies.",
            ("EGY", "COP"),
        ),
        ("Afghan rebel leaders said they would meet the mediator.", ("AFG", "REB")),
        ("The Ivory Coast's Supreme Court allowed the candidate to run.", ("CIV", "JUD")),
        ("Sri Lanka has established diplomatic ties with Iran.", ("LKA", None)),
    ],
)
def test_who_a_name_or_title_stands_for(nlp, text, party):
    event = main(nlp, text)
    assert [(p.country, p.sector) for p in event.actors] == [party]


def test_a_suicide_car_bombing_names_no_country(nlp):
    event = main(nlp, "Three civilians were killed in a suicide car bombing in Kabul.")
    assert all(p.country != "CAF" for p in event.actors)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Police fired on the protesters in Surat, killing two.", {"KILL", "FORCE", "ANY_ACTION"}),
        ("The police arrested five men in Vadodara.", {"ARREST", "ANY_ACTION"}),
        ("The police are likely to impose a curfew in Vadodara.", {"ANY_ACTION"}),
        ("The police did not arrest the rioters in Vadodara.", {"FAIL"}),
    ],
)
def test_police_labels_follow_modality(nlp, text, labels):
    found = set().union(*(police_labels(e) for e in events_of(nlp, text)))
    assert found == labels
