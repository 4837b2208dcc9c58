"""The API reference cannot drift: every name in ``symalign.__all__`` has an ``.. api::`` line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import symalign

REFERENCE = Path(__file__).parent / "reference"
API_LINE = re.compile(r"^\.\. api:: symalign\.([A-Za-z_][A-Za-z0-9_]*)\s*$", re.M)


def documented_names() -> list[str]:
    names = []
    for page in sorted(REFERENCE.glob("*.rst")):
        names += API_LINE.findall(page.read_text(encoding="utf-8"))
    return names


def test_every_public_name_is_in_the_reference():
    documented = set(documented_names())
    missing = [n for n in symalign.__all__ if n not in documented]
    assert not missing, (
        "Names in symalign.__all__ without an '.. api:: symalign.NAME' line in "
        f"docs/reference/*.rst (add each under the page of its concept): {missing}")


def test_no_name_is_documented_twice():
    names = documented_names()
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"Names with more than one '.. api::' line: {twice}"


def test_reference_lists_no_stale_names():
    """Names listed as planned must land eventually; until then this is reported, not failed."""
    pending = [n for n in documented_names() if n not in symalign.__all__]
    if pending:
        pytest.skip("planned names not exported yet: " + ", ".join(pending))
