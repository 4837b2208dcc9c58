"""Tests of symalign.experiments.runner's chunk cache (resumable runs)."""

from __future__ import annotations

import os
from fractions import Fraction

import numpy as np
import sympy

from symalign.experiments import runner as R


def test_chunk_results_round_trip_through_json(tmp_path):
    """What the workers return (arrays, Fractions, tuples, None) comes back equal and of the
    same types; a value JSON cannot hold (a sympy expression) is simply not cached."""
    result = {"points": np.array([[0.5, 1.0], [2.0, 3.0]]), "best": (Fraction(2, 3), 7),
              "records": [{"x": None, "ok": True, "n": 3, "t": "1/2"}]}
    cache = str(tmp_path / "c")
    R._save_chunk(cache, 4, result)
    back = R._load_chunk(cache, 4)
    assert back["points"].dtype == np.float64 and np.array_equal(back["points"],
                                                                 result["points"])
    assert back["best"] == (Fraction(2, 3), 7) and isinstance(back["best"], tuple)
    assert back["records"] == result["records"]
    R._save_chunk(cache, 5, {"best": sympy.sqrt(2)})
    assert not os.path.exists(os.path.join(cache, "000005.json"))
    assert R._load_chunk(cache, 5) is None and R._load_chunk(None, 4) is None


def test_a_truncated_chunk_is_computed_again(tmp_path):
    cache = tmp_path / "c"
    cache.mkdir()
    (cache / "000000.json").write_text('{"points": ')       # cut short by an interruption
    calls = []

    def task(k):
        calls.append(k)
        return {"k": k}
    out = R.run_tasks(task, [(0,), (1,)], sizes=[1, 1], workers=1, progress=False,
                      cache=str(cache))
    assert out == [{"k": 0}, {"k": 1}] and calls == [0, 1]
    calls.clear()
    assert R.run_tasks(task, [(0,), (1,)], sizes=[1, 1], workers=1, progress=False,
                       cache=str(cache)) == out
    assert calls == []


def test_the_cache_folder_depends_on_every_argument(tmp_path):
    a = R.chunk_cache(tmp_path, "grid", [1, {"shape": [3, 3]}])
    assert a == R.chunk_cache(tmp_path, "grid", [1, {"shape": [3, 3]}])
    assert a != R.chunk_cache(tmp_path, "grid", [1, {"shape": [3, 2]}])
    assert a.startswith(os.path.join(str(tmp_path), ".chunks", "grid-"))
    assert R.chunk_cache(None, "grid", [1]) is None
