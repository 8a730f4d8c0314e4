"""Every entry of the event lexicon is a usage of the news corpus, not only of the gold item it
was written for (issue 13: entries that serve one dev record and occur nowhere else are
memorised, not general). Reads NewsArticles.zip and IndiaPoliceEvents from ../shared."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter

import pytest

from dateline.extract.event_lexicon import load_event_lexicon
from dateline.extract.inflection import verb_exceptions

from .conftest import shared_path


def corpus_words(nlp) -> tuple[Counter[str], str]:
    archive = shared_path("corpus", "news-articles", "NewsArticles.zip")
    police = shared_path("gold", "events", "india-police-events", "docs.jsonl")
    texts = []
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            if name.endswith(".csv"):
                raw = io.TextIOWrapper(z.open(name), encoding="utf-8", errors="replace")
                texts += [" ".join(r.get(k) or "" for k in ("title", "subtitle", "text"))
                          for r in csv.DictReader(raw)]  # fmt: skip
    for line in police.read_text("utf-8").splitlines():
        texts.append(json.loads(line).get("doc_text", ""))
    corpus = " ".join(texts).lower()
    return Counter(re.findall(r"[a-z]+(?:-[a-z]+)*", corpus)), corpus


def forms(word: str, irregular_by_lemma: dict[str, set[str]]) -> set[str]:
    out = {word, word + "s", word + "es", word + "d", word + "ed", word + "ing"}
    out |= {word[:-1] + "ing", word[:-1] + "ies", word[:-1] + "ied"}
    out |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return out | irregular_by_lemma.get(word, set())


@pytest.mark.slow
def test_every_lexicon_entry_occurs_in_the_news_corpus(nlp):
    words, corpus = corpus_words(nlp)
    by_lemma: dict[str, set[str]] = {}
    for form, lemma in verb_exceptions(nlp).items():
        by_lemma.setdefault(lemma, set()).add(form)
    lexicon = load_event_lexicon()
    unused = []
    for table in (lexicon.verbs, lexicon.nouns):
        for entry in table:
            if " " in entry:
                used = corpus.count(entry)
            else:
                used = sum(words[f] for f in forms(entry, by_lemma))
            if not used:
                unused.append(entry)
    for entry in lexicon.phrasal:
        verb, _, rest = entry.partition(" ")
        if not any(f"{f} {rest}" in corpus for f in forms(verb, by_lemma)):
            unused.append(entry)
    assert not unused, f"lexicon entries no sentence of the news corpus uses: {unused}"
