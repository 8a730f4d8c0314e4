"""NER evaluation on CoNLL BIO files and GUM CoNLL-U, over PER, LOC and ORG.

spaCy labels map to PER (PERSON), LOC (GPE, LOC, FAC), ORG (ORG) and MISC (the rest). GUM marks
every mention (named or not) as a full noun phrase with nested mentions; we keep the named ones
(the mention's syntactic head is a proper noun) of types person, place and organization, and a
predicted entity matches a gold mention of the same type when it contains the mention's head
token and lies inside the mention: the head-match criterion used for nested NP mentions (as in
the CoNLL-2012 minimal-span scoring). CoNLL BIO files are scored by exact span, as CoNLL-2003.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError
from dateline.settings import Settings

SCORED = ("PER", "LOC", "ORG")
SPACY_TO_GOLD = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
GUM_TYPES = {"person": "PER", "place": "LOC", "organization": "ORG"}


@dataclass(frozen=True, slots=True)
class GoldMention:
    label: str
    start: int
    end: int
    head: tuple[int, int] | None = None
    """Character span of the head token; None means exact-span matching."""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text: str
    mentions: tuple[GoldMention, ...]


def evaluate_ner(gold: Path, settings: Settings, model_only: bool = False) -> dict[str, Any]:
    from dateline.nlp.pipeline import load_model, make_pipeline

    docs = load_gold(gold)
    nlp = load_model(settings.model) if model_only else make_pipeline(settings)
    started = time.perf_counter()
    parsed = list(nlp.pipe(d.text for d in docs))
    seconds = time.perf_counter() - started
    counts = {label: [0, 0, 0] for label in SCORED}  # true positives, predicted, gold
    for gold_doc, doc in zip(docs, parsed, strict=True):
        predicted = [
            (SPACY_TO_GOLD[e.label_], e.start_char, e.end_char)
            for e in doc.ents
            if e.label_ in SPACY_TO_GOLD
        ]
        _count(gold_doc.mentions, predicted, counts)
    by_type = {label: _prf(*counts[label]) for label in SCORED}
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {
        "task": "ner",
        "documents": len(docs),
        "metrics": {**_prf(*total), "by_type": by_type, "seconds": round(seconds, 2)},
    }


def _count(
    gold: Iterable[GoldMention], predicted: list[tuple[str, int, int]], counts: dict[str, list[int]]
) -> None:
    unmatched = list(gold)
    for label, start, end in predicted:
        counts[label][1] += 1
        for mention in unmatched:
            if mention.label == label and _matches(mention, start, end):
                counts[label][0] += 1
                unmatched.remove(mention)
                break
    for mention in gold:
        counts[mention.label][2] += 1


def _matches(m: GoldMention, start: int, end: int) -> bool:
    if m.head is None:
        return (m.start, m.end) == (start, end)
    return m.start <= start and end <= m.end and start <= m.head[0] and m.head[1] <= end


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# -- gold readers ------------------------------------------------------------------------------
def load_gold(path: Path) -> list[GoldDoc]:
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    docs: list[GoldDoc] = []
    for file in files:
        if file.suffix == ".conllu":
            docs.extend(read_conllu(file))
        elif file.suffix in {".conll", ".bio", ".iob", ".txt"} and file.is_file():
            docs.extend(read_bio(file))
    if not docs:
        raise GoldFormatError(f"{path}: no .conllu or BIO (.conll/.bio) documents found")
    return docs


def read_conllu(path: Path) -> list[GoldDoc]:
    """GUM CoNLL-U: text rebuilt from tokens (SpaceAfter=No), named mentions of scored types."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldFormatError(f"{path}: cannot read ({err})") from err
    pieces: list[str] = []
    offset = 0
    tokens: list[dict[str, Any]] = []  # per sentence: char span, upos, head id, entity field
    mentions: list[GoldMention] = []
    for line in [*lines, ""]:
        if not line.strip():
            mentions.extend(_sentence_mentions(tokens))
            tokens = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise GoldFormatError(f"{path}: a token line without 10 columns: {line[:60]!r}")
        if not cols[0].isdigit():
            continue  # multi-word token ranges and empty nodes
        start = offset
        pieces.append(cols[1])
        offset += len(cols[1])
        misc = cols[9]
        if "SpaceAfter=No" not in misc:
            pieces.append(" ")
            offset += 1
        tokens.append({"id": int(cols[0]), "span": (start, start + len(cols[1])), "upos": cols[3],
                       "head": int(cols[6]) if cols[6].isdigit() else 0, "misc": misc})  # fmt: skip
    return [GoldDoc(path.stem, "".join(pieces), tuple(mentions))]


def _sentence_mentions(tokens: list[dict[str, Any]]) -> list[GoldMention]:
    open_: dict[str, list[tuple[str, int]]] = {}
    spans: list[tuple[str, int, int]] = []
    for index, token in enumerate(tokens):
        entity = next((f[7:] for f in token["misc"].split("|") if f.startswith("Entity=")), "")
        for match in re.finditer(r"\((\d+)-([a-z]+)([^()]*?)(\))?(?=\(|\d+\)|$)|(\d+)\)", entity):
            if match.group(5):
                stack = open_.get(match.group(5))
                if stack:
                    etype, first = stack.pop()
                    spans.append((etype, first, index))
            elif match.group(4):
                spans.append((match.group(2), index, index))
            else:
                open_.setdefault(match.group(1), []).append((match.group(2), index))
    mentions = []
    for etype, first, last in spans:
        label = GUM_TYPES.get(etype)
        if label is None:
            continue
        head = _head_index(tokens, first, last)
        if tokens[head]["upos"] != "PROPN":
            continue
        mentions.append(
            GoldMention(
                label, tokens[first]["span"][0], tokens[last]["span"][1], tokens[head]["span"]
            )
        )
    return mentions


def _head_index(tokens: list[dict[str, Any]], first: int, last: int) -> int:
    """The token of the span whose syntactic head lies outside the span."""
    ids = {tokens[i]["id"] for i in range(first, last + 1)}
    for i in range(first, last + 1):
        if tokens[i]["head"] not in ids:
            return i
    return last


def read_bio(path: Path) -> list[GoldDoc]:
    """CoNLL-style BIO: one token per line, the tag in the last column, blank lines between
    sentences, ``-DOCSTART-`` between documents."""
    docs: list[GoldDoc] = []
    pieces: list[str] = []
    mentions: list[GoldMention] = []
    current: list[Any] | None = None
    offset = 0

    def close() -> None:
        nonlocal current
        if current is not None:
            mentions.append(GoldMention(current[0], current[1], current[2]))
            current = None

    def flush() -> None:
        nonlocal pieces, mentions, offset
        close()
        if pieces:
            docs.append(GoldDoc(f"{path.stem}-{len(docs) + 1}", "".join(pieces), tuple(mentions)))
        pieces, mentions, offset = [], [], 0

    for line in path.read_text("utf-8").splitlines():
        cols = line.split()
        if not cols:
            close()
            continue
        if cols[0] == "-DOCSTART-":
            flush()
            continue
        token, tag = cols[0], cols[-1]
        start = offset
        pieces.append(token + " ")
        offset += len(token) + 1
        label = {"PERSON": "PER"}.get(tag[2:], tag[2:]) if len(tag) > 2 else ""
        if tag.startswith("B-") or (
            tag.startswith("I-") and (current is None or current[0] != label)
        ):
            close()
            current = [label, start, start + len(token)]
        elif tag.startswith("I-") and current is not None:
            current[2] = start + len(token)
        else:
            close()
    flush()
    return [
        GoldDoc(d.name, d.text, tuple(m for m in d.mentions if m.label in SCORED)) for d in docs
    ]
