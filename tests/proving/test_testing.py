"""Tests for symalign.proving.testing: the strategies draw what they promise, exactly; the helpers catch floats.

The strategies are also used here for library properties (spec §3.1, §3.4, §4) with exact ``==``.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from sympy import Float, Rational

import symalign as sa
from symalign.proving.testing import (
    assert_exact_equal,
    assert_no_float,
    common_payoff_games,
    constant_sum_games,
    correlated_profiles,
    delegation_games,
    games,
    mixed_profiles,
    rationals,
    symbolic_games,
    zero_sum_games,
)

T = importlib.import_module("symalign.proving.testing")
FAST = settings(max_examples=25, deadline=None)


@pytest.mark.parametrize("name", ["rationals", "games", "common_payoff_games", "zero_sum_games",
                                  "constant_sum_games", "delegation_games", "distributions"])
def test_parameters_are_keyword_only_with_hints(name):
    sig = inspect.signature(getattr(T, name))
    params = [p for p in sig.parameters.values() if p.name not in ("k",)]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params), name
    assert all(p.annotation is not inspect.Parameter.empty for p in params), name


@FAST
@given(rationals(max_denominator=5, bound=3))
def test_rationals(r):
    assert isinstance(r, sympy.Rational) and -3 <= r <= 3 and r.q <= 5


@FAST
@given(games(n_players=3, max_actions=2, denominator=3))
def test_games_shape_and_exactness(g):
    assert g.n_players == 3 and all(1 <= k <= 2 for k in g.shape) and g.is_numeric
    assert all(v.q <= 3 for v in g.sympy_array().reshape(-1))
    assert_no_float(g)


@FAST
@given(games(shape=(2, 3)))
def test_games_fixed_shape(g):
    assert g.shape == (2, 3)


@FAST
@given(common_payoff_games(max_actions=3))
def test_common_payoff(g):
    """Spec §4 and §3.4: common-payoff games are UPE, so alpha = 0."""
    assert sa.is_common_payoff(g) and sa.alpha(g) == 0


@FAST
@given(zero_sum_games(n_players=3, max_actions=2))
def test_zero_sum(g):
    assert sa.is_zero_sum(g) and sa.max_welfare(g) == 0


@FAST
@given(constant_sum_games(constant=5))
def test_constant_sum_alpha(g):
    """Spec §3.4: constant-sum with W = c has alpha = c - U*."""
    assert sa.is_constant_sum(g)
    assert_exact_equal(sa.alpha(g), 5 - sa.utopia_welfare(g))


@FAST
@given(symbolic_games((2, 2)))
def test_symbolic_games(g):
    assert not g.is_numeric and g.free_symbols <= set(sympy.symbols("x y", real=True))


@FAST
@given(games(max_actions=3).flatmap(lambda g: mixed_profiles(g).map(lambda s: (g, s))))
def test_mixed_profiles_and_coordination_inequality(gs):
    """Spec §3.1: W(sigma) <= OPT <= U* at every mixed profile."""
    g, s = gs
    assert s.shape == g.shape and all(sum(d) == 1 and min(d) >= 0 for d in s.strategies)
    assert sa.welfare(g, s) <= sa.max_welfare(g) <= sa.utopia_welfare(g)


@FAST
@given(games(max_actions=3).flatmap(lambda g: correlated_profiles(g).map(lambda m: (g, m))))
def test_correlated_profiles_and_gap_identity(gm):
    """Spec §3.2: U* - W(mu) = AG + CG(mu), exactly."""
    g, mu = gm
    assert sum(mu.probabilities.reshape(-1)) == 1
    assert_exact_equal(sa.utopia_welfare(g) - sa.welfare(g, mu),
                       sa.alignment_gap(g) + sa.coordination_gap(g, mu))


@FAST
@given(delegation_games(n_players=2))
def test_delegation_games(dg):
    from symalign.delegation import DelegationGame
    assert isinstance(dg, DelegationGame) and dg.n == 2


@FAST
@given(games(max_actions=3), rationals(bound=5).filter(lambda r: r > 0), rationals(bound=5))
def test_alpha_translation_and_common_scaling(g, a, b):
    """Spec §3.4: alpha(a u + b) = a alpha(u) for a > 0 (exact ==)."""
    U = g.sympy_array()
    h = sa.Game([a * U[i] + b for i in range(g.n_players)])
    assert_exact_equal(sa.alpha(h), a * sa.alpha(g))


# -- assertion helpers ---------------------------------------------------------------------------

def test_assert_exact_equal_passes():
    assert_exact_equal(Rational(1, 2), sympy.Integer(1) / 2)
    assert_exact_equal(sympy.sqrt(8), 2 * sympy.sqrt(2))
    assert_exact_equal((1, [Rational(2, 3)]), (1, [Rational(2, 3)]))
    assert_exact_equal({"a": sympy.sqrt(2) / 2}, {"a": 1 / sympy.sqrt(2)})
    assert_exact_equal(np.array([1, 2], dtype=object), [1, 2])


@pytest.mark.parametrize("a, b", [
    (Rational(1, 2), 0.5),
    (Float("0.5"), Rational(1, 2)),
    (sympy.Symbol("x") + Float("0.1"), sympy.Symbol("x")),
    ((1, 2.0), (1, 2)),
])
def test_assert_exact_equal_rejects_floats(a, b):
    with pytest.raises(AssertionError, match="float"):
        assert_exact_equal(a, b)


@pytest.mark.parametrize("a, b", [(Rational(1, 3), Rational(1, 2)), ((1, 2), (1, 2, 3)),
                                  (sympy.sqrt(2), Rational(141421, 100000))])
def test_assert_exact_equal_rejects_differences(a, b):
    with pytest.raises(AssertionError, match="exact"):
        assert_exact_equal(a, b)


@dataclasses.dataclass(frozen=True)
class _Rec:
    value: object
    more: object = None


@pytest.mark.parametrize("obj", [
    0.5,
    (1, 2, [3, 0.25]),
    {"k": Float("1.5")},
    _Rec(Rational(1, 2), more=(sympy.Symbol("x") * Float("2.0"),)),
    np.array([1.0, 2.0]),
    np.array([Rational(1, 2), 0.5], dtype=object),
])
def test_assert_no_float_catches(obj):
    with pytest.raises(AssertionError, match="float"):
        assert_no_float(obj)


def test_assert_no_float_walks_library_records():
    r = sa.ca_inequalities(sa.games.prisoners_dilemma(), [["1/2", "1/2"], ["1/3", "2/3"]])
    assert_no_float(r)
    assert_no_float(sa.games.chicken())
    assert_no_float(sa.MixedProfile([["1/2", "1/2"], [1, 0]]))
