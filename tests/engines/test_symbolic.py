"""Tests for symalign.engines.symbolic: three-valued decisions that never guess."""

import sympy

from symalign.engines.symbolic import closed, decide, is_zero, sign_nonneg, smax, smin

x = sympy.Symbol("x", positive=True)
y = sympy.Symbol("y", real=True)
T, R, P, S = sympy.symbols("T R P S")


def test_linear_chains_decided_by_exact_lp():
    """T > R > P > S implies S < R (a chain the LP proves) and leaves 2R vs T + S open."""
    A = [T > R, R > P, P > S]
    assert decide(S < R, A) is True
    assert decide(S > R, A) is False
    assert decide(2 * R > T + S, A) is None
    assert decide(3 * y - 1 > 0, [y > sympy.Rational(1, 3)]) is True


def test_univariate_polynomials_by_root_counting():
    """x^2 - 3x + 2 = (x - 1)(x - 2): positive for x > 2 and x < 1, negative between.
    3x^2 - 2x + 3 has discriminant 4 - 36 < 0, so it is positive for every real x."""
    assert decide(x**2 - 3 * x + 2 > 0, [x > 3]) is True
    assert decide(x**2 - 3 * x + 2 > 0, [x < 1]) is True
    assert decide(x**2 - 3 * x + 2 > 0, []) is None
    assert decide(x**2 - 3 * x + 2 < 0, [x > 1, x < 2]) is True
    assert decide(3 * y**2 - 2 * y + 3 > 0) is True


def test_roots_of_positive_polynomials_are_nonzero():
    assert is_zero(2 * sympy.sqrt(3 * y**2 / 4 - y / 2 + sympy.Rational(3, 4))) is False
    assert is_zero(sympy.sqrt(y**2 - 2 * y + 1)) is None  # zero at y = 1
    assert is_zero((x + 1) ** 2 - x**2 - 2 * x - 1) is True


def test_maxima_prune_only_what_is_proved():
    assert smax([x, x + 1, 2 * x]) == sympy.Max(x + 1, 2 * x)
    assert smax([x, x + 1, 2 * x], [x > 1]) == 2 * x
    assert smin([T, R, P, S], [T > R, R > P, P > S]) == S
    assert sign_nonneg(T - S, [T > R, R > P, P > S]) is True
    assert sign_nonneg(R - T, [T > R]) is None


def test_closed_form_resolves_maxima():
    assert closed(sympy.Max(y, 0), [y > 1]) == y
    pw = closed(sympy.Max(y, 0))
    assert isinstance(pw, sympy.Piecewise)
    for v in (-2, 0, 3):
        assert pw.subs(y, v) == max(v, 0)
