"""Tests for symalign.engines.worker: one call in a child process, stopped when its time is up.

Expected values are plain arithmetic (2**10) and the settings the caller set; a stopped child
is checked to be gone with ``os.kill(pid, 0)``.
"""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

import symalign as sa
from symalign.engines import worker
from symalign.engines.worker import call_within


def _pid_then_sleep(path: str, seconds: float) -> None:
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(seconds)


def _max_cases() -> int:
    from symalign.core.config import settings
    return settings.max_cases


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_value_comes_back():
    assert call_within(pow, (2, 10), 60) == (True, 1024)


def test_a_call_past_its_time_is_killed_and_reaped(tmp_path):
    """A call sleeping 60 s with 1 s allowed: (False, None), and the child (which wrote its
    pid, not ours) no longer exists."""
    path = str(tmp_path / "pid")
    t = time.monotonic()
    assert call_within(_pid_then_sleep, (path, 60), 1) == (False, None)
    assert time.monotonic() - t < 50            # far below the 60 s the call would take
    with open(path) as f:
        pid = int(f.read())
    assert pid != os.getpid() and _gone(pid)
    assert multiprocessing.active_children() == []


def test_an_exception_is_raised_again():
    with pytest.raises(ValueError, match="math domain error"):
        import math
        call_within(math.sqrt, (-1,), 60)
    with pytest.raises(sa.ResourceLimitError, match="max_cases"):
        call_within(_raise_limit, (), 60)


def _raise_limit():
    raise sa.ResourceLimitError("a test", "max_cases", 3)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_settings_reach_the_child(monkeypatch, method):
    """The caller's settings hold in the child, also when it is spawned (a fresh
    interpreter, where they would otherwise be the defaults)."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    monkeypatch.setattr(worker, "_context", lambda: multiprocessing.get_context(method))
    with sa.limits(max_cases=7):
        assert call_within(_max_cases, (), 120) == (True, 7)
