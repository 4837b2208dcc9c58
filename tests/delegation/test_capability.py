"""Tests of symalign.delegation.capability (spec delegation_games.md §6)."""

import pytest
import sympy
from hypothesis import given, strategies as st
from sympy import Rational

import symalign as sa
from symalign.delegation.capability import (collective_capability, individual_capabilities,
                                 individual_capability, is_epsilon_nash,
                                 pure_epsilon_nash_equilibria, regret_decomposition)
from symalign.delegation import DelegationGame
from symalign.core.errors import SymalignError, UndefinedMetricError


def test_individual_capability_pd():
    """PD(+) row player against C: payoffs C 2, D 3 (lo 2, hi 3): IC(C) = 0, IC(D) = 1; half
    C, half D gives 5/2, so IC = 1/2. Against a column mixing 1/2-1/2: C gives 1, D gives 2."""
    pd = sa.games.prisoners_dilemma()
    assert individual_capability(pd, 0, ("C", "C")) == 0
    assert individual_capability(pd, 0, ("D", "C")) == 1
    assert individual_capability(pd, 0, [["1/2", "1/2"], [1, 0]]) == Rational(1, 2)
    assert individual_capability(pd, 0, [[1, 0], ["1/2", "1/2"]]) == 0
    assert individual_capabilities(pd, ("D", "D")) == (1, 1)


def test_zero_range_gives_one():
    """Row payoff depends only on the row action: u_0(., c) = (1, 2), so IC_0(0, 0) = 0. In
    `flat` the row player is indifferent (hi = lo = 5), so IC = 1 by definition (spec §6.1)."""
    g = sa.Game.from_arrays([[1, 1], [2, 2]], [[0, 1], [0, 1]])
    assert individual_capability(g, 0, (0, 0)) == 0
    flat = sa.Game.from_arrays([[5, 5], [5, 5]], [[0, 1], [0, 1]])
    assert individual_capability(flat, 0, (0, 1)) == 1          # hi = lo: defined as 1


def test_epsilon_nash_sets():
    """Stag hunt pure NE: FF and MM (spec §12.1). With eps = 1 every profile qualifies. In the
    PD at eps = 1/2 (C, C) fails for both (IC = 0 < 1/2)."""
    sh, pd = sa.games.stag_hunt(), sa.games.prisoners_dilemma()
    assert pure_epsilon_nash_equilibria(sh) == ((0, 0), (1, 1))
    assert len(pure_epsilon_nash_equilibria(pd, 1)) == 4
    assert pure_epsilon_nash_equilibria(pd, "1/2") == ((1, 1),)
    assert is_epsilon_nash(pd, ("D", "D"), 0)
    assert not is_epsilon_nash(pd, ("C", "D"), ["1/2", 1])
    assert is_epsilon_nash(pd, ("C", "D"), [1, 0])
    with pytest.raises(SymalignError, match="'eps'"):
        pure_epsilon_nash_equilibria(pd, 2)


def test_symbolic_epsilon_nash():
    T, R, P, S = sympy.symbols("T R P S")
    pd = sa.games.prisoners_dilemma(T, R, P, S).assuming(T > R, R > P, P > S)
    assert pure_epsilon_nash_equilibria(pd) == ((1, 1),)


def test_collective_capability_stag_hunt():
    """Stag hunt: w* = 20, w_0 = 4 (FF), w_eps = 4 (eps = 0): CC(MM) = 1, CC(FF) = 0. With
    eps = 1 every profile is an eps-NE, so w_eps = 2 and CC(FF) = (4 - 2)/16 = 1/8."""
    sh = sa.games.stag_hunt()
    assert collective_capability(sh, (1, 1)) == 1
    assert collective_capability(sh, (0, 0)) == 0
    assert collective_capability(sh, (0, 0), 1) == Rational(1, 8)
    dg = DelegationGame(sh, sh, welfare="average")
    assert collective_capability(dg, (0, 0), 1) == Rational(1, 8)   # a ratio: form-free


def test_collective_capability_undefined():
    """Undefined without a pure NE (matching pennies), or when w* = w_0: in [[2,1],[1,0]] for
    both players action 0 dominates, the only NE (0, 0) is optimal."""
    with pytest.raises(UndefinedMetricError, match="no pure Nash"):
        collective_capability(sa.games.matching_pennies(), (0, 0))
    g = sa.Game.from_arrays([[2, 1], [1, 0]], [[2, 1], [1, 0]])
    with pytest.raises(UndefinedMetricError, match="w\\* = w_0"):
        collective_capability(g, (0, 0))
    with pytest.raises(SymalignError, match="'equilibria'"):
        collective_capability(sa.games.stag_hunt(), (0, 0), equilibria="mixed")


def test_decomposition_stag_hunt():
    """WR(FF) = 16 = (1 - 0)(20 - 4) + 0; at eps = 1: WR(FM) = 18 = (1 - 0)(16) + (4 - 2)."""
    r = regret_decomposition(sa.games.stag_hunt(), (0, 1), 1)
    assert (r.welfare_regret, r.collective_capability, r.anarchy_gap, r.irrationality_loss) == \
        (18, 0, 16, 2)
    assert r.identity_holds


games = st.builds(lambda s, shape: sa.games.random_game(shape, s, low=-5, high=5),
                  st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 3), (3, 3), (2, 2, 2)]))
eps_values = st.sampled_from([0, Rational(1, 4), Rational(1, 2), 1])


@given(games, eps_values, st.data())
def test_decomposition_identity(g, eps, data):
    """Spec §6.2: WR = (1 - CC)(w* - w_0) + (w_0 - w_eps) exactly, with w_eps <= w_0."""
    a = data.draw(st.sampled_from(list(g.outcomes())))
    try:
        r = regret_decomposition(g, a, eps)
    except UndefinedMetricError:
        return
    assert r.identity_holds
    assert r.welfare_regret == (1 - r.collective_capability) * r.anarchy_gap + r.irrationality_loss
    assert r.irrationality_loss >= 0


@given(games, eps_values)
def test_eps_nash_set_matches_individual_capability(g, eps):
    """The vectorised eps-NE set equals {a : IC_i(a) >= 1 - eps for all i} computed by the
    generic profile path (an independent implementation)."""
    fast = set(pure_epsilon_nash_equilibria(g, eps))
    slow = {a for a in g.outcomes()
            if all(individual_capability(g, i, a) >= 1 - eps for i in range(g.n_players))}
    assert fast == slow


def test_individual_capability_old_argument_order_warns_and_still_works():
    """The order before issue 13 was (game, profile, player); it warns and gives the same value:
    in the PD at (D, C) player 0 plays its best response D, so IC_0 = 1 (hand derivation)."""
    pd = sa.games.prisoners_dilemma()
    with pytest.warns(DeprecationWarning, match=r"individual_capability\(game, player, profile\)"):
        assert individual_capability(pd, ("D", "C"), 0) == 1
