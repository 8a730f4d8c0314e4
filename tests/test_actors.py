import pytest

import dateline

# The "Actors" table of ../shared/spec/seed-facts.md: canonical name, a surface form that must be
# linked to it, country and sector.
SEED_ACTORS = [
    ("Vladimir Putin", "Russian President Vladimir Putin", "RUS", "GOV"),
    ("Vladimir Putin", "President Putin", "RUS", "GOV"),
    ("Vladimir Putin", "the Russian president", "RUS", "GOV"),
    ("Recep Tayyip Erdogan", "The Turkish president", "TUR", "GOV"),
    ("Recep Tayyip Erdogan", "Erdogan", "TUR", "GOV"),
    ("Dmitry Peskov", "Kremlin Spokesman Dmitry Peskov", "RUS", "GOV"),
    ("Dmitry Peskov", "The Kremlin spokesman", "RUS", "GOV"),
    ("Dmitry Peskov", "Peskov", "RUS", "GOV"),
    ("Dmitry Peskov", "he", "RUS", "GOV"),
    ("the Kremlin", "Kremlin", "RUS", "GOV"),
    ("Russian government", "Moscow", "RUS", "GOV"),
    ("Turkish government", "Ankara", "TUR", "GOV"),
    ("Syrian government", "Damascus", "SYR", "GOV"),
    (
        "Russian Center for Reconciliation of the Opposing Parties",
        "Russian Center for Reconciliation of the Opposing Parties",
        "RUS",
        "MIL",
    ),
    ("Russian Defense Ministry", "Russian Defense Ministry", "RUS", "MIL"),
    ("Syrian troops", "Syrian government forces", "SYR", "MIL"),
    ("Turkey’s Air Force", "Turkish soldiers", "TUR", "MIL"),
    ("terrorist groups", "militants", "SYR", "REB"),
    ("UN Security Council", "UN Security Council", "IGO", "IGO"),
    ("European Union", "EU", "IGO", "IGO"),
    ("United States", "US", "USA", None),
    ("Sabah", "Sabah daily", "TUR", "JRN"),
    ("Turkish media", "Turkish media", "TUR", "JRN"),
    ("TASS", "TASS", "RUS", "JRN"),
]


@pytest.mark.parametrize(("name", "surface", "country", "sector"), SEED_ACTORS)
def test_seed_actors(seed_analysis, name, surface, country, sector):
    actor = next((a for a in seed_analysis.actors if a.name == name), None)
    assert actor is not None, [a.name for a in seed_analysis.actors]
    assert (actor.country, actor.sector) == (country, sector)
    assert surface in actor.aliases
    text = seed_analysis.article.text
    for mention in seed_analysis.mentions:
        assert text[slice(*mention.span)] == mention.text
    linked = [m for m in seed_analysis.mentions if m.actor == actor.id and m.text == surface]
    assert linked


def test_seed_article_fields(seed_analysis):
    a = seed_analysis.article
    assert a.title.startswith("Putin, Erdogan meet in Moscow")
    assert a.lead.startswith("Kremlin Spokesman Dmitry Peskov earlier stressed")
    assert a.lead_in_body
    d = a.dateline
    assert (d.place, d.date.isoformat(), d.agency) == ("Moscow", "2020-03-04", "TASS")


def test_cities_used_as_places_are_not_actors(seed_analysis):
    linked = {m.text for m in seed_analysis.mentions}
    places = [m for m in seed_analysis.mentions if m.text == "Moscow"]
    # "Moscow was committed" and similar are agents; "meet in Moscow", "talks in Moscow" are not.
    assert all(m.how == "metonymy" for m in places)
    assert len(places) == 2
    assert "Idlib" not in linked


CASES = [
    # (text, surface form, expected (name, country, sector, kind)); None means: not an actor
    (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.",
        "German Chancellor Olaf Scholz",
        ("Olaf Scholz", "DEU", "GOV", "person"),
    ),
    (
        "Russia's Ambassador to NATO Alexander Grushko said the alliance was expanding.",
        "Alexander Grushko",
        ("Alexander Grushko", "RUS", "GOV", "person"),
    ),
    (
        "The Pentagon said US troops had left the base. Iraqi forces took control.",
        "Iraqi forces",
        ("Iraqi forces", "IRQ", "MIL", "group"),
    ),
    (
        "The Pentagon said US troops had left the base.",
        "Pentagon",
        ("Pentagon", "USA", "MIL", "organisation"),
    ),
    (
        "Beijing accused Washington of interfering in its affairs.",
        "Beijing",
        ("Chinese government", "CHN", "GOV", "government"),
    ),
    (
        "Tehran rejected the proposal on Sunday.",
        "Tehran",
        ("Iranian government", "IRN", "GOV", "government"),
    ),
    ("Thousands of tourists visited Paris last year.", "Paris", None),
    ("The talks were held in Ankara on Friday.", "Ankara", None),
    (
        "Police arrested six protesters in Nairobi, Kenyan police said.",
        "Kenyan police",
        ("Kenyan police", "KEN", "COP", "group"),
    ),
    (
        "NATO Secretary General Jens Stoltenberg called on Moscow to withdraw.",
        "Jens Stoltenberg",
        ("Jens Stoltenberg", "IGO", "GOV", "person"),
    ),
]


@pytest.mark.parametrize(("text", "surface", "expected"), CASES)
def test_actor_table(nlp, text, surface, expected):
    # A second sentence makes the text long enough to be read as an article.
    analysis = dateline.analyze(
        text + " Officials gave no further details on the matter.", published="2024-01-01"
    )
    by_id = {a.id: a for a in analysis.actors}
    hits = [m for m in analysis.mentions if surface in m.text]
    if expected is None:
        assert not hits, hits
        return
    assert hits, [m.text for m in analysis.mentions]
    actor = by_id[hits[0].actor]
    assert (actor.name, actor.country, actor.sector, actor.kind) == expected


def test_name_variants_merge_and_pronoun_links(nlp):
    text = (
        "Ministers meet\n"
        "ANKARA (Reuters) - Turkish Foreign Minister Hakan Fidan met his Greek counterpart "
        "Giorgos Gerapetritis on Tuesday. Fidan said the talks were useful. "
        "He added that a new round would follow."
    )
    analysis = dateline.analyze(text)
    fidan = next(a for a in analysis.actors if a.name == "Hakan Fidan")
    assert {"Fidan", "He"} <= set(fidan.aliases)
    gerapetritis = next(a for a in analysis.actors if a.name == "Giorgos Gerapetritis")
    assert (gerapetritis.country, gerapetritis.role) == ("GRC", "foreign minister")
    assert next(a for a in analysis.actors if a.name == "Reuters").sector == "JRN"


def test_user_actors_file_extends_the_gazetteer(tmp_path):
    from dateline.extract.gazetteer import load_gazetteer

    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"name": "Wagner Group", "aliases": ["Wagner"], "country": "RUS", "sector": "UAF", "kind": "group"}\n'
    )
    gaz = load_gazetteer(path)
    assert gaz.known("Wagner").country == "RUS"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"aliases": []}\n')
    from dateline.errors import DataFileError

    with pytest.raises(DataFileError, match=r"bad\.jsonl:1"):
        load_gazetteer(bad)
