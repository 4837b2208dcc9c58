"""Tests of the grid scan (symalign.experiments.grid and `grid_scan`), Sourbut, Hammond & Wood
(2024), Sec. 6.1.

The exact pipeline is compared with the float64 twin in benchmarks/bench_experiments.py (an
independent implementation of the same pipeline without rounding) and with the library's
exact records on the same rounded games (tests/experiments/test_rounded.py).
"""

from __future__ import annotations

import json
import os
import sys

import pytest

pytest.importorskip("flint")

from symalign.core.errors import SymalignError  # noqa: E402
from symalign.experiments import drivers as E  # noqa: E402
from symalign.experiments import grid as G  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "benchmarks"))


def test_grid_scan_small(tmp_path):
    """IA and CC swept over {0, 1/2, 1}, the others at 9/10, on 3x3 games."""
    pytest.importorskip("matplotlib")   # it checks the figure (the experiments extra)
    res = E.grid_scan(seed=3, increments=2, repetitions=2, measures=["CC", "IA"], workers=2,
                      out=tmp_path, progress=False)
    s = res.summary
    assert s["games"] == 12 and s["violations"] == 0
    assert s["parameters"]["measures"] == ["IA", "CC"]
    assert s["parameters"]["shape"] == [3, 3] and s["parameters"]["others"] == ["9/10"]
    for p in s["points"]:
        target = p["value"] / 2
        # IA is hit up to the rounding of the payoffs to 1e-6; CC exactly
        assert abs(p["x"] - target) < 1e-4 if p["measure"] == "IA" else p["x"] == target
        assert 0 <= p["min"] <= p["played_welfare"] <= p["max"] <= 1
        assert p["bound_2"] <= p["max"] + 1e-9          # Prop B: w_hat^+ - bound <= w_hat*
        if p["bound_1"] is not None:
            assert p["bound_1"] <= p["played_welfare"] + 1e-9      # Form P
    assert (tmp_path / "grid.png").stat().st_size > 0 and (tmp_path / "grid.pdf").exists()
    again = E.grid_scan(seed=3, increments=2, repetitions=2, measures=["IA", "CC"], workers=1,
                        chunk_size=5, progress=False)
    assert json.dumps(again.summary, sort_keys=True) == json.dumps(
        {k: v for k, v in s.items() if k != "files"}, sort_keys=True)


def test_exact_and_float_pipelines_agree():
    """The float64 twin (benchmarks/bench_experiments.py) draws the same games without
    rounding: the plotted coordinates agree to the rounding (1e-6 per payoff), and neither
    finds a violation."""
    bench = pytest.importorskip("bench_experiments")
    params = {"shape": [3, 3], "others": ["9/10"], "increments": 4, "repetitions": 2,
              "measures": list(G.MEASURES)}
    for job in bench.jobs(params):
        ex, fl = G.run_game(1282, *job, params), bench.float_game(1282, *job, params)
        assert sum(ex["violations"].values()) == 0 and fl["violations"] == 0
        for key in ("x", "max", "min", "bound_2"):
            assert ex[key] == pytest.approx(fl[key], abs=1e-3)


def test_interrupted_run_continues(tmp_path, monkeypatch):
    """A run stopped after its first chunk leaves that chunk in out/.chunks; the rerun with the
    same arguments computes only the other chunks and gives the same summary as one run."""
    calls = []
    real = G.run_chunk

    def failing(seed, tasks, params):
        if calls:
            raise KeyboardInterrupt
        calls.append(len(tasks))
        return real(seed, tasks, params)
    kw = dict(seed=5, increments=1, repetitions=1, measures=["CA"], chunk_size=1, workers=1,
              progress=False, figures=False)
    monkeypatch.setattr(G, "run_chunk", failing)
    with pytest.raises(KeyboardInterrupt):
        E.grid_scan(out=tmp_path, **kw)
    assert len(list((tmp_path / ".chunks").rglob("*.json"))) == 1

    def counting(seed, tasks, params):
        calls.append(len(tasks))
        return real(seed, tasks, params)
    monkeypatch.setattr(G, "run_chunk", counting)
    calls.clear()
    resumed = E.grid_scan(out=tmp_path, **kw)
    assert calls == [1]                       # only the second of the two chunks ran
    fresh = E.grid_scan(**kw)
    assert resumed.summary["points"] == fresh.summary["points"]
    # another argument is another run: nothing is reused
    calls.clear()
    E.grid_scan(out=tmp_path, **{**kw, "seed": 6})
    assert calls == [1, 1]


@pytest.mark.parametrize("kwargs,word", [
    ({"measures": ["XY"]}, "measures"), ({"shape": (1, 1)}, "shape"), ({"shape": "3,3"}, "shape"),
    ({"others": ["3/2"]}, "others"), ({"others": []}, "others"), ({"increments": 0}, "increments"),
])
def test_bad_arguments_name_the_argument(kwargs, word):
    with pytest.raises(SymalignError, match=word):
        E.grid_scan(progress=False, **kwargs)


def test_mean_band_is_the_bootstrap_interval_of_the_mean():
    """For 0/1 data with mean 1/2 over 100 points the mean's standard error is 0.05, so the
    90% interval is about 1/2 +- 1.645 * 0.05 = [0.418, 0.582]."""
    import numpy as np
    mid, lo, hi = G.mean_band(np.array([0.0, 1.0] * 50), np.random.default_rng(0))
    assert mid == 0.5 and lo == pytest.approx(0.418, abs=0.02) and hi == pytest.approx(0.582,
                                                                                     abs=0.02)
