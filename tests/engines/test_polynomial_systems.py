"""Tests for symalign.engines.polynomial_systems: exact real solutions of polynomial systems.

Expected values are derived by hand in each docstring (quadratic formula, cube roots) or
compared with numpy's floating-point roots (an independent implementation).
"""

from __future__ import annotations

from fractions import Fraction

import flint
import numpy as np
import sympy

from symalign.engines.polynomial_systems import (
    RealAlgebraic,
    RealRoot,
    minimal_polynomial,
    real_solutions,
)

F = Fraction


def P(terms):
    """{exponent tuple: coefficient} with Fraction coefficients."""
    return {tuple(m): F(c) for m, c in terms.items()}


def test_square_root_of_two():
    """x^2 - 2 = 0: x = -sqrt(2) and sqrt(2), with exact signs."""
    sol = real_solutions([P({(2,): 1, (0,): -2})], 1)
    assert sol.kind == "finite"
    vals = sorted((pt[0] for pt in sol.points), key=float)
    assert [v.to_sympy() for v in vals] == [-sympy.sqrt(2), sympy.sqrt(2)]
    assert [v.sign() for v in vals] == [-1, 1]


def test_golden_ratio_system():
    """x + y = 1, xy = -1: x is a root of t^2 - t - 1, x = (1 +- sqrt 5)/2, y = 1 - x."""
    sol = real_solutions([P({(1, 0): 1, (0, 1): 1, (0, 0): -1}),
                          P({(1, 1): 1, (0, 0): 1})], 2)
    pts = sorted(((x.to_sympy(), y.to_sympy()) for x, y in sol.points), key=lambda p: float(p[0]))
    s5 = sympy.sqrt(5)
    assert pts == [(sympy.Rational(1, 2) - s5 / 2, sympy.Rational(1, 2) + s5 / 2),
                   (sympy.Rational(1, 2) + s5 / 2, sympy.Rational(1, 2) - s5 / 2)]


def test_cubic_roots_match_numpy():
    """x^3 - 3x + 1 has three real roots (2 cos(2 pi k / 9)-type); compare with numpy."""
    sol = real_solutions([P({(3,): 1, (1,): -3, (0,): 1})], 1)
    ours = sorted(float(pt[0]) for pt in sol.points)
    ref = sorted(np.roots([1, 0, -3, 1]).real)
    assert np.allclose(ours, ref, atol=1e-12)
    crs = [pt[0].to_sympy() for pt in sol.points]
    assert all(isinstance(c, sympy.CRootOf) for c in crs)


def test_non_radical_cyclic():
    """x^2 = 0, y = x: one point (0, 0), of multiplicity 2."""
    sol = real_solutions([P({(2, 0): 1}), P({(0, 1): 1, (1, 0): -1})], 2)
    assert [(x.to_sympy(), y.to_sympy()) for x, y in sol.points] == [(0, 0)]


def test_non_radical_needs_the_radical():
    """x^2 = y^2 = xy = 0: the quotient has basis 1, x, y and every linear form squares to
    0, so no linear form generates it; the radical (x, y) gives the one point (0, 0)."""
    sol = real_solutions([P({(2, 0): 1}), P({(0, 2): 1}), P({(1, 1): 1})], 2)
    assert [(x.to_sympy(), y.to_sympy()) for x, y in sol.points] == [(0, 0)]


def test_empty_and_positive_dimensional():
    assert real_solutions([P({(1,): 1, (0,): -1}), P({(1,): 1, (0,): -2})], 1).kind == "empty"
    pos = real_solutions([P({(1, 1): 1})], 2)              # xy = 0: two lines
    assert pos.kind == "positive" and pos.dim == 1
    assert real_solutions([], 2).kind == "positive"
    assert real_solutions([], 0).points == ((),)


def test_complex_only_solutions_give_no_point():
    """x^2 + 1 = 0 has no real solution."""
    sol = real_solutions([P({(2,): 1, (0,): 1})], 1)
    assert sol.kind == "finite" and sol.points == ()


def test_cube_root_of_two_arithmetic():
    """alpha = 2^(1/3) = 1.2599210498...: alpha^2 has minimal polynomial t^3 - 4;
    alpha - 12599/10000 > 0 > alpha - 63/50, decided exactly."""
    q = flint.fmpq_poly([-2, 0, 0, 1])
    root = RealRoot(q, F(1), F(2), 0)
    alpha = RealAlgebraic(root, flint.fmpq_poly([0, 1]))
    sq = alpha * alpha
    assert minimal_polynomial(sq) == flint.fmpq_poly([-4, 0, 0, 1])
    assert (alpha - F(12599, 10000)).sign() == 1
    assert (alpha - F(63, 50)).sign() == -1
    assert (alpha * alpha * alpha - 2).sign() == 0
    assert abs(float(sq) - 2 ** (2 / 3)) < 1e-12
    assert sq.to_sympy() == sympy.CRootOf(sympy.Symbol("x") ** 3 - 4, 0)


def test_quotient_size_budget():
    """x^3 = 1 has 3 complex solutions: over a budget of 2 it is refused by name."""
    import pytest

    import symalign as sa
    with sa.limits(max_cases=2), pytest.raises(sa.ResourceLimitError, match="max_cases"):
        real_solutions([P({(3,): 1, (0,): -1})], 1)


def test_solutions_from_a_child_process():
    """`real_solutions_within` solves in a child process and rebuilds the exact points: for
    x + y = 1, x y = -1 (x^2 - x - 1 = 0), x = (1 -+ sqrt 5)/2 and y = 1 - x, and both
    coordinates of a point share one root (y + x - 1 has sign 0 exactly); x y = 0 is two
    lines, a positive-dimensional set."""
    from symalign.engines.polynomial_systems import real_solutions_within
    s5 = sympy.sqrt(5)
    sol = real_solutions_within([P({(1, 0): 1, (0, 1): 1, (0, 0): -1}),
                                 P({(1, 1): 1, (0, 0): 1})], 2, 60)
    assert sol.kind == "finite"
    got = sorted(((x.to_sympy(), y.to_sympy()) for x, y in sol.points), key=lambda t: float(t[0]))
    assert got == [((1 - s5) / 2, (1 + s5) / 2), ((1 + s5) / 2, (1 - s5) / 2)]
    for x, y in sol.points:
        assert x.root is y.root and (x + y - F(1)).sign() == 0 and (x * y + F(1)).sign() == 0
    pos = real_solutions_within([P({(1, 1): 1})], 2, 60)
    assert pos.kind == "positive" and pos.dim == 1
