"""The non-doctest code on the docs pages runs too: Python files shown as code blocks, and the
``symalign`` commands shown in console blocks.

``>>>`` examples are doctests (see ``conftest.py``). This module covers the rest:

* every ``.. code-block:: python`` block is executed in a fresh namespace;
* every ``$ symalign ...`` line of a ``.. code-block:: console`` block is run as
  ``python -m symalign ...`` in a scratch folder holding ``mygame.nfg`` (the Prisoner's
  Dilemma), so files the commands write land there; it must exit with status 0. Commands whose subcommand does not exist in this
  version are skipped, naming it, and so are pages whose requirements are not met.

A block with the option ``:class: no-run`` is shown but not run (a command that needs a
cluster, a file the reader writes, or hours). Keep such blocks few.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from _requirements import cli_commands, missing_names

DOCS = Path(__file__).parent
ROOT = DOCS.parent
PAGES = sorted(p for p in DOCS.rglob("*.rst") if "_build" not in p.parts)
BLOCK = re.compile(r"^\.\. code-block:: (?P<lang>\w+)\n(?P<body>(?:\n|[ ]{3}.*\n)+)", re.M)


def blocks(lang: str):
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for k, m in enumerate(BLOCK.finditer(text)):
            if m.group("lang") != lang:
                continue
            body = textwrap.dedent(m.group("body")).lstrip("\n")
            options = []
            while body.startswith(":"):
                line, _, body = body.partition("\n")
                options.append(line)
            marks = [pytest.mark.skip(reason="shown, not run (:class: no-run)")] \
                if any("no-run" in o for o in options) else []
            yield pytest.param(page, body, id=f"{page.relative_to(DOCS)}#{k}", marks=marks)


def commands():
    for param in blocks("console"):
        page, body = param.values
        for line in body.splitlines():
            if line.startswith("$ symalign"):
                yield pytest.param(page, line[2:], id=f"{param.id}:{line[2:]}",
                                   marks=param.marks)


def _skip_unmet(page: Path):
    missing = missing_names(page)
    if missing:
        pytest.skip("needs what this installation lacks: " + ", ".join(missing))


@pytest.mark.parametrize("page, code", list(blocks("python")))
def test_python_block_runs(page, code):
    _skip_unmet(page)
    exec(compile(code, f"{page.name} (code block)", "exec"), {"__name__": "docs_block"})


@pytest.mark.parametrize("page, command", list(commands()))
def test_console_command_runs(page, command, tmp_path):
    _skip_unmet(page)
    argv = shlex.split(command)
    sub = argv[1] if len(argv) > 1 else ""
    if sub not in cli_commands():
        pytest.skip(f"'symalign {sub}' does not exist in this version")
    import symalign
    symalign.write_game(symalign.normalform.games.prisoners_dilemma(), str(tmp_path / "mygame.nfg"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "symalign", *argv[1:]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("page, text", list(blocks("json")))
def test_json_block_is_a_game_file(page, text, tmp_path):
    import symalign
    path = tmp_path / "game.json"
    path.write_text(text, encoding="utf-8")
    assert isinstance(symalign.read_game(str(path)), symalign.Game)
