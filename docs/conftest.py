"""pytest configuration for the documentation: run every ``>>>`` example in the ``.rst`` pages.

Run with ``python -m pytest docs --doctest-glob='*.rst'``. Sphinx's own files (``conf.py``, the
extension in ``_ext/``, the figure scripts run by the build) are not collected as doctest
modules; ``test_docs_figures.py`` exercises the figure scripts instead.

A page whose examples use names that ``symalign`` does not export yet declares them in a
comment, ``.. symalign-requires: name, other_name``; its doctests are skipped, with the missing
names as the reason, until every one of them is exported. Then they run like any other page.
Two other kinds of requirement are understood: ``module:dask.distributed`` (an optional
dependency that must be importable) and ``cli:prove`` (a ``symalign`` subcommand that must exist).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _requirements import missing_names  # noqa: E402

collect_ignore = ["conf.py", "conftest.py", "_requirements.py"]
collect_ignore_glob = ["_build/*", "_ext/*", "figures/*"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if path.suffix != ".rst":
            continue
        missing = missing_names(path)
        if missing:
            item.add_marker(pytest.mark.skip(
                reason="needs what this installation lacks: " + ", ".join(missing)))
