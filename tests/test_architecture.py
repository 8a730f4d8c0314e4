"""Imports point downwards: only store/ imports duckdb; only ingest/, nlp/, extract/ import spaCy;
only web/ imports the web framework (FastAPI, Starlette, uvicorn, Jinja2) and nothing imports
web/ but the CLI's serve command; records, settings and errors import nothing from the
project; nothing happens on import."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"


def imports(path):
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_layering(path):
    rel = path.relative_to(SRC).parts
    names = imports(path)
    if any(n == "duckdb" or n.startswith("duckdb.") for n in names):
        assert rel[0] == "store", "only store/ may import duckdb"
    if any(n == "spacy" or n.startswith("spacy.") for n in names):
        assert rel[0] in {"ingest", "nlp", "extract"}, (
            "only ingest/, nlp/, extract/ may import spaCy"
        )
    web = ("fastapi", "starlette", "uvicorn", "jinja2", "markupsafe", "multipart")
    if any(n.split(".")[0] in web for n in names):
        assert rel[0] == "web", "only web/ may import the web framework"
    if any(n.startswith("dateline.web") for n in names):
        assert rel[0] in {"web", "cli.py"}, "only the CLI's serve command imports dateline.web"
    if rel[0] in {"records.py", "settings.py", "errors.py"}:
        assert not any(n.startswith("dateline") for n in names)
    if rel[0] == "store":
        assert not any(
            n.startswith(("dateline.nlp", "dateline.extract", "dateline.ingest")) for n in names
        )


def test_import_is_cheap_and_warning_free():
    code = "import sys, dateline; assert 'spacy' not in sys.modules and 'duckdb' not in sys.modules"
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)


def test_modules_stay_small():
    big = {
        str(p.relative_to(SRC)): n for p in MODULES if (n := len(p.read_text().splitlines())) > 500
    }
    assert not big, f"modules over 500 lines: {big}"
