"""Canonical closed forms (engines/piecewise.py, issue 14): the speed-related rules.

Expected values are derived by hand in each docstring.
"""

import sympy

from symalign.engines.piecewise import _plainly_empty, closed_abs, tidy_unless_large

x, y, z = sympy.symbols("x y z", real=True)


def test_abs_of_x_and_of_minus_x_split_on_the_same_condition():
    """|x - y| = |y - x|: both closed forms split on one condition (so that a case analysis
    over both meets one split, not two), and both equal |x - y| at points on either side
    and on the tie: (x, y) = (3, 1) -> 2, (1, 3) -> 2, (2, 2) -> 0."""
    a, b = closed_abs(x - y), closed_abs(y - x)
    assert isinstance(a, sympy.Piecewise) and isinstance(b, sympy.Piecewise)
    assert a.args[0].cond == b.args[0].cond
    for pt, v in (({x: 3, y: 1}, 2), ({x: 1, y: 3}, 2), ({x: 2, y: 2}, 0)):
        assert a.subs(pt) == v and b.subs(pt) == v


def test_plainly_empty_negated_conjunctions():
    """Under x >= 0, y >= 0: ~(x >= 0 & y >= 0) is false (both conjuncts are assumed), so
    the region is empty; with a condition c = (z > x) in the region, ~(x >= 0 & z > x)
    is false too; ~(x >= 0 & z > x) with z <= x assumed holds (z > x is false), so the
    region {z <= x, ~(...)} is not empty; x > 1 with x < 0 is empty by the LP."""
    A = (x >= 0, y >= 0)
    assert _plainly_empty([sympy.Not(sympy.And(x >= 0, y >= 0))], A)
    assert _plainly_empty([z > x, sympy.Not(sympy.And(x >= 0, z > x))], A)
    assert not _plainly_empty([z <= x, sympy.Not(sympy.And(x >= 0, z > x))], A)
    assert _plainly_empty([x > 1], (x < 0,))
    assert not _plainly_empty([x > 1], A)


def test_extreme_skips_plainly_empty_branches(monkeypatch):
    """min(Piecewise((x, x >= 0), (-x, True)), 5) under x >= 0: the second branch
    (x < 0) is empty, so only the first is worked out (one inner call, not two); the
    minimum is x for x <= 5 and 5 beyond: 5 at x = 7, 2 at x = 2."""
    from symalign.engines import piecewise as pw
    inner = []
    real = pw._extreme

    def counting(values, *args):
        inner.append(values)
        return real(values, *args)
    monkeypatch.setattr(pw, "_extreme", counting)
    m = pw._extreme([sympy.Piecewise((x, x >= 0), (-x, True)), 5], (x >= 0,), False, False)
    assert m.subs(x, 7) == 5 and m.subs(x, 2) == 2
    assert len(inner) == 2          # the outer call and the x >= 0 branch


def test_large_products_with_roots_stay_unexpanded():
    """(sum_k z^k sqrt(x^2 + k)) (sum_k x^k sqrt(y^2 + k)), k = 1..9: over 100 nodes with
    square roots, so with limit=100 tidy_unless_large keeps the product (expanding gives
    81 terms); without roots, or below the limit, it expands: (x + 1)(x - 1) -> x**2 - 1,
    and the same product of polynomials (z^k (x^2 + k) instead of roots) is expanded."""
    f = sympy.Add(*[sympy.sqrt(x**2 + k) * z**k for k in range(1, 10)])
    g = sympy.Add(*[sympy.sqrt(y**2 + k) * x**k for k in range(1, 10)])
    assert tidy_unless_large(f * g, limit=100) == f * g
    assert len(sympy.Add.make_args(tidy_unless_large(f * g))) == 81     # default limit 2000
    poly = sympy.Add(*[(x**2 + k) * z**k for k in range(1, 10)]) * (y + 1)
    assert tidy_unless_large(poly, limit=100) == sympy.expand(poly)
    assert tidy_unless_large((x + 1) * (x - 1)) == x**2 - 1
