"""Actors settled in the article's context (``dateline.extract.actor_context``), as pure
functions over records, and in the real pipeline."""

import pytest

import dateline
from dateline.extract.actor_context import settle_actors, story_country
from dateline.records import Actor, Mention, Place

X = "dateline.actors.v1"


def actor(id_, name, kind="person", country=None, sector=None, role=None):
    return Actor(id_, name, kind, country, sector, role, (name,), (), X)


def mention(actor_id, span, text="x", how="name"):
    return Mention(text, span, actor_id, how, 0, X)


def place(span, country):
    return Place("x", span, "x", None, "P", "PPL", country, None, 0.0, 0.0, 0, "exact", 0, X)


def test_a_name_resolved_as_a_place_everywhere_is_no_actor():
    actors = [actor("A1", "Tbilisi"), actor("A2", "Zurab Abashidze", role="envoy")]
    mentions = [mention("A1", (0, 7)), mention("A2", (20, 35))]
    kept, kept_mentions = settle_actors(actors, mentions, [place((0, 7), "GEO")])
    assert [a.name for a in kept] == ["Zurab Abashidze"]
    assert [m.actor for m in kept_mentions] == ["A1"]  # renumbered


def test_a_bare_name_read_as_an_organisation_is_the_person_it_ends_or_starts():
    actors = [
        actor("A1", "Pak Myong-ho"),
        actor("A2", "Pak", kind="organisation"),
        actor("A3", "Pte Dicks", kind="organisation"),
        actor("A4", "James Dicks"),
    ]
    mentions = [mention(a.id, (i * 10, i * 10 + 5)) for i, a in enumerate(actors)]
    kept, kept_mentions = settle_actors(actors, mentions, [])
    assert [a.name for a in kept] == ["Pak Myong-ho", "James Dicks"]
    assert {m.span: m.actor for m in kept_mentions} == {
        (0, 5): "A1",
        (10, 15): "A1",
        (20, 25): "A2",
        (30, 35): "A2",
    }


def test_an_ambiguous_bare_name_stays_apart():
    actors = [
        actor("A1", "Kim Jong-nam"),
        actor("A2", "Kim Han-sol"),
        actor("A3", "Kim", "organisation"),
    ]
    mentions = [mention(a.id, (i * 10, i * 10 + 5)) for i, a in enumerate(actors)]
    assert len(settle_actors(actors, mentions, [])[0]) == 3


def test_actors_without_a_country_take_the_story_country():
    actors = [
        actor("A1", "Richard Bruton"),
        actor("A2", "ASTI", kind="organisation"),
        actor("A3", "soldiers", kind="group", sector="MIL"),  # soldiers travel: not defaulted
        actor("A4", "UNICEF", kind="organisation", country="IGO", sector="IGO"),
        actor("A5", "RTÉ", kind="organisation", sector="JRN"),
    ]
    mentions = [mention(a.id, (i * 10, i * 10 + 5)) for i, a in enumerate(actors)]
    places = [place((100, 105), "IRL"), place((110, 115), "IRL"), place((120, 125), "GBR")]
    kept, _ = settle_actors(actors, mentions, places, outlet="RTÉ")
    assert [(a.name, a.country) for a in kept] == [
        ("Richard Bruton", "IRL"),
        ("ASTI", "IRL"),
        ("soldiers", None),
        ("UNICEF", "IGO"),
        ("RTÉ", "IRL"),
    ]


def test_a_story_split_evenly_has_no_country():
    places = [place((0, 1), "DEU"), place((2, 3), "TUR")]
    assert story_country([], {}, places, None, None) is None
    assert story_country([], {}, places, "DEU", None) == "DEU"  # the outlet breaks the tie
    assert story_country([], {}, places, None, "TUR") == "TUR"  # so does the dateline


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Chicago police said on Sunday that Takiya Holmes, 11, was shot in the head while "
            "sitting in a car in Chicago. Her grandmother Patsy Holmes spoke to reporters in "
            "Chicago, Illinois.",
            "Takiya Holmes",
            "USA",
        ),
    ],
)
def test_the_pipeline_gives_people_the_story_country(nlp, text, name, country):
    result = dateline.analyze(text, source="ABC News")
    found = {a.name: a.country for a in result.actors}
    assert found.get(name) == country
