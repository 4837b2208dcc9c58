"""pytest configuration for the documentation: run every ``>>>`` example in the ``.rst`` pages.

Run with ``python -m pytest docs --doctest-glob='*.rst'``. Sphinx's own files (``conf.py``, the
extension in ``_ext/``, the figure scripts run by the build) are not collected as doctest
modules; ``test_figures.py`` exercises the figure scripts instead.

A page whose examples use names that ``symalign`` does not export yet declares them in a
comment, ``.. symalign-requires: name, other_name``; its doctests are skipped, with the missing
names as the reason, until every one of them is exported. Then they run like any other page.
Two other kinds of requirement are understood: ``module:dask.distributed`` (an optional
dependency that must be importable) and ``cli:prove`` (a ``symalign`` subcommand that must exist).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*", "_ext/*", "figures/*"]

REQUIRES = re.compile(r"^\.\. symalign-requires:\s*(?P<names>.+)$", re.M)


def required_names(path: Path) -> list[str]:
    """The names a page declares with ``.. symalign-requires:``."""
    names: list[str] = []
    for m in REQUIRES.finditer(path.read_text(encoding="utf-8")):
        names += [n.strip() for n in m.group("names").split(",") if n.strip()]
    return names


@functools.cache
def cli_commands() -> frozenset[str]:
    """The subcommands ``symalign --help`` lists."""
    out = subprocess.run([sys.executable, "-m", "symalign", "--help"], capture_output=True,
                         text=True, cwd=Path(__file__).parent.parent)
    m = re.search(r"\{([a-z0-9_,-]+)\}", out.stdout)
    return frozenset(m.group(1).split(",")) if m else frozenset()


def available(name: str) -> bool:
    """Whether one declared requirement is met."""
    import symalign
    if name.startswith("module:"):
        module = name.removeprefix("module:")
        try:
            return importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            return False
    if name.startswith("cli:"):
        return name.removeprefix("cli:") in cli_commands()
    return name in symalign.__all__


def missing_names(path: Path) -> list[str]:
    """The declared requirements that are not met (yet)."""
    return [n for n in required_names(path) if not available(n)]


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix != ".rst":
            continue
        missing = missing_names(path)
        if missing:
            item.add_marker(pytest.mark.skip(
                reason="needs what this installation lacks: " + ", ".join(missing)))
