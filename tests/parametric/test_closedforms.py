"""Tests for symalign.parametric.closedforms: Piecewise closed forms, regions with witnesses, LP-decided cases."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

import symalign as sa

pytest.importorskip("symalign.engines.lp")

T, R, P, S = sympy.symbols("T R P S")
PD = sa.games.prisoners_dilemma(T, R, P, S)
ORDER = [T > R, R > P, P > S]

pos = st.fractions(min_value=Fraction(1, 20), max_value=10, max_denominator=20)
any_q = st.fractions(min_value=-10, max_value=10, max_denominator=20)


def test_pd_alpha_single_closed_form_with_full_assumptions():
    """T > R > P > S and 2R > T + S: OPT = 2R (cooperation), U* = 2T, alpha = 2R - 2T."""
    assert sa.alpha(PD, assumptions=[*ORDER, 2 * R > T + S]) == 2 * R - 2 * T


def test_pd_alpha_two_branch_piecewise_without_2r_assumption():
    """Without 2R > T + S, OPT = max(2R, T + S) (P < R rules out 2P): two branches."""
    a = sa.alpha(PD, assumptions=ORDER)
    assert isinstance(a, sympy.Piecewise) and len(a.args) == 2
    values = {sympy.expand(v) for v, _ in a.args}
    assert values == {2 * R - 2 * T, S - T}


@given(any_q, pos, pos, pos)
def test_pd_piecewise_agrees_with_numeric_games(s, d1, d2, d3):
    a = sa.alpha(PD, assumptions=ORDER)
    point = {S: s, P: s + d1, R: s + d1 + d2, T: s + d1 + d2 + d3}
    point = {k: sympy.Rational(v.numerator, v.denominator) for k, v in point.items()}
    assert a.subs(point) == sa.alpha(PD.subs(point))


def test_generic_2x2_regions_have_valid_witnesses():
    g = sa.games.symbolic_game((2, 2))
    regs = _regions_cache()
    assert len(regs) >= 2
    for r in regs:
        assert r.witness is not None and r.decided
        assert r.condition.subs(r.witness) is sympy.true
        numeric = g.subs(r.witness)
        assert r.value.subs(r.witness) == sa.alpha(numeric)


@example([Fraction(0)] * 8)                                 # every payoff tied
@example([Fraction(v) for v in (1, 1, 0, 0, 1, 1, 0, 0)])  # ties between OPT candidates
@given(st.lists(any_q, min_size=8, max_size=8) | st.lists(st.sampled_from(
    [Fraction(0), Fraction(1), Fraction(2)]), min_size=8, max_size=8))
def test_generic_2x2_regions_partition_the_space(values):
    """Issue 14, point 6: exactly one region holds at every point, boundaries (ties, drawn
    often from {0, 1, 2}) included, and its value is the numeric alpha there."""
    g = sa.games.symbolic_game((2, 2))
    regs = _regions_cache()
    syms = sorted(g.free_symbols, key=lambda s: s.name)
    point = {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip(syms, values)}
    numeric = sa.alpha(g.subs(point))
    holding = [r for r in regs if r.condition.subs(point) is sympy.true]
    assert len(holding) == 1, "the regions must partition the space"
    assert holding[0].value.subs(point) == numeric


def test_regions_keep_lower_dimensional_cases():
    """A value that differs on a boundary: Piecewise((1, Eq(x, 0)), (x, True)) has the
    region x = 0 (no interior) with its own value and a witness; closed_form's cover drops
    it, the partition must not."""
    x = sympy.Symbol("x")
    regs = sa.case_analysis(sympy.Piecewise((1, sympy.Eq(x, 0)), (x + 2, True)),
                            partition=True)
    for v in (-2, -1, 0, sympy.Rational(1, 3), 5):
        (r,) = [r for r in regs if r.condition.subs(x, v) is sympy.true]
        assert r.value.subs(x, v) == (1 if v == 0 else v + 2)
    assert all(r.witness is not None and r.condition.subs(r.witness) for r in regs)


_CACHE = {}


def _regions_cache():
    if "r" not in _CACHE:
        _CACHE["r"] = sa.regions(sa.alpha, sa.games.symbolic_game((2, 2)))
    return _CACHE["r"]


def test_regions_of_numeric_game_is_one_region():
    (r,) = sa.regions(sa.alpha, sa.games.chicken())
    assert r.value == -2 and r.condition is sympy.true


def test_closed_form_drops_only_proved_empty_cases():
    x, y = sympy.symbols("x y")
    assert sa.closed_form(sympy.Max(x, y), [x > y]) == x
    pw = sa.closed_form(sympy.Max(x, y) + sympy.Min(x, 0))
    assert isinstance(pw, sympy.Piecewise)
    for px, py in [(1, 2), (2, 1), (-1, 3), (-3, -5), (0, 0)]:
        assert pw.subs({x: px, y: py}) == max(px, py) + min(px, 0)


def test_max_welfare_symbolic_uses_lp_to_prune():
    """With T > R > P > S, 2P < 2R is pruned by the LP, leaving max(2R, T + S)."""
    opt = sa.max_welfare(PD, assumptions=ORDER)
    assert {sympy.expand(v) for v, _ in opt.args} == {2 * R, T + S}


def test_infeasible_assumptions_are_reported():
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x, 0]], [[0, x]])
    with pytest.raises(sa.SymalignError):
        sa.alpha(g, assumptions=[x > 1, x < 0])


def test_case_budget_is_a_resource_limit():
    g = sa.games.symbolic_game((2, 2))
    with sa.limits(max_cases=3):
        with pytest.raises(sa.ResourceLimitError, match="max_cases"):
            sa.regions(sa.alpha, g)


def test_timeout_bounds_the_case_analysis():
    """settings.timeout bounds long symbolic work: a zero budget stops the case analysis
    (and the parametric enumeration) with a ResourceLimitError naming the setting."""
    g = sa.games.symbolic_game((2, 2))
    with sa.limits(timeout=0):
        with pytest.raises(sa.ResourceLimitError, match="timeout"):
            sa.regions(sa.alpha, g)
        with pytest.raises(sa.ResourceLimitError, match="timeout"):
            sa.nash_equilibria(sa.games.stag_hunt(2, 1, 1, sympy.Symbol("m")))


def test_regions_of_a_non_linear_family_partition_and_drop_empty_cases():
    """Payoffs with x^2: the comparisons factor into linear factors (x^2 <= 1 iff
    -1 <= x <= 1), so the sign cases decide them and impossible cases such as
    (1 >= x) & (x > 2) are dropped (issue 14). On a grid with the boundary points -1, 0, 1, 2
    exactly one region holds and gives the numeric alpha."""
    from symalign.parametric.conditions import condition_satisfiable
    x = sympy.Symbol("x")
    g = sa.Game.from_arrays([[x**2, 1], [0, x]], [[1, 0], [x, 2]])
    regs = sa.regions(sa.alpha, g)
    assert all(condition_satisfiable(r.condition) is not False for r in regs)
    for v in [sympy.Rational(k, 4) for k in range(-16, 17)]:
        (r,) = [r for r in regs if r.condition.subs(x, v) is sympy.true]
        assert r.value.subs(x, v) == sa.alpha(g.subs(x, v))
