"""Signs of linear expressions under linear assumptions (engines/linearsigns.py, issue 14).

The witness pool must never change an answer: the reference is the plain method, one exact LP
for each of ``e > 0``, ``e = 0`` and ``e < 0`` (an independent path through `_Ctx.feasible`).
"""

import sympy
from hypothesis import given, settings, strategies as st

from symalign.engines import linearsigns
from symalign.engines.linearsigns import lp_signs

a, b, c = sympy.symbols("a b c", real=True)
p = sympy.Symbol("p", positive=True)


def _three_lps(e, ctx):
    """The reference: whether each sign is feasible, by three exact LPs."""
    out = set()
    for s, form in ((1, (e, ">")), (0, (e, "==")), (-1, (-e, ">"))):
        ok, _ = ctx.feasible([form], sorted(e.free_symbols, key=lambda s: s.name))
        if ok:
            out.add(s)
    return frozenset(out)


ASSUMPTIONS = [(), (a > b,), (a >= b, b >= c), (a > b, b > c, c > 0), (a + b >= 2 * c,),
               (sympy.Eq(a, b), c >= a)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=4, max_size=4),
       st.integers(0, len(ASSUMPTIONS) - 1))
def test_pool_witnesses_give_the_three_lp_answer(coeffs, k):
    """For random linear e = x a + y b + z c + w p (p > 0) under each assumption set, the
    sign set with the pool of witnesses (filled by earlier examples) equals three LPs."""
    e = sympy.expand(coeffs[0] * a + coeffs[1] * b + coeffs[2] * c + coeffs[3] * p)
    if not e.free_symbols:
        return
    ctx = linearsigns._Ctx(ASSUMPTIONS[k])         # a fresh context: no memo
    assert lp_signs(e, ctx) == _three_lps(e, ctx)


def test_a_positive_and_a_negative_witness_give_every_sign_without_an_lp(monkeypatch):
    """Under a > b the region is convex; pool points (a, b, c) = (2, 1, 0) and (1, 0, 5)
    satisfy a > b, and c - 2a is -4 at the first and 3 at the second, so c - 2a takes every
    sign (0 on the segment between them) and no LP is needed."""
    from fractions import Fraction
    monkeypatch.setattr(linearsigns, "_POOL", [
        (10**9, {a: Fraction(2), b: Fraction(1), c: Fraction(0)}),
        (10**9 + 1, {a: Fraction(1), b: Fraction(0), c: Fraction(5)})])
    ctx = linearsigns._Ctx((a > b,))

    def no_lp(*args, **kw):
        raise AssertionError("an LP was solved")
    monkeypatch.setattr(ctx, "feasible", no_lp)
    assert lp_signs(c - 2 * a, ctx) == frozenset((-1, 0, 1))


def test_witness_outside_the_region_is_not_used(monkeypatch):
    """A pool point that violates the assumption (a, b) = (0, 1) with a > b must not show
    that a - b can be negative: a - b > 0 on the whole region."""
    from fractions import Fraction
    monkeypatch.setattr(linearsigns, "_POOL", [
        (10**9 + 2, {a: Fraction(0), b: Fraction(1)}),
        (10**9 + 3, {a: Fraction(3), b: Fraction(1)})])
    assert lp_signs(a - b, linearsigns._Ctx((a > b,))) == frozenset((1,))


def test_every_sign_pattern_on_a_chain():
    """Under a >= b >= c: a - c >= 0 (zero when all are equal), b - a <= 0, a - 2b + c
    takes every sign; the same with the pool as with three LPs."""
    expect = {a - c: {0, 1}, b - a: {-1, 0}, a - 2 * b + c: {-1, 0, 1}}
    for _ in range(2):                  # the second context finds the first one's witnesses
        ctx = linearsigns._Ctx((a >= b, b >= c))
        for e, s in expect.items():
            assert lp_signs(e, ctx) == frozenset(s)
