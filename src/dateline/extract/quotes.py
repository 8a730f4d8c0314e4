"""Quotes, claims and denials: who said, claimed, denied or believed what, with spans.

``find_quotes(doc, lexicon)`` is the pure function; the ``dateline.quotes.v1`` component stores
its result on ``doc._.quotes``. It runs after actors and dates: speakers are the actors of the
article ("he" already linked to Peskov by the actors component) and ``said_on`` is a date of the
dates component. The rules, over the dependency parse:

- a reporting verb of ``data/cues.json`` (say, tell, stress, claim, deny, believe, seek...) with
  a subject is a cue; its content is its clausal complement ("stressed that ..."), or the
  quotation next to it ("'...,' he said": direct), or for a denial its claim-noun object
  ("dismissed allegations from Turkey ... about ..."); content that holds a quotation is mixed;
- "according to X" attributes the clause it modifies to X; "as X claims" likewise (a claim);
- a cue under "refrain from", "decline to", a negation, or an impersonal "it is expected that" is
  no statement of anyone; a lead that repeats the body is not read twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dateline.extract.quote_records import (
    EXTRACTOR,
    CueLexicon,
    Found,
    build_quotes,
    load_cues,
    without_nested,
)
from dateline.extract.quote_spans import (
    MAX_QUOTE_PARTS,
    adjacent_quote,
    continuation,
    unquoted_end,
    unquoted_start,
)
from dateline.extract.quotemarks import inside, quote_regions
from dateline.extract.syntax import doc_text, sentence_index
from dateline.records import DateMention, Mention, Quote

FACTORY = EXTRACTOR.replace(".", "_")


# After a quotation, the words that make it someone else's: "..., Y said", "... ― Maria Lopez".
def find_quotes(
    doc: Doc,
    lexicon: CueLexicon,
    mentions: Iterable[Mention] = (),
    dates: Iterable[DateMention] = (),
    skip: Iterable[tuple[int, int]] = (),
) -> list[Quote]:
    """The attributions of a parsed article, in text order."""
    text = doc_text(doc)
    regions = quote_regions(text)
    skipped = [range(s, e) for s, e in skip]
    mention_list = sorted(mentions, key=lambda m: m.span)
    found: list[Found] = []
    used_regions: set[tuple[int, int]] = set()
    for token in doc:
        if any(token.idx in r for r in skipped) or inside(token.idx, token.idx + 1, regions):
            continue
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            item = _according_to(token)
        elif token.lemma_.lower() in lexicon.verbs and token.pos_ in {"VERB", "AUX"}:
            item = _from_cue(token, lexicon, regions, mention_list, used_regions, skipped)
        else:
            item = None
        if item is not None and item.content:
            found.append(item)
    found += _dash_attributions(doc, text, regions, used_regions)
    sentence_of = sentence_index(doc)
    for item in found:
        item.content = clipped(item.content, skipped, text)
        if item.source is not None:
            cut = clipped([(item.source.start_char, item.source.end_char)], skipped, text)
            item.source = doc.char_span(*cut[0], alignment_mode="expand") if cut else None
    found = [item for item in found if item.content]
    quotes = build_quotes(doc, text, found, mention_list, list(dates), sentence_of, lexicon)
    return without_nested(quotes)


def clipped(spans: list[tuple[int, int]], skipped: list[range], text: str) -> list[tuple[int, int]]:
    """Spans with the headline and dateline cut off: a parse that runs into them (the first
    sentence of a story often does) must not make them part of a source or a content."""
    out = []
    for start, end in spans:
        start = max(start, text.rfind("\n", 0, end) + 1)
        for r in skipped:
            if r.start < end and start < r.stop:
                start = max(start, r.stop)
        while start < end and text[start] in " -—–:,":
            start += 1
        if start < end:
            out.append((start, end))
    return out


# -- cues -----------------------------------------------------------------------------------------
def _from_cue(
    cue: Token,
    lexicon: CueLexicon,
    regions: list[tuple[int, int]],
    mentions: list[Mention],
    used: set[tuple[int, int]],
    skipped: list[range],
) -> Found | None:
    stance, kind = lexicon.verbs[cue.lemma_.lower()]
    if _cancelled(cue, lexicon, regions):
        return None
    subject = _subject(cue)
    if subject is None or inside(subject.start_char, subject.end_char, regions):
        # "“... Full panic mode,” said Leslie Wimes": the parse took quoted words for the
        # subject; the speaker stands after the cue.
        subject = _inverted_subject(cue, regions)
    if subject is None:
        return None
    marks = [c for c in cue.children if c.dep_ == "mark" and c.lower_ == "as"]
    if marks:  # "which, as Ankara claims, killed 36 Turkish soldiers"
        phrase = cue.doc[min(marks[0].i, subject.start) : max(cue.i, subject.end - 1) + 1]
        content = _clause_without(cue.head, phrase)
        return Found(
            "claim" if stance == "claims" else "according_to",
            _phrase_of(cue),
            stance,
            subject,
            content,
        )
    if kind == "denial":
        denial = _denial(cue, lexicon, subject, mentions)
        if denial is not None:
            return denial
    direct = adjacent_quote(cue, regions, used, skipped, subject)
    complement = _complement(cue, kind)
    preposed = complement is not None and complement.end_char <= cue.idx
    quoted = complement is not None and (
        inside(complement.start_char, complement.end_char, regions)
        or complement.root.dep_ == "xcomp"  # an infinitive gives way to a quotation beside it
    )
    if direct is not None and (
        complement is None or preposed or quoted or _overlaps(complement, direct)
    ):  # "“Now that ...,” he told the host, “it was ...”": the quoted complement is its second half
        used.add(direct)
        content = [
            (unquoted_start(doc_text(cue.doc), direct), unquoted_end(doc_text(cue.doc), direct))
        ]
        following = continuation(cue, direct, regions, used)
        while following is not None and len(content) < MAX_QUOTE_PARTS:
            # "“Every time,” Tester said, referring to ..., “you give ...”", and the quotation
            # paragraphs that follow with no cue of their own
            used.add(following)
            content.append(
                (
                    unquoted_start(doc_text(cue.doc), following),
                    unquoted_end(doc_text(cue.doc), following),
                )
            )
            following = continuation(cue, following, regions, used)
        return Found("direct", _phrase_of(cue), stance, subject, content)
    if complement is None and cue.lemma_.lower() in lexicon.object_verbs:
        complement = _object(cue)  # "described crass behavior", "called for compensation"
    if complement is None:
        return None
    span = (complement.start_char, complement.end_char)
    holds_quote = any(span[0] <= s and e <= span[1] + 1 for s, e in regions)
    if holds_quote:
        used.update(r for r in regions if span[0] <= r[0] and r[1] <= span[1] + 1)
    return Found("mixed" if holds_quote else kind, _phrase_of(cue), stance, subject, [span])


def _dash_attributions(
    doc: Doc, text: str, regions: list[tuple[int, int]], used: set[tuple[int, int]]
) -> list[Found]:
    """ "“We need jobs.” ― Maria Lopez": a quotation signed with a dash and a name."""
    found = []
    for region in regions:
        if region in used:
            continue
        after = text[region[1] : region[1] + 4]
        stripped = after.lstrip(" ")
        if stripped[:1] not in {"―", "—", "–"}:
            continue
        start = region[1] + len(after) - len(stripped) + 1
        name = doc.char_span(start, min(len(text), start + 60), alignment_mode="expand")
        if name is None:
            continue
        person = _signature(name)
        if person is None:
            continue
        dash = doc.char_span(start - 1, start, alignment_mode="expand")
        content = [(unquoted_start(text, region), unquoted_end(text, region))]
        found.append(Found("direct", dash, "asserts", person, content))
    return found


def _signature(after: Span) -> Span | None:
    """The name that signs a quotation: up to four capitalised words after the dash."""
    words: list[Token] = []
    for token in after:
        if token.is_space:
            continue
        if not (token.is_title or token.is_upper) or not token.is_alpha or len(words) == 4:
            break
        words.append(token)
    if not words:
        return None
    return after.doc[words[0].i : words[-1].i + 1]


def _cancelled(cue: Token, lexicon: CueLexicon, regions: list[tuple[int, int]]) -> bool:
    """ "refrained from specifying", "did not say", "it is expected that": no one's statement.
    A "not" inside the quotation ("“Probably not,” Ms. Moore said") cancels nothing."""
    if any(c.dep_ == "neg" and not inside(c.idx, c.idx + 1, regions) for c in cue.children):
        return True
    head = cue.head
    if cue.dep_ in {"pcomp", "xcomp"} and head.lemma_.lower() in lexicon.cancelling_heads:
        return True
    if cue.dep_ == "pcomp" and head.head.lemma_.lower() in lexicon.cancelling_heads:
        return True
    # "It is expected that Turkey will seek to ...": an expectation that is nobody's statement.
    return cue.lemma_.lower() in {"seek", "plan", "intend"} and cue.dep_ == "ccomp"


def _subject(cue: Token) -> Span | None:
    for child in cue.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ == "it" and child.dep_ in {"nsubj", "nsubjpass"}:
                return None  # "it is expected that ...": impersonal
            if child.lower_ in {"who", "which", "that"} and cue.dep_ == "relcl":
                # "an architect, who said ...": the antecedent through the pronoun, as written
                antecedent = _noun_phrase(cue.head)
                return cue.doc[antecedent.start : max(antecedent.end, child.i + 1)]
            return _noun_phrase(child)
    if cue.dep_ in {"conj"} and cue.head.lemma_ != cue.lemma_:
        return _subject(cue.head)
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.pos_ == "VERB":
        return _subject(cue.head)  # "Trump said, adding that ...": the subject of "said"
    return None


_INVERTED_SUBJECTS = frozenset({"nsubj", "dobj", "attr", "npadvmod", "appos", "nsubjpass", "oprd"})


def _inverted_subject(cue: Token, regions: list[tuple[int, int]]) -> Span | None:
    """The name right after the cue, outside quotation marks ("said Leslie Wimes, a ..."), or
    the words between a quotation and its cue ("“...,” Tulsa police Chief Chuck Jordan said")
    when the parse hung the cue inside the quotation."""
    before = _between_quote_and_cue(cue, regions)
    if before is not None:
        return before
    for child in cue.rights:
        if child.ent_type_ in {"DATE", "TIME"}:
            continue
        named = child.pos_ == "PROPN" and not inside(child.idx, child.idx + 1, regions)
        if named and child.dep_ in _INVERTED_SUBJECTS:
            return _noun_phrase(child)
    return None


def _between_quote_and_cue(cue: Token, regions: list[tuple[int, int]]) -> Span | None:
    text = doc_text(cue.doc)
    ends = [e for s, e in regions if e <= cue.idx and "\n" not in text[e : cue.idx]]
    if not ends:
        return None
    words = cue.doc.char_span(max(ends), cue.idx, alignment_mode="contract")
    if words is None:
        return None
    tokens = [t for t in words if not t.is_punct and not t.is_space]
    if not 1 <= len(tokens) <= 8 or not any(t.pos_ in {"PROPN", "PRON"} for t in tokens):
        return None
    return cue.doc[tokens[0].i : tokens[-1].i + 1]


def _noun_phrase(token: Token) -> Span:
    """The noun phrase a token heads, without relative clauses and trailing appositions."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in {"relcl", "appos", "punct", "acl", "cc", "conj"}:
            break
        right = child.right_edge.i
    return doc[left : right + 1]


def _phrase_of(cue: Token) -> Span:
    """The cue words: the verb with its particles ("pointed out", "told")."""
    doc = cue.doc
    end = cue.i + 1
    for child in cue.rights:
        if child.dep_ == "prt":
            end = child.i + 1
    return doc[cue.i : end]


def _complement(cue: Token, kind: str) -> Span | None:
    """The clause said: the complement, and the verbs coordinated after it that have no subject
    of their own ("stressed that Moscow was committed ..., favored ..., supported ...")."""
    for child in cue.children:
        # "hopes to offset ...", "promising to meet ..."; not one that runs into a quotation of
        # its own ("urges her husband to come out and says, “Don't ...”")
        infinitive = (  # not "is said to be the largest": a passive cue reports no one
            child.dep_ == "xcomp"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            and not any(c.dep_ == "auxpass" for c in cue.children)
        )
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and (kind == "intention" or infinitive)):
            end = child.right_edge.i
            for conj in cue.children:  # "stressed that ..., favored ..." (not "urges ... and says")
                later = conj.dep_ == "conj" and conj.i > child.i and child.dep_ == "ccomp"
                if later and not _has_subject(conj):
                    end = max(end, conj.right_edge.i)
            return _trim(cue.doc[child.left_edge.i : end + 1])
    return None


def _object(cue: Token) -> Span | None:
    """What a communication verb is about: its object with what the verb says of it ("called
    half of his supporters “deplorables”", "described the deal as “the gold standard”"), or the
    object of "for"/"about"/"on"."""
    for child in cue.children:
        if child.dep_ in {"dobj", "oprd"}:
            end = max(
                (c.right_edge.i for c in cue.rights if c.i >= child.i and c.dep_ in _OBJECT_PARTS),
                default=child.right_edge.i,
            )  # "what he called “sex tape”": an object before its verb
            return cue.doc[child.left_edge.i : end + 1]
        if child.dep_ == "prep" and child.lower_ in {"for", "about", "on"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return cue.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    return None


# What follows a communication verb's object and still says what it said of it.
_OBJECT_PARTS = frozenset({"dobj", "oprd", "prep", "xcomp", "acomp", "attr", "dative"})


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and (
        doc[start].is_punct or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")
    ):
        start += 1
    while end > start + 1 and doc[end - 1].is_punct and doc[end - 1].text not in {'"', "”", "’"}:
        end -= 1
    return doc[start:end]


def _overlaps(span: Span, region: tuple[int, int]) -> bool:
    return span.start_char < region[1] and region[0] < span.end_char


def _denial(
    cue: Token, lexicon: CueLexicon, subject: Span, mentions: list[Mention]
) -> Found | None:
    """ "dismissed allegations from Turkey, the EU and the US about millions of refugees"."""
    own = [t for c in cue.children if c.dep_ not in {"ccomp", "nsubj"} for t in c.subtree]
    for child in own:
        if child.lower_ in lexicon.claim_nouns and child.dep_ in {"dobj", "pobj", "nsubjpass"}:
            # The claim's own words: its determiners and adjectives, not "on March 3" before it.
            left = min(
                [
                    c.left_edge.i
                    for c in child.lefts
                    if c.dep_ in {"det", "amod", "compound", "poss"}
                ],
                default=child.i,
            )
            span = cue.doc[left : child.right_edge.i + 1]
            claimants = _claimants(child, mentions)
            content = [(span.start_char, span.end_char)]
            return Found("denial", _phrase_of(cue), "denies", subject, content, claimants)
    return None


def _claimants(noun: Token, mentions: list[Mention]) -> tuple[str, ...]:
    actors: list[str] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            span = (child.idx, child.right_edge.idx + len(child.right_edge))
            for mention in mentions:
                if span[0] <= mention.span[0] and mention.span[1] <= span[1]:
                    actors.append(mention.actor)
    return tuple(dict.fromkeys(actors))


def _according_to(according: Token) -> Found | None:
    """ "..., according to the Russian Defense Ministry": the clause it modifies is the content."""
    doc = according.doc
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not objects:
        return None
    source = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    phrase = doc[according.i : source.end]
    head = according.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    content = _clause_without(head, phrase)
    return Found("according_to", doc[according.i : according.i + 2], "asserts", source, content)


def _clause_without(head: Token, phrase: Span) -> list[tuple[int, int]]:
    """The clause of ``head`` with ``phrase`` (and its commas) cut out: one or two spans."""
    doc = head.doc
    clause = doc[head.left_edge.i : head.right_edge.i + 1]
    if head.dep_ in {"relcl"} and clause[0].lower_ in {"which", "who", "that"}:
        clause = doc[clause.start + 1 : clause.end]
    spans = []
    for part in (doc[clause.start : phrase.start], doc[phrase.end : clause.end]):
        trimmed = _trim(part) if len(part) else part
        if len(trimmed) and any(t.is_alpha for t in trimmed):
            spans.append((trimmed.start_char, trimmed.end_char))
    return spans


# -- the spaCy component -------------------------------------------------------------------------
for _name, _default in (("quotes", None), ("repeat_spans", ())):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory(
    FACTORY,
    requires=["token.dep", "token.lemma", "doc.sents", "doc._.mentions", "doc._.dates"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(load_cues())


class QuotesComponent:
    """Stores ``find_quotes`` on ``doc._.quotes``."""

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        skip = (*doc._.skip_spans, *doc._.repeat_spans)
        doc._.quotes = find_quotes(doc, self.lexicon, doc._.mentions or (), doc._.dates or (), skip)
        return doc
