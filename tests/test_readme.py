"""The README cannot drift: its Python example runs, and every command it shows exists."""

import re
import shutil

from click.testing import CliRunner

from dateline.cli import main

from .conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_the_python_example_runs(nlp, tmp_path, monkeypatch):
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    shutil.copy(EXAMPLES / "01-tass-lavrov-geneva.txt", tmp_path / "story.txt")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["result"].actors
    assert namespace["report"].stored == 13


def test_every_command_in_the_readme_exists():
    commands = set(re.findall(r"^dateline (\w+)", README, re.M))
    assert {"analyze", "ingest", "eval"} <= commands
    for command in commands:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0, (command, result.output)


def test_the_two_setup_commands_are_make_targets():
    makefile = (ROOT / "Makefile").read_text()
    assert "make demo" in README
    assert "make test" in README
    assert re.search(r"^demo:", makefile, re.M)
    assert re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()
