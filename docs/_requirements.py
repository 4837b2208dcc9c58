"""Requirements a docs page can declare, ``.. symalign-requires: name, module:x, cli:y``.

Shared by ``conftest.py`` (doctests) and ``test_docs_code_blocks.py`` (code and console blocks).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

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
