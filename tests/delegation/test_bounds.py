"""Tests of symalign.delegation.bounds (spec delegation_games.md §7, §12)."""

import pytest
import sympy
from hypothesis import given, settings, strategies as st
from sympy import Rational, sqrt

import symalign as sa

from symalign.delegation.bounds import (all_bounds, check_bounds, form_a, form_a1, form_c, form_p, prop_b,
                             tightness)
from symalign.delegation.constructions import (alignment_example, calibration_example, cooperation_example,
                                    random_delegation_game, random_regret_profile,
                                    soft_vegetarian_bots)
from symalign.delegation import DelegationGame
from symalign.core.errors import UndefinedMetricError
from symalign.delegation.estimation import played_set
from symalign.core.profiles import CorrelatedProfile
from symalign.delegation.standardisation import EPIC, MAX, Standardisation, mean_under


def test_cooperation_necessary_tight():
    """Spec §12.2: IA = 1, r = 1, WR = WR_hat = 16 at FF; Form A with R = 1 gives exactly 16."""
    ex = cooperation_example()
    b = form_a(ex.game, ex.profile, R=1)
    assert (b.regret, b.value, b.cooperation, b.alignment, b.calibration) == (16, 16, 16, 0, 0)
    assert b.holds and tightness(b) == 1
    assert form_a1(ex.game, ex.profile).value == 16


def test_alignment_necessary_cap_binds():
    """Spec §12.3: WR = 0, WR_hat = 18; Form A (R = 1) = 4 * 2 sqrt(57) = 8 sqrt(57); the cap
    K_m sum m_hat = sqrt(2) * 2 sqrt(57) = 2 sqrt(114) binds."""
    ex = alignment_example()
    b = form_a(ex.game, ex.profile, R=1, cap=False)
    assert (b.regret, b.value) == (18, 8 * sqrt(57))
    c = form_a(ex.game, ex.profile)
    assert c.value == 2 * sqrt(114) and c.details["binding"] == "cap" and c.holds


def test_calibration_necessary_values():
    """Spec §12.4: Form A at R = 0, 1/3, 1: 3, 4/3, 2; optimum 4/3; cap 3; Form C 48 sqrt(2)/25;
    Prop B: 1 <= 4 sqrt(2)/3."""
    ex = calibration_example()
    dg, a = ex.game, ex.profile
    assert [form_a(dg, a, R=R, cap=False).value for R in (0, Rational(1, 3), 1)] == \
        [3, Rational(4, 3), 2]
    b = form_a(dg, a)
    assert (b.value, b.details["R"], b.details["cap"]) == (Rational(4, 3), Rational(1, 3), 3)
    assert form_c(dg, a).value == 48 * sqrt(2) / 25
    pb = prop_b(dg)
    assert (pb.regret, pb.value, pb.holds) == (1, 4 * sqrt(2) / 3, True)
    assert tightness(b) == Rational(3, 4)


def test_form_a1_refuses_miscalibrated():
    """§7.5: on §12.4 the A1 formula with r = 1 would give WR + 4 sum m_hat d = 0 < WR_hat = 1,
    a violation; the record refuses instead of returning a number."""
    ex = calibration_example()
    b = form_a1(ex.game, ex.profile)
    assert not b.holds_hypotheses and b.value is None and "calibrated" in b.reason
    with pytest.raises(UndefinedMetricError):
        tightness(b)


def test_soft_vegetarian_bots():
    """Spec §12.5: WR = 0, WR_hat = 16; Form A1 (R = r) = 4 sum m_hat d ~ 32.15; cap ~ 21.35."""
    ex = soft_vegetarian_bots()
    b1 = form_a1(ex.game, ex.profile)
    assert b1.holds_hypotheses and abs(float(b1.value) - 32.15) < 0.01 and b1.regret == 16
    a = form_a(ex.game, ex.profile)
    assert a.value == 2 * sqrt(114) and abs(float(a.value) - 21.35) < 0.01 and a.holds


def test_form_p_stag_hunt():
    """Average form at FF with CC = 0: (1 - 0)(10 - 2) + 0 + 0 + 0 = 8 = WR_hat (tight)."""
    sh = sa.games.stag_hunt()
    dg = DelegationGame(sh, sh, welfare="average")
    b = form_p(dg, (0, 0), cc=0)
    assert (b.value, b.regret, b.holds) == (8, 8, True)
    bad = form_p(dg, (0, 0), cc=1)          # FF's welfare 2 is below the window's end 10
    assert not bad.holds_hypotheses and "window" in bad.reason
    assert not form_p(DelegationGame(sa.games.matching_pennies(), sh), (0, 0), cc=0) \
        .holds_hypotheses


def test_hypotheses_reported():
    """Agent 0 is indifferent (m_0 = 0): Form A uses the §7.4 extension; A1 and C need H4."""
    dg = DelegationGame.from_arrays([[[1], [1], [1]], [[0], [1], [2]]],
                                    [[[1], [2], [3]], [[3], [2], [1]]])
    a = form_a(dg, (0, 0))
    assert a.holds_hypotheses and a.holds
    assert not form_a1(dg, (0, 0)).holds_hypotheses
    assert "H4" in form_c(dg, (0, 0)).reason
    assert not form_a(cooperation_example().game, (0, 0), R=-1).holds_hypotheses
    d = mean_under(["1/4"] * 4)
    assert not form_c(cooperation_example().game, (0, 0), standardisation=d).holds_hypotheses
    assert not prop_b(cooperation_example().game, standardisation=d).holds_hypotheses


def test_all_bounds_and_check_agree_on_examples():
    for ex in (cooperation_example(), alignment_example(), calibration_example(),
               soft_vegetarian_bots()):
        for std in (EPIC, MAX):
            recs = all_bounds(ex.game, ex.profile, standardisation=std)
            exact = {k: (r.holds if r.holds_hypotheses else None)
                     for k, r in zip(("A", "A1", "C", "B"), recs)}
            assert check_bounds(ex.game, ex.profile, standardisation=std).verdicts == exact
            assert all(v in (True, None) for v in exact.values())


def _random_instances(count, std, seed0, magnitudes=None):
    for s in range(seed0, seed0 + count):
        mags = None
        if magnitudes:
            mags = [Rational(1 + (s * 7 + 3 * i) % 5, 2) for i in range(4)]
        dg = random_delegation_game(4, 4, seed=s, standardisation=std, agent_magnitudes=mags)
        yield dg, random_regret_profile(dg, seed=s + 10**6, standardisation=std)


@pytest.mark.parametrize("std,miscal", [(MAX, False), (MAX, True), (EPIC, True)])
def test_bounds_hold_on_1000_random_games(std, miscal):
    """Every bound holds exactly on 1000 seeded games of the 3-D setting (§11.3): Form A, C and
    Prop B always apply; Form A1 applies exactly when the ratios are equal."""
    seen_a1 = 0
    for dg, mu in _random_instances(1000, std, 1 + 5000 * miscal, magnitudes=miscal):
        v = check_bounds(dg, mu, standardisation=std).verdicts
        assert v["A"] is True and v["C"] is True and v["B"] is True, v
        assert v["A1"] in (True, None)
        seen_a1 += v["A1"] is True
    if not miscal:
        assert seen_a1 == 1000          # m_hat_i = m_i = 1: perfectly calibrated


def test_fast_validator_matches_exact_records():
    """The interval validator and the exact sympy records give the same verdicts."""
    for std, miscal in ((MAX, True), (EPIC, True), (MAX, False)):
        for dg, mu in _random_instances(8, std, 777, magnitudes=miscal):
            recs = all_bounds(dg, mu, standardisation=std)
            exact = {k: (r.holds if r.holds_hypotheses else None)
                     for k, r in zip(("A", "A1", "C", "B"), recs)}
            assert check_bounds(dg, mu, standardisation=std).verdicts == exact


pairs = st.builds(lambda s, shape: DelegationGame(
    sa.games.random_game(shape, s, low=-4, high=4),
    sa.games.random_game(shape, s + 1, low=-4, high=4)),
    st.integers(0, 10**6), st.sampled_from([(2, 2), (2, 3), (3, 2)]))


@settings(max_examples=30)
@given(pairs, st.sampled_from([EPIC, MAX, Standardisation("mean", "L1", 1)]), st.data())
def test_form_a_any_R_and_mixed_profiles(dg, std, data):
    """Spec §7.4: Form A holds for every R >= 0 and any correlated profile (H3)."""
    w = [data.draw(st.integers(0, 3)) for _ in range(dg.n_outcomes)]
    if sum(w) == 0:
        w[0] = 1
    import numpy as np
    arr = np.array([Rational(x, sum(w)) for x in w], dtype=object).reshape(dg.shape)
    mu = CorrelatedProfile(arr)
    R = data.draw(st.sampled_from([0, Rational(1, 2), 1, 3]))
    b = form_a(dg, mu, R=R, standardisation=std)
    assert b.holds is True
    assert check_bounds(dg, mu, standardisation=std).verdicts["A"] is True


@settings(max_examples=25)
@given(pairs, st.sampled_from([0, Rational(1, 2), 1]), st.sampled_from([0, Rational(1, 2)]))
def test_form_p_on_played_sets(dg, cc, eps):
    """Spec §7.6: Form P holds for sigma uniform over a non-empty CC window (average form)."""
    dg = DelegationGame(dg.agents, dg.principals, welfare="average")
    try:
        S = played_set(dg, cc, eps)
    except UndefinedMetricError:
        return
    mu = CorrelatedProfile.from_dict(dg.shape, {a: Rational(1, len(S)) for a in S})
    b = form_p(dg, mu, cc=cc, eps=eps)
    if b.holds_hypotheses:
        assert b.holds is True
    else:
        assert "H4" in b.reason or "window" in b.reason


def test_weighted_and_average_forms():
    """Bounds use the welfare factors f_i (weights, 1/n): they hold on weighted games, and the
    average form is the sum form divided by n."""
    ex = calibration_example()
    for kw in ({"weights": [2, 1]}, {"welfare": "average"}):
        dg = DelegationGame(ex.game.agents, ex.game.principals, **kw)
        for b in all_bounds(dg, (0, 0)):
            assert b.holds in (True, None)
    avg = DelegationGame(ex.game.agents, ex.game.principals, welfare="average")
    assert form_a(avg, (0, 0)).value == Rational(4, 3) / 2


def test_symbolic_identical_agents_form_a_agrees_with_numeric():
    """Agents identical to their principals (IA = 1, r = 1): Form A at (0, 0) must agree with
    the numeric game's value at every substituted x (hand check at x = 2: the agents' optimum
    (0, 0) has welfare 4, so WR = WR_hat = 0 and the bound is the minimum of its candidates)."""
    x = sympy.Symbol("x", positive=True)
    g = sa.Game.from_arrays([[x, 0], [0, 1]], [[x, 0], [0, 1]])
    b = form_a(DelegationGame(g, g), (0, 0))
    for v in (2, 3, sympy.Rational(1, 2)):
        num = form_a(DelegationGame(g.subs(x, v), g.subs(x, v)), (0, 0))
        assert sympy.simplify(b.value.subs(x, v) - num.value) == 0



def test_symbolic_form_a_is_a_closed_form_that_agrees_with_numeric_games():
    """With a payoff parameter x > 0 the optimal-R and cap comparisons are not decided by any
    single region, so Form A's value is the minimum over the candidates, resolved into a
    Piecewise (undecided branches kept). Substituting any x must give the numeric game's value."""
    import sympy

    import symalign as sa

    x = sympy.Symbol("x", positive=True)
    principals = sa.Game.from_arrays([[x, 0], [0, 1]], [[x, 0], [0, 1]])
    agents = sa.Game.from_arrays([[1, 0], [0, x]], [[1, 0], [0, x]])
    b = sa.form_a(sa.DelegationGame(agents, principals), (1, 1))
    assert b.value.free_symbols == {x}
    for v in (sympy.Rational(1, 2), 2, 3, sympy.Rational(7, 3)):
        numeric = sa.form_a(sa.DelegationGame(agents.subs(x, v), principals.subs(x, v)), (1, 1))
        assert sympy.simplify(b.value.subs(x, v) - numeric.value) == 0
        holds = b.holds if isinstance(b.holds, bool) else bool(b.holds.subs(x, v))
        assert holds is numeric.holds is True
