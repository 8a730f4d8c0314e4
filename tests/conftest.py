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


# A story written to attack the pages: markup, script, a javascript: link, a textarea breakout,
# event handlers and a right-to-left override in the title, the text and the URL.
HOSTILE = {
    "id": "hostile-1",
    "title": "Minister <script>alert('title')</script> resigns \u202eevil\u202c",
    "text": (
        "LONDON, March 3 (Reuters) - Foreign Minister John Smith <script>alert(1)</script> "
        "said on Tuesday that Britain would impose sanctions on Russia. "
        '"We will act </textarea><img src=x onerror=alert(2)> now," Smith told reporters. '
        "Police arrested <b onmouseover=alert(3)>two protesters</b> in London on Monday, "
        "according to the police. Russia denied the accusations \u202eevil\u202c."
    ),
    "published": "2024-03-05",
    "source": "Reuters",
    "url": "javascript:alert(4)",
}


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, nlp):
    """A database of the example articles and the hostile one, made with the real pipeline."""
    import json

    from dateline.ingestion import ingest_paths
    from dateline.settings import Settings
    from dateline.store import Store

    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "web.duckdb"
    with Store(db) as store:
        ingest_paths(store, [EXAMPLES, hostile], Settings(db=db, n_process=1))
    return db
