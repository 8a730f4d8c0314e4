"""An actor as the actors component gathers it: one cluster of mentions per canonical actor,
with what the mentions say of its country, sector and role."""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.extract.gazetteer import KnownActor

ClusterKey = tuple[str, ...]


@dataclass
class Cluster:
    key: ClusterKey
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    found: list[tuple[int, int, str, int, int]] = field(default_factory=list)
    """(start char, end char, how, sentence, start token) of each mention."""

    def first(self) -> int:
        return min(found[0] for found in self.found)

    def starts_before(self, token: int) -> list[int]:
        return [found[4] for found in self.found if found[4] < token]


def known_cluster(known: KnownActor) -> Cluster:
    kind = known.kind
    return Cluster(
        ("known", str(known.key)),
        kind,
        known.name,
        known.country,
        known.sector,
        known.role,
        known.wikidata,
    )
