"""Tests of symalign.delegation.alignment (spec delegation_games.md §4-5, §12.4-12.5)."""

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, strategies as st
from sympy import Rational, sqrt

import symalign as sa
from symalign.engines.algebraic import sign
from symalign.delegation.alignment import (aggregate_ratio, alignment_distance, calibration_ratios,
                                collective_alignment, epic_distance, individual_alignment,
                                individual_alignments, pairwise_alignment, pearson_correlation,
                                total_misalignment)
from symalign.delegation import DelegationGame
from symalign.core.errors import UndefinedMetricError
from symalign.delegation.standardisation import EPIC, MAX, Standardisation


def same(a, b):
    return sign(sympy.sympify(a) - sympy.sympify(b)) == 0


def test_individual_alignment_test_vectors():
    """Spec §4.1: PD(+) rho = -4/5, IA = 1 - 3 sqrt(10)/10; MP rho = -1, IA = 0;
    BoS rho = 7/11, IA = 1 - sqrt(22)/11."""
    pd, mp, bos = sa.games.prisoners_dilemma(), sa.games.matching_pennies(), \
        sa.games.battle_of_the_sexes()
    assert pearson_correlation(pd.utility(0), pd.utility(1)) == Rational(-4, 5)
    assert pairwise_alignment(pd.utility(0), pd.utility(1)) == 1 - 3 * sqrt(10) / 10
    assert pearson_correlation(mp.utility(0), mp.utility(1)) == -1
    assert pairwise_alignment(mp.utility(0), mp.utility(1)) == 0
    assert pearson_correlation(bos.utility(0), bos.utility(1)) == Rational(7, 11)
    assert pairwise_alignment(bos.utility(0), bos.utility(1)) == 1 - sqrt(22) / 11
    # the same through a delegation game (shape (2, 2) with a single pair is impossible, so
    # flatten the 4 outcomes onto one agent's 4 actions)
    dg = DelegationGame.from_arrays([list(pd.utility(1))], [list(pd.utility(0))])
    assert individual_alignment(dg, 0) == 1 - 3 * sqrt(10) / 10


def test_collective_alignment_test_vectors():
    """Spec §4.2: PD(+) 1 - 3 sqrt(10)/10, MP 0, BoS 1 - sqrt(22)/11, chicken
    1 - 5 sqrt(262)/131, coordination and stag hunt 1."""
    g = sa.games
    assert same(collective_alignment(g.prisoners_dilemma()), 1 - 3 * sqrt(10) / 10)
    assert collective_alignment(g.matching_pennies()) == 0
    assert same(collective_alignment(g.battle_of_the_sexes()), 1 - sqrt(22) / 11)
    assert collective_alignment(g.chicken()) == 1 - 5 * sqrt(262) / 131
    assert collective_alignment(g.coordination()) == 1
    assert collective_alignment(g.stag_hunt()) == 1


def test_calibration_example():
    """Spec §12.4: r = (1/3, 1), IA_i = 1, agents' CA = 1/25, principals' CA = 1/9, r_bar = 3/5."""
    dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    assert calibration_ratios(dg) == (Rational(1, 3), 1)
    assert individual_alignments(dg) == (1, 1)
    assert collective_alignment(dg, "agents") == Rational(1, 25)
    assert collective_alignment(dg, "principals") == Rational(1, 9)
    assert aggregate_ratio(dg) == Rational(3, 5)


def test_soft_vegetarian_bots():
    """Spec §12.5: rho = 17/(9 sqrt 19), d = sqrt((1 - rho)/2) ~ 0.5323, IA ~ 0.4677,
    r = 2 sqrt(19)/3 for both agents."""
    sh = sa.games.stag_hunt()
    bots = sa.Game.from_arrays([[4, 1], [1, 3]], [[4, 1], [1, 3]])
    dg = DelegationGame(bots, sh)
    rho = pearson_correlation(sh.utility(0), bots.utility(0))
    assert same(rho, Rational(17, 9) / sqrt(19))
    for i in range(2):
        ia = individual_alignment(dg, i)
        assert same(ia, 1 - sqrt((1 - rho) / 2))
        assert abs(float(ia) - 0.4677) < 5e-5
    assert calibration_ratios(dg) == (2 * sqrt(19) / 3, 2 * sqrt(19) / 3)


def test_opposite_and_identical():
    """§12.2/§12.3: agents equal to principals give IA = 1; u = -u_hat gives d = 1, IA = 0."""
    sh = sa.games.stag_hunt()
    neg = sa.Game.from_arrays(*[-a for a in sh.sympy_array()])
    assert individual_alignments(DelegationGame(sh, sh)) == (1, 1)
    assert individual_alignments(DelegationGame(neg, sh)) == (0, 0)
    assert individual_alignments(DelegationGame(neg, sh), MAX) == (0, 0)
    assert total_misalignment(DelegationGame(neg, sh)) == 2 * sqrt(57)
    assert alignment_distance(sh.utility(0), neg.utility(0), MAX) == 2


def test_zero_magnitude_convention():
    """Spec §4.1: nu = 0 for a constant utility; d(nu, 0) = 1/2 under EPIC, so IA = 1/2, and
    IA = 1 when both are constant."""
    assert epic_distance([1, 2, 3], [4, 4, 4]) == Rational(1, 2)
    assert pairwise_alignment([1, 2, 3], [4, 4, 4]) == Rational(1, 2)
    assert pairwise_alignment([0, 0], [4, 4]) == 1
    dg = DelegationGame.from_arrays([[1, 1, 1]], [[1, 2, 3]])
    with pytest.raises(UndefinedMetricError, match="r_0"):
        calibration_ratios(dg)
    with pytest.raises(UndefinedMetricError, match="indifferent"):
        collective_alignment(dg, "agents")
    with pytest.raises(UndefinedMetricError):
        pearson_correlation([1, 1], [1, 2])


def test_max_ca_can_be_negative():
    """Spec §4.2: k = 4 players with nu_i = 2 e_i - 1 on 4 outcomes, equal magnitudes:
    CA_MAX = 2/k - 1 = -1/2 (never clipped); the L2 version gives 0 (sum of utilities constant)."""
    arrays = [[[[[2 * (s == i) - 1]]] for s in range(4)] for i in range(4)]
    g = sa.Game(arrays)
    assert g.shape == (4, 1, 1, 1)
    assert collective_alignment(g, standardisation=MAX) == Rational(-1, 2)
    assert collective_alignment(g) == 0


def test_two_player_closed_form():
    """Spec §4.2: CA = 1 - 4 m0 m1/(m0 + m1)^2 sqrt((1 - rho)/2) for two players."""
    g = sa.Game.from_arrays([[3, 0], [1, 2]], [[0, 5], [1, 1]])
    m0, m1 = (sa.delegation.standardisation.magnitude(g.utility(i)) for i in range(2))
    rho = pearson_correlation(g.utility(0), g.utility(1))
    assert same(collective_alignment(g), 1 - 4 * m0 * m1 / (m0 + m1) ** 2 * sqrt((1 - rho) / 2))


games2 = st.builds(lambda s, n: sa.games.random_game((2,) * n, s, low=-4, high=4),
                   st.integers(0, 10**6), st.integers(2, 3))


@given(games2)
def test_ca_in_unit_interval(g):
    """Spec §4.2 range: EPIC-CA lies in [0, 1] (exact signs)."""
    try:
        c = collective_alignment(g)
    except UndefinedMetricError:
        return
    assert sign(c) >= 0 and sign(1 - c) >= 0


@given(games2)
def test_ca_against_float_reimplementation(g):
    """Independent float CA (spec §4.2 definition) with numpy."""
    U = np.array([[float(v) for v in g.utility(i)] for i in range(g.n_players)])
    X = U - U.mean(axis=1, keepdims=True)
    m = np.sqrt((X ** 2).sum(axis=1))
    if m.sum() == 0:
        return
    nu = np.array([x / mi if mi > 0 else 0 * x for x, mi in zip(X, m)])
    mu = (m[:, None] * nu).sum(axis=0) / m.sum()
    ca = 1 - sum(mi / m.sum() * np.sqrt(((v - mu) ** 2).sum()) for mi, v in zip(m, nu))
    assert math.isclose(float(collective_alignment(g)), ca, abs_tol=1e-9)


@given(st.lists(st.integers(-6, 6), min_size=3, max_size=5), st.data())
def test_pearson_form(u, data):
    """Spec §4.1: IA = 1 - sqrt((1 - rho)/2) under EPIC (exact)."""
    v = data.draw(st.lists(st.integers(-6, 6), min_size=len(u), max_size=len(u)))
    if len(set(u)) == 1 or len(set(v)) == 1:
        return
    rho = pearson_correlation(u, v)
    assert same(pairwise_alignment(u, v), 1 - sqrt((1 - rho) / 2))


@given(st.lists(st.integers(-6, 6), min_size=2, max_size=5),
       st.fractions(min_value=sympy.Rational(1, 3), max_value=5), st.integers(-3, 3))
def test_identical_and_opposite(u, lam, beta):
    """IA = 1 for positive affine copies and 0 for negated ones (EPIC and MAX)."""
    if len(set(u)) == 1:
        return
    v = [lam * a + beta for a in u]
    for std in (EPIC, MAX):
        assert pairwise_alignment(u, v, std) == 1
        assert pairwise_alignment(u, [-a for a in v], std) == 0


def test_other_norms_and_symbolic():
    l1 = Standardisation("mean", "L1", 1)
    assert pairwise_alignment([0, 1], [1, 0], l1) == 0
    x = sympy.Symbol("x", positive=True)
    assert epic_distance([0, x, 2 * x], [0, 1, 2]) == 0


def test_collective_alignment_uses_the_delegation_games_welfare_weights():
    """CA weights each member's magnitude by lambda_i (spec §4.2 with welfare weights): scaling
    agent i's utility by lambda_i leaves nu_i unchanged and multiplies m_i by lambda_i, so the
    weighted CA of (u_0, u_1) with weights (3, 1) equals the unweighted CA of (3 u_0, u_1)."""
    from symalign.delegation import DelegationGame
    A0, A1 = [[3, 0], [5, 1]], [[3, 5], [0, 1]]
    P0, P1 = [[1, 0], [0, 2]], [[2, 0], [0, 1]]
    weighted = DelegationGame.from_arrays([A0, A1], [P0, P1], weights=[3, 1])
    scaled = DelegationGame.from_arrays([[[3 * x for x in r] for r in A0], A1], [P0, P1])
    ca_w = collective_alignment(weighted, "agents")
    assert ca_w == collective_alignment(scaled, "agents")
    assert ca_w != collective_alignment(weighted, "agents", weights=[1, 1])
    assert collective_alignment(weighted, "agents", weights=[3, 1]) == ca_w


def test_collective_alignment_without_group_is_deprecated():
    """Before issue 13 the default group was the agents; it still is, with a warning."""
    from symalign.delegation import DelegationGame
    dg = DelegationGame.from_arrays([[[3], [0]], [[0], [2]]], [[[1], [0]], [[0], [2]]])
    with pytest.warns(DeprecationWarning, match="group"):
        assert collective_alignment(dg) == collective_alignment(dg, "agents") == Rational(1, 25)


def test_total_misalignment_weights_by_the_principals_magnitudes():
    """Issue 19 survivor. Agents -2 x (stag hunt), principals the stag hunt (u = (2,1,1,10)).

    Each agent's standardised utility is the negation of its principal's, so d_i = 1 (§4.1);
    the principals' EPIC magnitude is sqrt(57) (§3.4) and the agents' 2 sqrt(57). Total
    misalignment sum_i mhat_i d_i = 2 sqrt(57); weighting by the agents' magnitudes would give
    4 sqrt(57), which is the value with the roles swapped.
    """
    sh = sa.games.stag_hunt()
    agents = sa.Game.from_arrays(*[-2 * a for a in sh.sympy_array()])
    assert total_misalignment(DelegationGame(agents, sh)) == 2 * sqrt(57)
    assert total_misalignment(DelegationGame(sh, agents)) == 4 * sqrt(57)
