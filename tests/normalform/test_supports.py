"""Tests for symalign.normalform.supports: candidate supports and the certified linear relaxation.

The relaxation may only skip a support that no equilibrium has: every equilibrium found
without it (checked by an independent float regret test and, for 2x2x2 games, by the
brute-force solver of test_nplayer) must keep its support. Expected values otherwise come
from hand derivations in the docstrings.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import symalign as sa
from symalign.normalform import nplayer
from symalign.normalform import supports as S
from symalign.normalform.equilibria import nash_equilibria


def _objects(arrays):
    return [np.array(a, dtype=object) for a in arrays]


def _support(sigma):
    return tuple(tuple(a for a, p in enumerate(s) if p != 0) for s in sigma.strategies)


def test_candidate_order_smallest_then_balanced():
    """Sizes (1,1,3) and (1,2,2) have the same number of unknowns (2); the balanced
    (1,2,2) comes first (spread 1 < 2)."""
    order = S.candidate_supports([[0], [0, 1], [0, 1, 2]])
    sizes = [tuple(len(s) for s in c) for c in order]
    assert sizes[0] == (1, 1, 1)
    assert sizes.index((1, 2, 2)) < sizes.index((1, 1, 3))
    assert len(order) == 1 * 3 * 7


def test_relaxation_by_hand():
    """Player 0 earns 1 when matching player 1's action, else 0; players 1, 2 earn 0.

    Support ((0, 1), (0, 1), (0,)): player 0 indifferent iff player 1 mixes 50:50, player 1
    always indifferent: feasible (the relaxation must not prune it).
    Support ((0, 1), (1,), (0,)): player 0 mixes against a pure 1, where action 1 earns 1 and
    action 0 earns 0: no equilibrium (pruned). Support ((1,), (0, 1), (0, 1)) with player 0
    pure on 1: players 1, 2 indifferent, player 0 needs P1(1) >= 1/2: feasible.
    """
    U0 = [[[1, 1], [0, 0]], [[0, 0], [1, 1]]]
    Z = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    U = _objects([U0, Z, Z])
    assert not S.relaxation_infeasible(U, (2, 2, 2), ((0, 1), (0, 1), (0,)))
    assert S.relaxation_infeasible(U, (2, 2, 2), ((0, 1), (1,), (0,)))
    assert not S.relaxation_infeasible(U, (2, 2, 2), ((1,), (0, 1), (0, 1)))


def test_relaxation_beats_pure_conditional_dominance():
    """A mixed conditional dominance that no pure action shows: player 0 has three actions
    with payoffs (against player 1's two actions; players 1 and 2 are indifferent)
    a0 = (0, 0), a1 = (3, -1), a2 = (-1, 3). Neither a1 nor a2 weakly dominates a0, but
    (a1 + a2)/2 = (1, 1) > (0, 0): a0 is never a best response when player 1 mixes, so
    the support ((0,), (0, 1), (0,)) is infeasible. Conditional dominance by a pure action
    misses it; the relaxation proves it."""
    U0 = [[[0], [0]], [[3], [-1]], [[-1], [3]]]
    Z = [[[0], [0]], [[0], [0]], [[0], [0]]]
    U = _objects([U0, Z, Z])
    supp = ((0,), (0, 1), (0,))
    assert not S.conditionally_dominated(U, (3, 2, 1), supp)
    assert S.relaxation_infeasible(U, (3, 2, 1), supp)
    E, F, m = S._relaxation_rows(U, (3, 2, 1), supp)
    assert S._float_certificate(E, F, m) and S._exact_lp_infeasible(E, F, m)


@pytest.mark.parametrize("shape, seeds", [((2, 2, 2), range(12)), ((3, 3, 2), range(3)),
                                          ((2, 2, 2, 2), range(3))])
def test_relaxation_keeps_every_equilibrium_support(shape, seeds):
    """Soundness: the support of every equilibrium found (verified here by an independent
    float regret check) passes the relaxation, and enumerating with the relaxation on every
    support (threshold 0) finds the same equilibria as without it."""
    for seed in seeds:
        rng = np.random.default_rng(seed)
        arrays = [rng.integers(-5, 6, shape).tolist() for _ in shape]
        g = sa.Game.from_arrays(*arrays)
        U = _objects(arrays)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(nplayer, "RELAXATION_MIN_UNKNOWNS", 10**9)
            plain = nash_equilibria(g)
        for sigma in plain:
            A = [np.array(a, dtype=float) for a in arrays]
            x = [np.array([float(v) for v in s]) for s in sigma.strategies]
            for i in range(len(shape)):
                dev = A[i]
                for j in reversed(range(len(shape))):
                    if j != i:
                        dev = np.tensordot(dev, x[j], axes=([j], [0]))
                assert dev.max() - dev @ x[i] < 1e-9
            assert not S.relaxation_infeasible(U, shape, _support(sigma)), (seed, sigma)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(nplayer, "RELAXATION_MIN_UNKNOWNS", 0)
            pruned = nash_equilibria(g)
        assert pruned.profiles == plain.profiles and pruned.complete == plain.complete


def test_float_certificate_implies_exact_infeasibility():
    """The two ways of proving a prune agree: whenever the float certificate (checked in
    integers) proves infeasibility, the exact LP does too; and the exact LP never proves a
    support infeasible that holds an equilibrium (random 3x3x3 games)."""
    rng = np.random.default_rng(7)
    arrays = [rng.integers(-9, 10, (3, 3, 3)).tolist() for _ in range(3)]
    U = _objects(arrays)
    supports = [s for s in itertools.product(
        *[[c for k in (1, 2, 3) for c in itertools.combinations(range(3), k)]] * 3)]
    certified = 0
    for supp in supports[::7]:
        E, F, m = S._relaxation_rows(U, (3, 3, 3), supp)
        if S._float_certificate(E, F, m):
            certified += 1
            assert S._exact_lp_infeasible(E, F, m), supp
    assert certified >= 10
    ne = nash_equilibria(sa.Game.from_arrays(*arrays))
    for sigma in ne:
        E, F, m = S._relaxation_rows(U, (3, 3, 3), _support(sigma))
        assert not S._exact_lp_infeasible(E, F, m)


def test_float_certificate_is_checked_exactly(monkeypatch):
    """A wrong proposal from the float LP must not prune: HiGHS is replaced by a stub that
    claims a certificate ``z = (1, 0)`` with margin 1 for the feasible support of
    test_relaxation_by_hand; ``g = E^T z`` then has a zero entry, so the exact integer
    check rejects it (and the exact LP finds the support feasible)."""
    import types

    import scipy.optimize

    U0 = [[[1, 1], [0, 0]], [[0, 0], [1, 1]]]
    Z = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]
    U = _objects([U0, Z, Z])
    supp = ((0, 1), (0, 1), (0,))
    E, F, m = S._relaxation_rows(U, (2, 2, 2), supp)
    nz = len(E) + len(F)

    def fake(c, **kw):
        return types.SimpleNamespace(status=0, fun=-1.0, x=np.array([1.0] + [0.0] * nz))
    monkeypatch.setattr(scipy.optimize, "linprog", fake)
    assert not S._float_certificate(E, F, m)
    monkeypatch.undo()
    assert not S._exact_lp_infeasible(E, F, m)
