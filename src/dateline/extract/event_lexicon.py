"""The event lexicon (``data/events.json``) as a typed, read-only object, loaded once.

Users extend it with a JSON file of their own in the same shape (``DATELINE_EVENTS_FILE``):
its entries win over ours, key by key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.errors import DataFileError

TypeMode = tuple[str, str | None]
Coded = tuple[str, str, int, float]
"""The PLOVER type an event is coded as under CAMEO's conventions, its CAMEO code, QuadClass and
Goldstein score."""


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, TypeMode]
    phrasal: dict[str, TypeMode]
    nouns: dict[str, TypeMode]
    light_verbs: frozenset[str]
    happening_verbs: frozenset[str]
    effect_verbs: dict[str, str]
    effect_adjectives: dict[str, str]
    mode_words: dict[str, TypeMode]
    object_types: dict[str, dict[str, str]]
    object_required: frozenset[str]
    request_by_complement: frozenset[str]
    intent_verbs: frozenset[str]
    complement_required: frozenset[str]
    effect_only: frozenset[str]
    object_control_verbs: frozenset[str]
    exercise_words: frozenset[str]
    state_participles: frozenset[str]
    civilian_types: dict[str, TypeMode]
    civilian_sectors: frozenset[str]
    civilian_words: frozenset[str]
    not_with_objects: dict[str, frozenset[str]]
    statement_verbs: frozenset[str]
    qualified_nouns: dict[str, frozenset[str]]
    ending_verbs: frozenset[str]
    ended_types: dict[str, TypeMode]
    co_actor_prepositions: dict[str, frozenset[str]]
    recipient_prepositions: dict[str, frozenset[str]]
    symmetric_types: frozenset[str]
    rank: tuple[str, ...]
    auxiliaries: dict[str, str]
    governors: dict[str, str]
    noun_modifiers: dict[str, str]
    stances: dict[str, str]
    conditional_marks: frozenset[str]
    negations: frozenset[str]
    after_markers: tuple[str, ...]
    pair_nouns: dict[str, str]
    cameo: dict[str, tuple[str, int, float]]
    conventions: dict[str, dict[str, Coded]]
    carrier_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    state_verbs: frozenset[str]
    state_prepositions: frozenset[str]
    state_idioms: frozenset[str]
    party_nouns: frozenset[str]
    state_verbs_of_demand: frozenset[str]
    warning_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    joint_types: dict[str, TypeMode]
    joint_words: frozenset[str]
    decision_cues: frozenset[str]
    local_sectors: frozenset[str]
    effect_causes: frozenset[str]
    possessing_verbs: frozenset[str]
    possessed_types: frozenset[str]
    content_verbs: frozenset[str] = frozenset()
    irregular: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Irregular verb forms ("took" → "take"), from the model's lemmatiser (events component)."""

    def weakest(self, modalities: list[str]) -> str:
        """The modality of least commitment among those found (``rank`` orders them)."""
        if not modalities:
            return "asserted"
        return min(modalities, key=self.rank.index)

    def cameo_of(self, type_: str, mode: str | None) -> tuple[str, int, float]:
        return self.cameo.get(f"{type_}:{mode}") or self.cameo[type_]

    def coded(self, type_: str, mode: str | None, modality: str) -> Coded:
        """How CAMEO codes the event: "will meet" is an intention to meet (AGREE, 036), "will
        not accept" a refusal (REJECT, 127); an asserted event is coded as its own type."""
        convention = self.conventions.get(modality, {}).get(type_)
        if convention is not None:
            return convention
        return (type_, *self.cameo_of(type_, mode))


def _pairs(table: dict[str, Any]) -> dict[str, TypeMode]:
    return {k: (v[0], v[1]) for k, v in table.items() if not k.startswith("_")}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


@cache
def load_event_lexicon(user_file: str | None = None) -> EventLexicon:
    text = resources.files("dateline.data").joinpath("events.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    if user_file:
        try:
            data = _merge(data, json.loads(Path(user_file).read_text("utf-8")))
        except (OSError, ValueError) as err:
            raise DataFileError(f"{user_file}: cannot read the event lexicon ({err})") from err
    modality = data["modality"]
    return EventLexicon(
        verbs=_pairs(data["verbs"]),
        phrasal=_pairs(data["phrasal"]),
        nouns=_pairs(data["nouns"]),
        light_verbs=frozenset(data["light_verbs"]),
        happening_verbs=frozenset(data["happening_verbs"]),
        effect_verbs=dict(data["effect_verbs"]),
        effect_adjectives=dict(data["effect_adjectives"]),
        mode_words=_pairs(data["mode_words"]),
        object_types={k: v for k, v in data["object_types"].items() if not k.startswith("_")},
        object_required=frozenset(data["object_required"]),
        request_by_complement=frozenset(data["request_by_complement"]),
        intent_verbs=frozenset(data["intent_verbs"]),
        complement_required=frozenset(data["complement_required"]),
        effect_only=frozenset(data["effect_only"]["verbs"]),
        object_control_verbs=frozenset(data["object_control_verbs"]),
        exercise_words=frozenset(data["exercise_words"]["words"]),
        state_participles=frozenset(data["state_participles"]["words"]),
        civilian_types=_pairs(data["civilian_types"]["types"]),
        civilian_sectors=frozenset(data["civilian_types"]["sectors"]),
        civilian_words=frozenset(data["civilian_types"]["words"]),
        not_with_objects={
            k: frozenset(v) for k, v in data["not_with_objects"].items() if not k.startswith("_")
        },
        statement_verbs=frozenset(data["statement_verbs"]["verbs"]),
        qualified_nouns={
            k: frozenset(v) for k, v in data["qualified_nouns"].items() if not k.startswith("_")
        },
        ending_verbs=frozenset(data["ending_verbs"]["verbs"]),
        ended_types=_pairs(data["ending_verbs"]["types"]),
        co_actor_prepositions={k: frozenset(v) for k, v in data["co_actor_prepositions"].items()},
        recipient_prepositions={k: frozenset(v) for k, v in data["recipient_prepositions"].items()},
        symmetric_types=frozenset(data["symmetric_types"]),
        rank=tuple(modality["rank"]),
        auxiliaries=dict(modality["auxiliaries"]),
        governors=dict(modality["governors"]),
        noun_modifiers=dict(modality["noun_modifiers"]),
        stances=dict(modality["stances"]),
        conditional_marks=frozenset(modality["conditional_marks"]),
        negations=frozenset(modality["negations"]),
        after_markers=tuple(data["after_markers"]),
        pair_nouns=dict(data["pair_nouns"]),
        cameo={
            k: (v[0], int(v[1]), float(v[2]))
            for k, v in data["cameo"].items()
            if not k.startswith("_")
        },
        carrier_nouns=frozenset(data["carrier_nouns"]["words"]),
        measure_nouns=frozenset(data["measure_nouns"]["words"]),
        state_verbs=frozenset(data["state_prepositions"]["verbs"]),
        state_prepositions=frozenset(data["state_prepositions"]["prepositions"]),
        state_idioms=frozenset(data["state_prepositions"].get("idioms", ())),
        party_nouns=frozenset(data["demand_parties"]["nouns"]),
        state_verbs_of_demand=frozenset(data["demand_parties"]["state_verbs"]),
        warning_verbs=frozenset(data["warning_verbs"]["verbs"]),
        future_auxiliaries=frozenset(data["warning_verbs"]["future"]),
        joint_types=_pairs(data["joint_types"]["types"]),
        joint_words=frozenset(data["joint_types"]["words"]),
        decision_cues=frozenset(data["decision_cues"]["cues"]),
        local_sectors=frozenset(data["local_sectors"]["sectors"]),
        effect_causes=frozenset(data["effect_causes"]["words"]),
        possessing_verbs=frozenset(data["possessed_nouns"]["verbs"]),
        possessed_types=frozenset(data["possessed_nouns"]["types"]),
        content_verbs=frozenset(data["content_verbs"]["verbs"]),
        conventions={
            modality: {k: (v[0], v[1], int(v[2]), float(v[3])) for k, v in table.items()}
            for modality, table in data["conventions"].items()
            if not modality.startswith("_")
        },
    )
