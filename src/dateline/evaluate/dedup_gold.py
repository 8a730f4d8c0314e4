"""ECB+ (Cybulska & Vossen 2014) for ``dateline eval dedup``: documents, event mentions, chains.

A folder of ``<topic>/<topic>_<n>ecb.xml`` (sub-topic 1) and ``..._<n>ecbplus.xml`` (sub-topic 2)
files: tokens with ``t_id``, ``sentence`` and ``number``; ``Markables`` whose ``ACTION_*`` and
``NEG_ACTION_*`` entries anchored on tokens are event mentions; ``Relations`` whose
``CROSS_DOC_COREF`` entries tie source mentions to an instance (``note`` is the chain id) and
whose ``INTRA_DOC_COREF`` entries tie mentions within one document. As in the usual evaluation
(Cybulska & Vossen 2015; Barhom et al. 2019), only mentions in the sentences that the authors
validated (``ECBplus_coreference_sentences.csv``, beside the folder) are scored, and a mention
in no chain is a singleton.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from dateline.errors import GoldFormatError

EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")


@dataclass(frozen=True)
class Token:
    t_id: str
    sentence: int
    text: str


@dataclass(frozen=True)
class GoldMention:
    id: str  # document name and m_id
    doc: str
    tokens: tuple[str, ...]  # t_ids
    text: str
    sentence: int
    chain: str


@dataclass(frozen=True)
class GoldDocument:
    name: str  # "1_10ecbplus"
    topic: str  # "1"
    subtopic: str  # "1_ecbplus"
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return text_of(self.tokens)


def text_of(tokens: tuple[Token, ...]) -> str:
    """The document as plain text: sentences on lines, tokens joined by spaces."""
    lines: dict[int, list[str]] = {}
    for token in tokens:
        lines.setdefault(token.sentence, []).append(token.text)
    return "\n".join(" ".join(words) for _, words in sorted(lines.items()))


@dataclass(frozen=True)
class DedupGold:
    documents: tuple[GoldDocument, ...]
    mentions: tuple[GoldMention, ...]  # validated sentences only


def load_ecbplus(folder: Path) -> DedupGold:
    if not folder.is_dir():
        raise GoldFormatError(f"{folder}: no such folder of ECB+ topics")
    validated = _validated_sentences(folder.parent / SENTENCES_CSV)
    documents: list[GoldDocument] = []
    mentions: list[GoldMention] = []
    files = sorted(folder.glob("*/*.xml"), key=lambda p: _order(p.name))
    if not files:
        raise GoldFormatError(f"{folder}: no <topic>/<topic>_<n>ecb[plus].xml files in it")
    for path in files:
        doc, found = _read_document(path)
        documents.append(doc)
        keep = validated.get(doc.name)
        mentions.extend(m for m in found if keep is None or m.sentence in keep)
    return DedupGold(tuple(documents), tuple(mentions))


def _order(name: str) -> tuple[int, int, int]:
    match = _NAME.match(name)
    if not match:
        return (10**9, 0, 0)
    return (int(match[1]), int(match[3] == "ecbplus"), int(match[2]))


def _validated_sentences(path: Path) -> dict[str, set[int]]:
    """Document name -> validated sentence numbers; empty when the CSV is absent (all kept)."""
    if not path.is_file():
        return {}
    out: dict[str, set[int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                out.setdefault(f"{row['Topic']}_{row['File']}", set()).add(
                    int(row["Sentence Number"])
                )
            except (KeyError, ValueError) as err:
                raise GoldFormatError(f"{path}: unexpected row {row} ({err})") from err
    return out


def _read_document(path: Path) -> tuple[GoldDocument, list[GoldMention]]:
    match = _NAME.match(path.name)
    if not match:
        raise GoldFormatError(f"{path}: not an ECB+ file name (<topic>_<n>ecb[plus].xml)")
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as err:
        raise GoldFormatError(f"{path}: not well-formed XML ({err})") from err
    name = path.name.removesuffix(".xml")
    tokens = tuple(
        Token(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "")
        for t in root.iter("token")
    )
    by_id = {t.t_id: t for t in tokens}
    anchored: dict[str, tuple[str, ...]] = {}
    instances: dict[str, str] = {}
    for markable in root.find("Markables") or []:
        m_id = markable.get("m_id", "")
        anchors = tuple(a.get("t_id", "") for a in markable.iter("token_anchor"))
        if anchors and markable.tag.startswith(EVENT_TAGS):
            anchored[m_id] = anchors
        elif not anchors and markable.get("instance_id"):
            instances[m_id] = markable.get("instance_id", "")
    chains: dict[str, str] = {}
    for relation in root.find("Relations") or []:
        target = relation.find("target")
        target_id = target.get("m_id", "") if target is not None else ""
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note") or instances.get(target_id, "")
        elif relation.tag == "INTRA_DOC_COREF":
            chain = instances.get(target_id) or f"{name}/intra/{relation.get('r_id')}"
        else:
            continue
        for source in relation.iter("source"):
            chains.setdefault(source.get("m_id", ""), chain)
    mentions = []
    for m_id, anchors in anchored.items():
        words = [by_id[t] for t in anchors if t in by_id]
        if not words:
            continue
        mentions.append(
            GoldMention(
                id=f"{name}/{m_id}",
                doc=name,
                tokens=anchors,
                text=" ".join(w.text for w in words),
                sentence=words[0].sentence,
                chain=chains.get(m_id, f"{name}/singleton/{m_id}"),
            )
        )
    subtopic = f"{match[1]}_{match[3]}"
    return GoldDocument(name, match[1], subtopic, tokens), mentions
