"""Tests of symalign.delegation (spec delegation_games.md §1-2, §12.1)."""

import pytest
from hypothesis import given, strategies as st
from sympy import Rational

import symalign as sa
from symalign.delegation import (DelegationGame, dystopia, group_welfare, ideal_regret,
                                 optimal_welfare, utopia, welfare_regret)
from symalign.core.errors import InvalidGameError, SymalignError


def sh_dg(**kw):
    sh = sa.games.stag_hunt()
    return DelegationGame(sh, sh, **kw)


def test_stag_hunt_welfare_and_regret():
    """Spec §12.1: sum welfare FF 4, FM 2, MF 2, MM 20; regret at FF 16 (sum) or 8 (average);
    average-form utopia 10 and dystopia 1, so FF's normalised welfare is (2 - 1)/(10 - 1) = 1/9."""
    dg = sh_dg()
    assert [group_welfare(dg, a) for a in [(0, 0), (0, 1), (1, 0), (1, 1)]] == [4, 2, 2, 20]
    assert welfare_regret(dg, ("F", "F")) == 16
    avg = sh_dg(welfare="average")
    assert welfare_regret(avg, ("F", "F")) == 8
    assert (utopia(avg), dystopia(avg)) == (10, 1)
    norm = (group_welfare(avg, (0, 0)) - dystopia(avg)) / (utopia(avg) - dystopia(avg))
    assert norm == Rational(1, 9)


def test_mixed_profile_regret():
    """Mixed NE of the stag hunt, P(M) = 1/10: each payoff (9/10)(9/10)2 + ... = 19/10 (spec
    §12.1), so the sum welfare is 19/5 and the regret 20 - 19/5 = 81/5."""
    dg = sh_dg()
    sigma = [["9/10", "1/10"], ["9/10", "1/10"]]
    assert group_welfare(dg, sigma) == Rational(19, 5)
    assert welfare_regret(dg, sigma, "agents") == Rational(81, 5)


def test_properties_and_accessors():
    dg = sh_dg()
    assert (dg.w_star, dg.w_hat_star, dg.w_hat_plus, dg.w_hat_minus) == (20, 20, 20, 2)
    assert dg.u(1) == sa.games.stag_hunt().utility(1)
    assert dg.is_numeric and dg == sh_dg() and hash(dg) == hash(sh_dg())
    assert "n=2" in repr(dg)


def test_ideal_regret_is_alignment_gap():
    """Spec §2: w_hat^+ - w_hat* = AG(G_hat) = -alpha; chicken: 14 - 12 = 2."""
    ch = sa.games.chicken()
    dg = DelegationGame(sa.games.stag_hunt(), ch)
    assert ideal_regret(dg) == 2 == -sa.alpha(ch)


def test_weights():
    """Weighted welfare 2 u_0 + u_1 of the stag hunt: FF 6, MM 30."""
    dg = sh_dg(weights=[2, 1])
    assert group_welfare(dg, (0, 0)) == 6 and optimal_welfare(dg, "agents") == 30
    assert dg.factors() == (2, 1)
    assert sh_dg(welfare="average").factors() == (Rational(1, 2), Rational(1, 2))


def test_from_arrays_and_errors():
    dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    assert dg.shape == (2, 1) and welfare_regret(dg, (0, 0)) == 1
    with pytest.raises(InvalidGameError, match="'principals'"):
        DelegationGame(sa.games.stag_hunt(), dg.principals)
    with pytest.raises(InvalidGameError, match="'welfare'"):
        sh_dg(welfare="median")
    with pytest.raises(InvalidGameError, match="'weights'"):
        sh_dg(weights=[1])
    with pytest.raises(InvalidGameError, match="negative"):
        sh_dg(weights=[1, -1])
    with pytest.raises(SymalignError, match="'group'"):
        welfare_regret(sh_dg(), (0, 0), "humans")


@given(st.integers(0, 10**6), st.sampled_from(["sum", "average"]))
def test_regret_against_float_reimplementation(seed, form):
    """Independent float welfare regret on random 2x3 games; WR >= 0 always."""
    import numpy as np
    A = sa.games.random_game((2, 3), seed)
    P = sa.games.random_game((2, 3), seed + 1)
    dg = DelegationGame(A, P, welfare=form)
    U = np.array([[float(v) for v in P.utility(i)] for i in range(2)])
    w = U.sum(axis=0) / (2 if form == "average" else 1)
    for k, a in enumerate(P.outcomes()):
        r = welfare_regret(dg, a)
        assert r >= 0
        assert abs(float(r) - (w.max() - w[k])) < 1e-9
