"""Syntactic tests on spaCy tokens that the actor rules share: titles, agents, places, qualifiers.

Pure functions of a token (or span) and the gazetteer; no state.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.extract.gazetteer import Country, Gazetteer

HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame"})
_TITLE_LINKS = frozenset({"of", "to", "for", "and", "'s", "’s", "-", "the"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your"})


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy joins ``Doc.text`` from its tokens anew on every
    access, which made per-cue and per-number calls quadratic in the article's length."""
    text: str | None = doc.user_data.get("dateline_text")
    if text is None:
        text = doc.user_data["dateline_text"] = doc.text
    return text


def sentence_index(doc: Doc) -> list[int]:
    """The sentence number of every token, computed once (``Span.sent`` walks the doc)."""
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


def role_key(words: str, gaz: Gazetteer) -> str | None:
    """The last, longest role of the lexicon in ``words``: "Kremlin spokesman" → spokesman,
    "Ambassador to NATO" → ambassador, "Deputy Foreign Minister" → deputy foreign minister."""
    tokens = words.lower().replace("’", "'").split()
    for end in range(len(tokens), 0, -1):
        for size in (3, 2, 1):
            if end - size >= 0:
                candidate = " ".join(tokens[end - size : end])
                if candidate in gaz.roles:
                    return candidate
    return None


def title_before(ent: Span, gaz: Gazetteer) -> Span | None:
    """The title that stands right before a name: "Russian President", "Kremlin Spokesman".

    It runs back over capitalised words, role words, country adjectives and possessives
    ("Russia's Ambassador to NATO"), stops at a determiner or a lower-case word that is not a
    role ("his Turkish counterpart" keeps "Turkish counterpart"), and must hold a role word.
    """
    doc = ent.doc
    start = ent.start
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 8 and not doc[i + 1].is_sent_start:
        token = doc[i]
        lower = token.lower_
        if lower in _DETERMINERS or (token.is_punct and token.text not in {"-", "'s", "’s"}):
            break
        is_role = lower in gaz.roles or lower.rstrip(".") in gaz.roles
        if not (is_role or token.is_title or token.is_upper or lower in _TITLE_LINKS):
            break
        if token.ent_type_ == "PERSON":
            break
        i -= 1
        start = i + 1
    while start < ent.start and doc[start].lower_ in _TITLE_LINKS:
        start += 1
    if start == ent.start:
        return None
    span = doc[start : ent.start]
    if not any(t.lower_ in gaz.roles or t.lower_.rstrip(".") in gaz.roles for t in span):
        return None
    return span


def strip_inner_title(ent: Span, gaz: Gazetteer) -> tuple[Span | None, Span]:
    """Split an entity like "President Putin" or "Spokesman Dmitry Peskov" into title and name."""
    i = ent.start
    while i < ent.end - 1 and (
        ent.doc[i].lower_ in gaz.roles
        or ent.doc[i].lower_.rstrip(".") in gaz.roles
        or ent.doc[i].lower_ in HONORIFICS
    ):
        i += 1
    end = ent.end
    while end > i + 1 and ent.doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    title = ent.doc[ent.start : i] if i > ent.start else None
    return title, ent.doc[i:end]


def qualifier_countries(tokens: Span, gaz: Gazetteer) -> list[Country]:
    """Countries named in a phrase: adjectives ("Turkish"), possessives ("Turkey's"), seats."""
    found: dict[str, Country] = {}
    for token in tokens:
        if token.is_lower and token.lower_ not in gaz.role_qualifiers:
            continue
        if is_ethnic(token):
            continue  # "ethnic Albanians in Serbia" are a people, not Albania's
        country = gaz.country_of_adjective(token.text)
        if country is None and token.lower_ in gaz.role_qualifiers:
            country = gaz.by_code.get(gaz.role_qualifiers[token.lower_])
        if country is not None:
            found.setdefault(country.code, country)
    for ent in span_entities(tokens):
        country = gaz.country_of_adjective(ent.text)
        if country is not None:
            found.setdefault(country.code, country)
    return list(found.values())


def span_entities(span: Span) -> list[Span]:
    """The entities inside a span, read from its own tokens: spaCy's ``Span.ents`` walks every
    entity of the document, and per mention that made a long article quadratic (a 600,000-
    character text took minutes)."""
    doc = span.doc
    found = []
    i = span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j <= span.end:
            found.append(doc[i:j])
        i = j
    return found


def is_ethnic(token: Token) -> bool:
    """ "ethnic Albanians", "ethnic Serb villages": a people, named apart from any state."""
    return token.i > 0 and token.doc[token.i - 1].lower_ == "ethnic"


def governing(token: Token) -> Token:
    """The token whose syntactic role a coordinated or apposed token shares."""
    seen = 0
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i and seen < 10:
        token = token.head
        seen += 1
    return token


def is_agent(token: Token, gaz: Gazetteer) -> bool:
    """A place name used as an agent: "Ankara claims", "control of Damascus", "Ankara's demands"."""
    t = governing(token)
    if t.dep_ in {"nsubj", "nsubjpass", "csubj"}:
        return True
    if t.dep_ == "pobj" and t.head.dep_ == "agent":
        return True
    if t.dep_ == "poss":
        return t.head.lemma_.lower() not in gaz.place_nouns
    if t.dep_ == "pobj" and t.head.lower_ == "of":
        noun = t.head.head
        return noun.lemma_.lower() in gaz.governance_nouns or noun.lower_ in gaz.governance_nouns
    return False


def is_locative(token: Token, gaz: Gazetteer) -> bool:
    """A place name used as a place: "in Syria", "Syria's Idlib province", "border with Turkey"."""
    t = governing(token)
    if t.dep_ == "pobj":
        prep = t.head
        if prep.lower_ in gaz.locative_prepositions:
            return True
        return prep.head.lemma_.lower() in gaz.place_nouns
    if t.dep_ in {"poss", "compound", "nmod", "npadvmod"}:
        return t.head.lemma_.lower() in gaz.place_nouns or t.head.ent_type_ in {"GPE", "LOC"}
    return False


def strip_determiners(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start + 1 and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    return doc[start:end]


def head_words(chunk: Span) -> str:
    root = chunk.root
    words = [root.lower_]
    i = root.i - 1
    while i >= chunk.start and chunk.doc[i].dep_ in {"compound", "amod"} and len(words) < 3:
        words.insert(0, chunk.doc[i].lower_)
        i -= 1
    return " ".join(words)


def group_key(chunk: Span, gaz: Gazetteer) -> str | None:
    words = head_words(chunk).split()
    for size in (3, 2, 1):
        candidate = " ".join(words[-size:])
        if len(words) >= size and candidate in gaz.groups:
            return candidate
    return None


def org_sector(name: str, gaz: Gazetteer) -> str | None:
    for keyword, sector in gaz.org_keywords:
        if keyword in name.split() or (" " in keyword and keyword in name):
            return sector
    return None


# -- clauses: who does what a verb says ---------------------------------------------------------
_SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass"})


def subject_of(verb: Token, control: frozenset[str] = frozenset()) -> Token | None:
    """The subject of a verb, or of the verb it is coordinated with or controlled by (by the
    object of a verb in ``control``: "urged Israel to halt")."""
    node = verb
    for _ in range(6):
        for child in node.children:
            if child.dep_ in _SUBJECTS:
                return child
        if node is not verb and node.dep_ != "relcl":  # "the police was forced to fire"
            for child in node.children:
                if child.dep_ in PASSIVE_SUBJECTS:
                    return child
        if node.dep_ == "xcomp" and node.head.i != node.i and node.head.lemma_.lower() in control:
            controller = object_controller(node.head)
            if controller is not None:  # "urged Israel to halt", "called on Egypt to agree"
                return controller
        if node.dep_ in {"conj", "xcomp", "acomp"} and node.head.i != node.i:
            node = node.head  # "France is ready to contribute": the subject of "is"
            continue
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ == "advcl" and (node.tag_ == "VBG" or purpose) and node.head.i != node.i:
            node = node.head  # "Police fired, killing two", "fired to disperse the mob"
            continue
        return None
    return None


def object_controller(verb: Token) -> Token | None:
    """The object that does what a verb of asking or forcing asks: "urged Israel to ..."."""
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
        if child.dep_ == "prep" and child.lower_ in {"on", "upon"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


_SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she"})


def speaker_of_pronoun(subject: Token) -> Token | None:
    """ "Syria says it will not accept ...", "the farmers said they would blockade ...": the
    pronoun subject of a reported clause is the reporting verb's subject, when that is a name
    or a noun phrase (not itself a pronoun)."""
    if subject.lower_ not in _SPEAKER_PRONOUNS:
        return None
    return reporter_of(subject.head)


def reporter_of(verb: Token) -> Token | None:
    """Who reports the clause of ``verb``: the subject of the verb it is the complement of
    ("Russia said that Sudan must return ..." → Russia), unless that is a pronoun."""
    node = verb
    for _ in range(4):
        if node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ != "ccomp" or node.head.i == node.i:
            return None
        cue = node.head
        speaker = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if speaker is None:
            node = cue
            continue
        return None if speaker.pos_ == "PRON" else speaker
    return None


def without_quantity(chunk: Span) -> Span:
    """ "36 Turkish soldiers" → "Turkish soldiers": the number is a quantity, not the actor."""
    span = strip_determiners(chunk)
    start = span.start
    while start < span.end - 1 and (
        span.doc[start].like_num or span.doc[start].ent_type_ == "CARDINAL"
    ):
        start += 1
    return strip_determiners(span.doc[start : span.end])


def role_words(title: Span) -> str:
    words = " ".join(t.lower_ for t in title if t.lower_ not in {"'s", "’s"})
    return words.replace(" - ", "-")  # "Secretary-General" is one role, not a general


def role_text(title: Span, gaz: Gazetteer) -> str:
    """The role as words: country adjectives dropped, role words lower-cased."""
    words = []
    for token in title:
        if gaz.country_of_adjective(token.text) is not None or token.lower_ in {"'s", "’s"}:
            continue
        named = token.ent_type_ in {"ORG", "GPE", "PERSON"} or token.lower_ in gaz.role_qualifiers
        words.append(token.text if named else token.lower_)
    return " ".join(words) or title.text.lower()


def retyped_sector(chunk: Span, sector: str | None, gaz: Gazetteer) -> str | None:
    """A generic party retyped by a word of its phrase: "rebel leaders" are REB, "leaders of
    the opposition coalition" OPP (the head's own sector stands otherwise)."""
    if sector not in {"GOV", None}:
        return sector
    for token in chunk:
        if token.i != chunk.root.i and token.lower_ in gaz.sector_words:
            return gaz.sector_words[token.lower_]
    return sector


def owning_country(span: Span, gaz: Gazetteer) -> str | None:
    """The one country a phrase names, or the place that qualifies a people: "Bosnian Serbs"
    are Bosnia's (BIH), "Turkish soldiers" Turkey's."""
    countries = qualifier_countries(span, gaz)
    if len(countries) == 1:
        return countries[0].code
    if len(countries) == 2 and span.root.text in countries[1].demonyms:
        return countries[0].code
    return None


def possessor_country(head: Token, gaz: Gazetteer) -> str | None:
    """The country of a phrase's possessor when that names a country or its seat: "the Ivory
    Coast's Supreme Court" → CIV, "Cairo's security chief" → EGY (a pronoun possessor is none)."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if owner is None:
        return None
    text = strip_determiners(head.doc[owner.left_edge.i : owner.i + 1]).text
    country = gaz.country_of_name(text) or gaz.capital(text)
    return country.code if country is not None else None
