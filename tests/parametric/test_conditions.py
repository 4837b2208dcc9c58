"""Tests for symalign.parametric.conditions: satisfiability of a condition by exact LP.

Each expectation is a hand derivation in the test's docstring or comment.
"""

import sympy

from symalign.parametric.conditions import condition_satisfiable

x, y = sympy.symbols("x y")


def test_impossible_interval_and_negative_square():
    """(x > 2) & (x < -1) is empty (issue 14); a square is never negative; a product of two
    linear factors is negative exactly between its roots, so x (x - 1) < 0 holds at 1/2."""
    assert condition_satisfiable((x > 2) & (x < -1)) is False
    assert condition_satisfiable((x - 1) ** 2 < 0) is False
    assert condition_satisfiable(x * (x - 1) < 0) is True
    assert condition_satisfiable(x * (x - 1) < 0, [x > 1]) is False


def test_disjunctions_negations_and_equalities():
    """Or holds if one side can; Not(x >= 0) is x < 0; Eq((x - 1)(x + 1), 0) with x > 0 has
    the root x = 1; Ne(x, 0) is impossible only when x is pinned at 0."""
    assert condition_satisfiable(((x > 2) & (x < -1)) | (y > 0)) is True
    assert condition_satisfiable(sympy.Not(x >= 0), [x > 0]) is False
    assert condition_satisfiable(sympy.Eq((x - 1) * (x + 1), 0), [x > 0]) is True
    assert condition_satisfiable(sympy.Eq((x - 1) * (x + 1), 0), [x > 2]) is False
    assert condition_satisfiable(sympy.Ne(x, 0), [x >= 0, x <= 0]) is False


def test_rational_functions_split_on_the_denominator():
    """1/(x - y) > 0 and 1/(y - x) > 0 cannot both hold; x/(y + 1) > 0 with y > 0 can."""
    assert condition_satisfiable((1 / (x - y) > 0) & (1 / (y - x) > 0)) is False
    assert condition_satisfiable(x / (y + 1) > 0, [y > 0]) is True


def test_non_linear_factors_are_undecided():
    """x^2 + y^2 - 1 is an irreducible quadratic: the LP cannot decide, so None (not False)."""
    assert condition_satisfiable(x**2 + y**2 - 1 < 0) is None


def test_radicals_and_piecewise_are_undecided_not_errors():
    """Conditions with square roots or Piecewise are not rational functions: None."""
    c = 2 * x - 2 * sympy.sqrt(3 * x**2 / 4 - x / 2 + sympy.Rational(3, 4)) + sympy.Piecewise(
        (2, x <= 1),
        (2 * x, True)) > 0
    assert condition_satisfiable(c) is None
    assert condition_satisfiable((sympy.sqrt(x) > 1) & (x > 2)) is None
