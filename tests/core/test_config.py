"""Tests for symalign.core.config: settings, `limits` and `Deadline`.

The standard is "no unbounded run on any input": every long computation has a budget from
`symalign.settings`, named in the error, and the defaults are finite.
"""

from __future__ import annotations

import dataclasses
import time

import pytest

import symalign as sa
from symalign.core.config import Deadline, Settings
from symalign.core.errors import ResourceLimitError


def test_every_time_budget_has_a_finite_default():
    """A fresh `Settings` bounds every kind of long work (timeout and each *_seconds field),
    so that no call runs without end unless the caller asks for it with ``None``."""
    fresh = Settings()
    budgets = [f.name for f in dataclasses.fields(fresh)
               if f.name == "timeout" or f.name.endswith("_seconds")]
    assert "timeout" in budgets and len(budgets) >= 4
    for name in budgets:
        value = getattr(fresh, name)
        assert value is not None and 0 < value < float("inf"), name


def test_deadline_takes_the_smaller_budget_and_names_it(monkeypatch):
    """With timeout = 900 and lemke_howson_seconds = 60 a Lemke-Howson deadline is 60 s and
    names lemke_howson_seconds; with timeout = 30 it is 30 s and names timeout."""
    with sa.limits(timeout=900, lemke_howson_seconds=60):
        d = Deadline("the paths", "lemke_howson_seconds")
        assert (d.limit, d.setting) == (60, "lemke_howson_seconds")
    with sa.limits(timeout=30, lemke_howson_seconds=60):
        d = Deadline("the paths", "lemke_howson_seconds")
        assert (d.limit, d.setting) == (30, "timeout")
    with sa.limits(timeout=None):
        assert Deadline("the case analysis").limit is None


def test_default_deadline_raises_once_spent(monkeypatch):
    """A default deadline (no setting changed) is finite: once the clock has passed it,
    `check` raises `ResourceLimitError` naming the work and ``timeout``."""
    d = Deadline("the case analysis")
    d.check()                                   # fresh: within budget
    start = d.start
    monkeypatch.setattr(time, "monotonic", lambda: start + d.limit + 1)
    with pytest.raises(ResourceLimitError, match=r"the case analysis .*timeout = "):
        d.check()
