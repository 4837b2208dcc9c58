"""Tests for symalign.experiments (spec §11) and its private runner and workers.

Expected values come from the spec's setting and hand derivations written in the docstrings;
the executors are compared with one another (inline, process pool, dask local cluster).
"""

from __future__ import annotations

import io
import json
import os
import sys
from fractions import Fraction

import numpy as np
import pytest

from symalign.experiments import drivers as E
from symalign.experiments.bounds import rational_evaluation, surface
from symalign.experiments.runner import InlineExecutor, chunk_ranges, executor_for, progress_bar
from symalign.delegation.bounds import check_bounds
from symalign.delegation import DelegationGame
from symalign.core.errors import MissingDependencyError, SymalignError
from symalign.delegation.standardisation import MAX

KEYS = {"games", "violations", "max_tightness", "parameters", "seed"}


@pytest.fixture(scope="module")
def inline_200(tmp_path_factory):
    pytest.importorskip("matplotlib")   # the run draws its figures (the experiments extra)
    out = tmp_path_factory.mktemp("bounds_inline")
    return E.bound_validation(games=200, seed=9622709, workers=1, chunk_size=50, out=out,
                              progress=False), out


def test_bound_validation_inline_zero_violations_and_files(inline_200):
    res, out = inline_200
    s = res.summary
    assert set(s) >= KEYS
    assert s["games"] == 200 and s["seed"] == 9622709
    assert s["violations"] == 0 and s["violations_by_form"] == {"form_a": 0, "form_a1": 0}
    # calibrated agents (m = 1, m_hat = 1): Form A1's hypothesis holds in every game
    assert s["hypotheses_failed"] == {"form_a": 0, "form_a1": 0}
    assert s["disagreements"] == 0
    assert s["parameters"]["standardisation"] == "MAX"
    assert s["parameters"]["n"] == 4 and s["parameters"]["n_outcomes"] == 4
    assert 0 < s["max_tightness"] <= 1
    assert Fraction(s["max_tightness_exact"]) <= 1
    for f in ("summary.json", "bounds_3d.png", "bounds_3d.pdf", "bounds_tightness.png",
              "bounds_tightness.pdf"):
        assert os.path.getsize(os.path.join(out, f)) > 0
    assert json.loads((out / "summary.json").read_text()) == s
    assert not [f for f in os.listdir(out) if f.startswith(".symalign")]  # no temp files left


def test_points_lie_under_the_capped_surface(inline_200):
    """Every recorded principals' regret is at most Form A's value and the cap n K_m = 8."""
    res, _ = inline_200
    P = res.data["points"]
    assert P.shape == (200, 5) and np.all(P[:, 4] == 0)   # one set of welfare ratios
    assert np.all(P[:, 2] <= P[:, 3] + 1e-12) and np.all(P[:, 3] <= 8)
    z = surface(res.summary["parameters"] | {"agent_magnitudes": None})
    assert np.allclose(z(P[:, 0], P[:, 1]), P[:, 3])


def test_process_pool_and_chunking_give_identical_json(inline_200):
    res, _ = inline_200
    other = E.bound_validation(games=200, seed=9622709, workers=2, chunk_size=37,
                               progress=False)
    assert json.dumps(other.summary, sort_keys=True) == json.dumps(
        {k: v for k, v in res.summary.items() if k != "files"}, sort_keys=True)
    assert np.array_equal(other.data["points"], res.data["points"])


def test_dask_local_cluster_gives_identical_json(inline_200):
    pytest.importorskip("distributed")
    res, _ = inline_200
    other = E.bound_validation(games=200, seed=9622709, workers=2, cluster="local",
                               chunk_size=50, progress=False)
    assert json.dumps(other.summary, sort_keys=True) == json.dumps(
        {k: v for k, v in res.summary.items() if k != "files"}, sort_keys=True)


def test_dask_scheduler_address_gives_identical_json(inline_200):
    distributed = pytest.importorskip("distributed")
    res, _ = inline_200
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as lc:
        other = E.bound_validation(games=200, seed=9622709, scheduler=lc.scheduler_address,
                                   chunk_size=100, progress=False)
    assert other.summary["violations"] == 0
    assert np.array_equal(other.data["points"], res.data["points"])


def test_another_seed_gives_other_games(inline_200):
    res, _ = inline_200
    other = E.bound_validation(games=200, seed=1, workers=1, progress=False)
    assert other.summary["violations"] == 0
    assert other.summary["max_tightness_exact"] != res.summary["max_tightness_exact"]


def test_miscalibrated_agents_fail_form_a1_hypothesis_only():
    """m = (2, 1, 1, 1), m_hat = 1: r = (1/2, 1, 1, 1), so Form A1 never applies (§7.5)."""
    res = E.bound_validation(games=30, seed=5, workers=1, agent_magnitudes=[2, 1, 1, 1],
                             progress=False)
    assert res.summary["hypotheses_failed"] == {"form_a": 0, "form_a1": 30}
    assert res.summary["violations"] == 0


def test_rational_evaluation_calibration_example_under_max():
    """Spec §12.4 under MAX, by hand: m_hat = (1/2, 1), m = (3/2, 1), d = (0, 0), r = (1/3, 1).

    At outcome 0: WR = 3 - 3 = 0, WR_hat = 2 - 1 = 1. Form A (K_m = 2, 2 K_d = 2): R = 0 gives
    2 (3/2 * 1/3 + 1 * 1) = 3, R = 1/3 gives 2 (1 * 2/3) = 4/3, R = 1 gives 2 (3/2 * 2/3) = 2;
    the cap is 2 * 3/2 = 3, so 4/3. Form A1 does not apply.
    """
    dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    ev = rational_evaluation(dg, {0: Fraction(1)}, MAX)
    assert (ev["WR"], ev["WRh"], ev["T"], ev["A"], ev["A1"]) == (0, 1, 0, Fraction(4, 3), None)
    assert ev["holds_A"] is True and ev["holds_A1"] is None
    assert check_bounds(dg, (0, 0), standardisation=MAX, forms=("A", "A1")).verdicts == {
        "A": True, "A1": None}


def test_rational_evaluation_alignment_example_is_tight_under_max():
    """Spec §12.3 under MAX: u = -u_hat on the stag hunt; nu_hat = (-7/9, -1, -1, 1), m_hat = 9/2.

    d_i = ||2 nu_hat||_inf = 2, T = 2 * 9/2 * 2 = 18; at (F, M) WR = 0 and WR_hat = 20 - 2 = 18.
    R = 1 gives 2 * 18 = 36, the cap is 2 * 9 = 18: Form A = 18, tight. Form A1 = 36.
    """
    from symalign.delegation.constructions import alignment_example
    ex = alignment_example()
    ev = rational_evaluation(ex.game, {1: Fraction(1)}, MAX)
    assert (ev["WR"], ev["WRh"], ev["T"], ev["A"], ev["A1"]) == (0, 18, 18, 18, 36)


def test_surface_by_hand():
    """Calibrated MAX, n = 4: z = min(min(WR + 2T, 2T + 8), 8) = min(WR + 2T, 8)."""
    z = surface({"standardisation": "MAX", "n": 4, "agent_magnitudes": None})
    assert z(np.array(1.0), np.array(1.0)) == 3.0
    assert z(np.array(5.0), np.array(3.0)) == 8.0
    assert z(np.array(0.0), np.array(0.0)) == 0.0


def test_chunk_ranges():
    assert chunk_ranges(5, 2) == [(0, 2), (2, 4), (4, 5)]
    assert chunk_ranges(0, 3) == []
    with pytest.raises(SymalignError, match="chunk_size"):
        chunk_ranges(5, 0)


@pytest.mark.parametrize("kwargs,word", [
    ({"games": 0}, "games"), ({"seed": -1}, "seed"), ({"standardisation": "L1"}, "standardisation"),
    ({"agent_magnitudes": [1, 1]}, "agent_magnitudes"), ({"cluster": "remote"}, "cluster"),
    ({"cluster": "local", "scheduler": "tcp://x:1"}, "scheduler"), ({"workers": 0}, "workers"),
])
def test_bad_arguments_name_the_argument(kwargs, word):
    with pytest.raises(SymalignError, match=word):
        E.bound_validation(**({"games": 3} | kwargs), progress=False)


def test_missing_dask_is_a_missing_dependency(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match="distributed") as exc:
        E.bound_validation(games=3, cluster="local", progress=False)
    assert "symalign[dask]" in str(exc.value)


def test_given_executor_is_used_and_left_open():
    ex = InlineExecutor()
    with executor_for(ex) as got:
        assert got is ex
    assert ex.submit(lambda: 3).result() == 3


def test_progress_bar_only_when_asked_on_a_non_tty(monkeypatch):
    stream = io.StringIO()
    bar = progress_bar(10, "x", None, stream)
    bar.update(10)
    bar.close()
    assert stream.getvalue() == ""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    bar = progress_bar(4, "bounds", True, stream)
    bar.update(4)
    bar.close()
    assert "bounds" in stream.getvalue() and "4/4" in stream.getvalue()


def test_grid_scan_without_python_flint_names_the_package(monkeypatch):
    """The exact verdicts of the grid scan need python-flint's balls; without it the error
    names the package and the extra rather than failing on an import deep inside."""
    monkeypatch.setitem(sys.modules, "flint", None)
    with pytest.raises(MissingDependencyError, match="python-flint"):
        E.grid_scan(increments=1, repetitions=1, measures=["IA"], workers=1, progress=False)
