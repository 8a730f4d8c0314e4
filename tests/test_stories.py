"""Stories and incidents as pure functions: figures, statuses, syndication, order, false merges."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dateline.evaluate.coref_metrics import b_cubed, ceaf_e, conll, muc
from dateline.stories.cluster import StoryArticle, cluster_stories, split_thread
from dateline.stories.fields import compatible
from dateline.stories.incidents import merge_incidents
from dateline.stories.model import EventReport, FieldValue, Figure, Party
from dateline.stories.terms import article_terms

DAY = dt.date(2024, 3, 5)


def value(v: float, qualifier: str = "exact", day: dt.date = DAY, source: str = "A") -> FieldValue:
    return FieldValue(v, source, f"art-{source}-{v}", "E1", day, qualifier=qualifier)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (value(12), value(12), True),
        (value(10), value(12), False),
        (value(10, "lower_bound"), value(12), True),  # "at least 10" and "12"
        (value(15, "lower_bound"), value(12), False),
        (value(30, "approximate"), value(32), True),  # "about 30" and "32"
        (value(30, "approximate"), value(40), False),
        (value(20, "upper_bound"), value(12), True),  # "up to 20" and "12"
        (value(10, "lower_bound"), value(20, "upper_bound"), True),
    ],
)
def test_compatible_figures(a, b, expected):
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


def report(article: str, source: str, published: dt.date = DAY, **changes) -> EventReport:
    fields = {
        "article_id": article, "event_id": "E1", "type": "ASSAULT", "article_day": published,
        "source": source, "wire": source, "url": f"https://{source.lower()}.example/{article}",
        "story": "S1", "place": "Kabul", "place_country": "AFG", "latitude": 34.53,
        "longitude": 69.17, "actors": (Party("Taliban", "AFG"),), "trigger": "bombing",
        "lemma": "bomb",
    }  # fmt: skip
    fields.update(changes)
    return EventReport(**fields)


def killed(n: float, qualifier: str = "exact", per: str | None = None) -> tuple[Figure, ...]:
    return (Figure("killed", n, qualifier, f"{n:g} killed", per),)


def table(incident, name):
    return next(t for t in incident.fields if t.field == name)


def test_reports_of_one_bombing_merge_and_their_tolls_agree():
    reports = [
        report("a1", "Reuters", figures=killed(10, "lower_bound", "police")),
        report("a2", "AP", figures=killed(12, per="officials")),
    ]
    (incident,) = merge_incidents(reports)
    assert incident.num_sources == 2
    assert incident.num_articles == 2
    toll = table(incident, "killed")
    assert toll.status == "agree"
    assert (toll.low, toll.best, toll.high) == (10, 12, 12)
    assert {v.attributed_to for v in toll.values} == {"police", "officials"}
    assert "same place" in incident.evidence
    assert "same day" in incident.evidence


def test_a_toll_revised_upwards_is_evolving_and_two_tolls_on_one_day_conflict():
    later = DAY + dt.timedelta(days=1)
    evolving = merge_incidents([
        report("a1", "Reuters", figures=killed(10)),
        # a day later, of the same day's bombing: the toll has risen
        report("a2", "AP", published=later, day="2024-03-05", figures=killed(14)),
    ])  # fmt: skip
    assert len(evolving) == 1
    assert table(evolving[0], "killed").status == "evolving"
    assert table(evolving[0], "killed").best == 14
    conflicting = merge_incidents([
        report("a1", "TASS", figures=killed(36, per="Ankara")),
        report("a2", "Al Jazeera", figures=killed(33, per="Turkish officials")),
    ])  # fmt: skip
    (incident,) = conflicting
    assert table(incident, "killed").status == "conflicting"
    assert incident.disputed
    by_source = {v.source: (v.value, v.attributed_to) for v in table(incident, "killed").values}
    assert by_source == {"TASS": (36, "Ankara"), "Al Jazeera": (33, "Turkish officials")}


def test_a_denial_in_one_outlet_conflicts_with_the_assertion_in_another():
    (incident,) = merge_incidents([
        report("a1", "Reuters"),
        report("a2", "TASS", modality="denied", attribution="Russia"),
    ])  # fmt: skip
    modality = table(incident, "modality")
    assert modality.status == "conflicting"
    assert {v.value for v in modality.values} == {"asserted", "denied"}


def test_syndicated_copies_count_once_as_a_source_and_keep_every_url():
    reports = [
        report("a1", "Yahoo News", wire="W-ap"),
        report("a2", "ABC News", wire="W-ap"),
        report("a3", "Reuters", wire="W-reuters"),
    ]
    (incident,) = merge_incidents(reports)
    assert incident.num_articles == 3
    assert incident.num_sources == 2
    assert len(incident.urls) == 3
    single = merge_incidents(reports[:2])[0]
    assert single.num_sources == 1
    assert all(t.status == "single_source" for t in single.fields)


def test_two_bombings_on_one_day_in_two_cities_stay_two_incidents():
    kandahar = {"place": "Kandahar", "latitude": 31.61, "longitude": 65.71}
    reports = [
        report("a1", "Reuters"),
        report("a2", "AP", **kandahar),
        # a third report, placed nowhere, resembles both: it may join one, never bridge them
        report("a3", "AFP", place=None, place_country=None, latitude=None, longitude=None),
    ]
    incidents = merge_incidents(reports)
    places = sorted(i.place for i in incidents if i.place)
    assert places == ["Kabul", "Kandahar"]
    assert sum(i.num_mentions for i in incidents) == 3


def test_a_shared_type_and_story_alone_do_not_merge():
    bare = {"place": None, "place_country": None, "latitude": None, "longitude": None,
            "actors": (), "lemma": None}  # fmt: skip
    incidents = merge_incidents([report("a1", "Reuters", **bare),
                                 report("a2", "AP", published=DAY + dt.timedelta(days=1), **bare)])  # fmt: skip
    assert len(incidents) == 2


def test_merging_does_not_depend_on_the_order_of_the_reports():
    rng = random.Random(7)
    reports = [
        report(f"a{i}", rng.choice(["Reuters", "AP", "AFP"]), figures=killed(10 + i % 3),
               place=rng.choice(["Kabul", "Herat"]), latitude=None, longitude=None)
        for i in range(30)
    ]  # fmt: skip
    expected = merge_incidents(reports)
    for _ in range(5):
        rng.shuffle(reports)
        assert merge_incidents(reports) == expected


WIRES = [
    (
        "Earthquake kills dozens in Sumatra",
        "A magnitude 7.6 earthquake struck Padang in "
        "Sumatra, Indonesia, killing dozens and trapping many under collapsed buildings.",
    ),
    (
        "Sumatra earthquake toll rises",
        "Rescuers in Padang searched collapsed buildings after "
        "the magnitude 7.6 earthquake in Sumatra, Indonesia, killed dozens.",
    ),
    (
        "Parliament passes budget in Berlin",
        "German lawmakers in the Bundestag passed the "
        "federal budget for next year after a long debate over defence spending.",
    ),
    (
        "Bundestag approves German budget",
        "The Bundestag in Berlin approved the federal budget, "
        "with German lawmakers raising defence spending after a long debate.",
    ),
]


def articles(days: list[dt.date | None]) -> list[StoryArticle]:
    return [StoryArticle(f"id{i}", day, f"outlet{i}", title, article_terms(title, body))
            for i, ((title, body), day) in enumerate(zip(WIRES, days, strict=True))]  # fmt: skip


def test_articles_of_one_topic_form_one_story_in_any_order():
    found = articles([DAY] * 4)
    stories, _ = cluster_stories(found)
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == [["id0", "id1"], ["id2", "id3"]]
    for seed in range(5):
        shuffled = list(found)
        random.Random(seed).shuffle(shuffled)
        assert cluster_stories(shuffled)[0] == stories


def test_articles_too_far_apart_in_time_are_two_stories():
    far = articles([DAY, DAY + dt.timedelta(days=30), DAY, None])
    stories, _ = cluster_stories(far)
    assert ["id0"] in [list(s.articles) for s in stories]
    assert sorted(next(s.articles for s in stories if "id2" in s.articles)) == ["id2", "id3"]


def test_a_thread_of_5000_articles_is_split_in_reasonable_time():
    import time

    base = article_terms(*WIRES[0])
    many = [StoryArticle(f"x{i:05}", DAY, "wire", "quake", {**base, f"n{i}": 0.05})
            for i in range(5000)]  # fmt: skip
    started = time.perf_counter()
    parts = split_thread(many)
    assert time.perf_counter() - started < 60
    assert sum(len(p) for p in parts) == 5000


# -- the metrics, on the examples of the reference scorer's documentation ----------------------
KEY = [frozenset("abc"), frozenset("de"), frozenset("f")]
RESPONSE = [frozenset("ab"), frozenset("cde"), frozenset("fg")]


def test_muc_b_cubed_and_ceaf_e_by_hand():
    # MUC recall: key {a,b,c} is cut in 2 (1 link of 2), {d,e} whole (1 of 1): 2/3.
    # precision: {a,b} 1/1, {c,d,e} cut in 2: 1/2, {f,g} cut in 2 (g missing): 0/1 -> 2/4.
    assert muc(KEY, RESPONSE) == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    # B3 recall: ((4 + 1)/3 + 4/2 + 1/1) / 6; precision: (4/2 + (1 + 4)/3 + 1/2) / 7
    assert b_cubed(KEY, RESPONSE)["recall"] == 0.7778
    assert b_cubed(KEY, RESPONSE)["precision"] == round((2 + 5 / 3 + 0.5) / 7, 4)
    # CEAF-e: best alignment abc-ab (0.8), de-cde (0.8), f-fg (0.6667): 2.2667 / 3 both ways
    assert ceaf_e(KEY, RESPONSE) == {"precision": 0.7556, "recall": 0.7556, "f1": 0.7556}
    perfect = conll(KEY, KEY)
    assert perfect["conll_f1"] == 1.0


def test_a_denial_is_linked_to_the_claim_it_answers_in_another_article():
    from dateline.stories.claims import Statement, link_denials

    claim = Statement(
        "a1",
        "Q1",
        "S1",
        "claims",
        "Russian jets bombed the hospital in Idlib on Tuesday",
        "Syrian activists",
    )
    denial = Statement(
        "a2",
        "Q3",
        "S1",
        "denies",
        "that Russian jets bombed a hospital in Idlib",
        "Russian Defence Ministry",
    )
    retold = Statement(
        "a3", "Q1", "S1", "asserts", "that Russian jets bombed a hospital in Idlib", "Reuters"
    )
    own = Statement(
        "a4",
        "Q2",
        "S1",
        "claims",
        "Russian jets never bombed any hospital in Idlib",
        "Russian Defence Ministry",
    )
    elsewhere = Statement(
        "a5",
        "Q1",
        "S2",
        "claims",
        "Russian jets bombed the hospital in Idlib on Tuesday",
        "Activists",
    )
    unrelated = Statement(
        "a6", "Q1", "S1", "asserts", "The grain corridor will reopen next week", "Turkish officials"
    )
    statements = [claim, denial, retold, own, elsewhere, unrelated]
    links = link_denials(statements)
    assert [(k.denial.article_id, k.claim.article_id) for k in links] == [("a2", "a1")]
    assert {"bombed", "hospital", "idlib"} <= set(links[0].shared)
    assert link_denials(list(reversed(statements))) == links
