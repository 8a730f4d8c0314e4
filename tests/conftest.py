"""Shared fixtures: the real pipeline (loaded once), the ../shared data (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "putin-erdogan-idlib.txt"
EXAMPLES = ROOT / "examples"


def many_articles(folder: Path, count: int, prefix: str = "") -> Path:
    """``count`` distinct copies of one example story in ``folder`` (for interrupted runs)."""
    folder.mkdir(exist_ok=True)
    base = (EXAMPLES / "04-afp-moscow-grain.txt").read_text()
    for i in range(count):
        text = base.replace("next week", f"within {i + 2} days")
        (folder / f"{prefix}{i:03}.txt").write_text(text)
    return folder


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or a skip saying it is absent (a clone outside the workplace)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared development data is not beside this clone")
    return path


@pytest.fixture(scope="session")
def nlp():
    from dateline.nlp.pipeline import make_pipeline

    return make_pipeline()


@pytest.fixture(scope="session")
def seed_analysis(nlp):
    import dateline

    text = shared_path("corpus", "seed", "putin-erdogan-idlib.txt").read_text("utf-8")
    return dateline.analyze(text, published="2020-03-04")
