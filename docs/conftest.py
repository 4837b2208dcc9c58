"""pytest configuration for the documentation: run every ``>>>`` example in the ``.rst`` pages.

Run with ``python -m pytest docs --doctest-glob='*.rst'``. Sphinx's own files (``conf.py``, the
extension in ``_ext/``, the figure scripts run by the build) are not collected as doctest
modules; ``test_figures.py`` exercises the figure scripts instead.

A page whose examples use names that ``symalign`` does not export yet declares them in a
comment, ``.. symalign-requires: name, other_name``; its doctests are skipped, with the missing
names as the reason, until every one of them is exported. Then they run like any other page.
"""

from __future__ import annotations

import re
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


def missing_names(path: Path) -> list[str]:
    """The declared names that ``symalign`` does not export (yet)."""
    import symalign
    return [n for n in required_names(path) if n not in symalign.__all__]


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix != ".rst":
            continue
        missing = missing_names(path)
        if missing:
            item.add_marker(pytest.mark.skip(
                reason="uses names symalign does not export yet: " + ", ".join(missing)))
