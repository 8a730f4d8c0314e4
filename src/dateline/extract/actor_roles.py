"""A person's role read from the apposition after the name: "Ismail Kawasi, a public health
ministry spokesman", "Hu Bin, an analyst at Founder CIFCO Futures".

News introduces most people once, with the role in a title before the name ("Kremlin Spokesman
Dmitry Peskov") or in an apposition after it; the actors component reads the title, and
``appositive_role`` the apposition (an appositive noun phrase attached to the name's head,
Quirk et al. 1985, 17.65). A role of leadership or speech "of", "at" or "for" an organisation
("president of the Hispanic National Bar Association", "spokesman for the ministry") takes the
organisation's sector where its name tells it: the person speaks for the organisation.
"""

from __future__ import annotations

from spacy.tokens import Span

from dateline.extract.gazetteer import Gazetteer
from dateline.extract.syntax import org_sector, span_entities

# Roles whose sector is the organisation's: who heads or speaks for it.
ORGANISATION_ROLES = frozenset(
    {"president", "chairman", "head", "director", "chief", "spokesman", "spokeswoman",
     "spokesperson", "leader", "executive", "ceo", "founder", "official", "member"}
)  # fmt: skip
_LINKS = frozenset({"of", "at", "for", "with", "from"})


def appositive(name: Span) -> Span | None:
    """The apposition right after a name ("Jiang Zhimin, president of the CNCA, ...")."""
    root = name.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= name.end:
            start = child.left_edge.i
            if start < name.end:
                start = name.end
            while start < child.i and name.doc[start].is_punct:
                start += 1
            return name.doc[start : child.right_edge.i + 1]
    return None


def organisation_of(role: Span, gaz: Gazetteer) -> tuple[str | None, str | None] | None:
    """The (country, sector) of the organisation a role is "of", "at" or "for", where known."""
    head = role.root
    if head.lower_ not in ORGANISATION_ROLES:
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _LINKS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            words = role.doc[obj.left_edge.i : obj.i + 1]
            known = gaz.known(words.text) or next(
                (gaz.known(e.text) for e in span_entities(words) if gaz.known(e.text)), None
            )
            if known is not None:
                return known.country, known.sector
            sector = org_sector(words.text.lower(), gaz)
            if sector is not None:
                return None, sector
    return None
