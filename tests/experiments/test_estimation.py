"""Tests of symalign.experiments.estimation: the fast estimators on rounded games against the
library's exact estimators (`symalign.delegation.estimation`) on the same rational game, and
the experiment's driver."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import sympy

pytest.importorskip("flint")

from symalign.core.errors import SymalignError  # noqa: E402
from symalign.delegation import estimation as LE  # noqa: E402
from symalign.experiments import estimation as E  # noqa: E402
from symalign.experiments import rounded as R  # noqa: E402
from symalign.experiments.drivers import estimation_error  # noqa: E402


def _game(seed, shape):
    rng = np.random.default_rng(seed)
    n, N = len(shape), int(np.prod(shape))
    while True:
        A, B = R.float_construction(rng, N, n, [0.6] * n, 0.4)
        U, Uh = R.round_payoffs(A), R.round_payoffs(B)
        if R.reference_welfares(U.reshape((n,) + shape), Fraction(1)) is not None:
            return U, Uh


@pytest.mark.parametrize("seed,shape", [(1, (3, 3)), (2, (2, 3, 2)), (3, (4, 2))])
def test_estimators_match_the_library(seed, shape):
    U, Uh = _game(seed, shape)
    dg = R.delegation_game(U, Uh, shape)
    n = len(shape)
    rng = np.random.default_rng(seed)
    N = U.shape[1]
    for size in (3, N // 2, N):
        seen = np.unique(rng.choice(N, size=size, replace=False))
        obs = [tuple(int(x) for x in np.unravel_index(k, shape)) for k in seen]
        lib_ia = LE.estimate_individual_alignment(dg, obs)
        for i in range(n):
            got = E.ia_estimate(Uh[i][seen], U[i][seen])
            assert got == pytest.approx(float(sympy.N(lib_ia[i])), abs=1e-12)
        lib_ca = LE.estimate_collective_alignment(dg, obs, "agents")
        assert E.ca_estimate(U[:, seen]) == pytest.approx(float(sympy.N(lib_ca)), abs=1e-12)
        for i in range(n):
            lib = LE.estimate_individual_capability(dg.agents, i, obs)
            for ic in (Fraction(0), Fraction(1, 2), Fraction(1)):
                value, ok = E.ic_estimate(U, shape, seen, i, ic)
                assert value == pytest.approx(float(lib), abs=1e-15)
                assert ok == bool(lib >= sympy.Rational(ic.numerator, ic.denominator))


def test_estimation_error_small(tmp_path):
    pytest.importorskip("matplotlib")   # it checks the figure (the experiments extra)
    res = estimation_error(sizes=[(2, 2), (3, 3)], repetitions=2, max_samples=20, workers=1,
                           out=tmp_path, progress=False)
    s = res.summary
    assert s["games"] == 4 and s["violations"] == 0 and s["max_tightness"] is None
    assert s["parameters"]["checkpoints"] == list(range(1, 21))
    assert s["consistency_checks"] > 0
    for m in E.ESTIMATES:
        assert len(s["mean_absolute_error"][m]["3x3"]) == 20
    assert (tmp_path / "estimation.png").stat().st_size > 0
    again = estimation_error(sizes=[(2, 2), (3, 3)], repetitions=2, max_samples=20,
                             workers=2, chunk_size=1, progress=False)
    assert json.dumps(again.summary, sort_keys=True) == json.dumps(
        {k: v for k, v in s.items() if k != "files"}, sort_keys=True)


@pytest.mark.parametrize("kwargs,word", [
    ({"max_samples": 4, "checkpoints": [8]}, "checkpoints"),
    ({"sources": {"IC": "nowhere"}}, "sources"),
    ({"sizes": [(1, 1)]}, "sizes"),
    ({"sizes": "3,3"}, "sizes"),
])
def test_bad_arguments_name_the_argument(kwargs, word):
    with pytest.raises(SymalignError, match=word):
        estimation_error(progress=False, **kwargs)
