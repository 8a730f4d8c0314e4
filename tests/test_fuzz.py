"""Fuzzing the readers and the Python API (issue 15): random and mutated documents of every
kind, for a bounded number of examples. No input raises out of a reader; every document is
articles or failures; the good records of a mixed batch are kept; ``analyze`` returns or
raises a ``DatelineError``."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import DatelineError
from dateline.ingest import read_bytes
from dateline.records import Article, Failure

from .test_hardening import analyzed

STORY = (
    "MOSCOW, March 4. /TASS/. Russian President Vladimir Putin will meet his Turkish "
    "counterpart Recep Tayyip Erdogan in Moscow on Thursday, the Kremlin said."
)
SEEDS = {
    ".jsonl": (json.dumps({"title": "Putin to meet Erdogan", "text": STORY}) + "\n").encode(),
    ".json": json.dumps([{"title": "T", "text": STORY}]).encode(),
    ".csv": f'title,text\n"Putin to meet Erdogan","{STORY}"\n'.encode(),
    ".txt": f"Putin to meet Erdogan\n{STORY}".encode(),
    ".html": f"<html><body><h1>Putin to meet</h1><p>{STORY}</p></body></html>".encode(),
}
HOSTILE = [b'"', b"\\ud800", b"[" * 2000, b"\x00", b"\xff\xfe", b"\n", b"\r", b",", "\u2028".encode(),
           b"\xe2\x80\xa8", b"{", b"}", b"9" * 5000, b"<script>", b"\x1b[31m", b'"?']  # fmt: skip


def mutate(data: bytes, rng: random.Random, rounds: int) -> bytes:
    out = bytearray(data)
    for _ in range(rounds):
        at = rng.randrange(len(out) + 1)
        action = rng.randrange(4)
        if action == 0 and out:
            del out[at : at + rng.randrange(1, 20)]
        elif action == 1:
            out[at:at] = rng.choice(HOSTILE)
        elif action == 2 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        else:
            out[at:at] = out[at : at + rng.randrange(1, 50)]
    return bytes(out)


def assert_all_read(data: bytes, suffix: str | None) -> list[Article | Failure]:
    found = list(read_bytes(data, f"fuzz{suffix or ''}", suffix))
    assert found, "a document gave neither an article nor a failure"
    assert all(isinstance(r, Article | Failure) for r in found)
    return found


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    suffix=st.sampled_from([*SEEDS, None]),
    seed=st.integers(0, 2**32 - 1),
    rounds=st.integers(0, 12),
)
def test_mutated_documents_are_read_or_failed(suffix, seed, rounds):
    rng = random.Random(seed)
    base = SEEDS[suffix] if suffix else rng.choice(list(SEEDS.values()))
    assert_all_read(mutate(base, rng, rounds), suffix)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([*SEEDS, None]))
def test_random_bytes_are_read_or_failed(data, suffix):
    assert_all_read(data, suffix)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1), bad=st.integers(1, 5))
def test_the_good_records_of_a_mixed_batch_are_kept(seed, bad):
    rng = random.Random(seed)
    good = [json.dumps({"title": f"T{i}", "text": STORY.replace("Thursday", f"day {i}")})
            for i in range(5)]  # fmt: skip
    broken = [mutate(rng.choice(HOSTILE) + b"{", rng, 3).decode("utf-8", "replace")
              .replace("\n", " ") for _ in range(bad)]  # fmt: skip
    lines = good + broken
    rng.shuffle(lines)
    found = assert_all_read("\n".join(lines).encode(), ".jsonl")
    titles = {r.title for r in found if isinstance(r, Article)}
    assert {f"T{i}" for i in range(5)} <= titles


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=3000), seed=st.integers(0, 2**32 - 1))
def test_analyze_returns_or_raises_a_typed_error(nlp, text, seed):
    rng = random.Random(seed)
    sample = text if rng.random() < 0.5 else mutate(f"Headline\n{STORY}".encode(), rng, 8)
    candidate = sample if isinstance(sample, str) else sample.decode("utf-8", "replace")
    outcome = analyzed(candidate)
    if isinstance(outcome, DatelineError):
        assert str(outcome)
    else:
        assert outcome.article.text
