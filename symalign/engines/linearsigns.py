"""Private: the sign of linear and quadratic expressions under linear assumptions (issue 14).

Part of the sign engine (`symalign.engines.signs`): the parsed assumptions (`_Ctx`, one per
set of assumptions), the feasible signs of a linear expression by exact LPs (`lp_signs`), and
the two strategies built on them, ``"exact LP"`` (`linear_lp`) and ``"sum of squares"``
(`sos`).

The region the linear assumptions allow is convex, so a linear expression that is positive at
one point of it and negative at another takes every sign there. Exact points of a region (the
witnesses of earlier feasible LPs, kept in a small pool shared by all assumptions and checked
exactly against each one) therefore often decide that a sign is feasible without an LP; an LP
is solved only for the signs that no witness shows. The answer is the one the three LPs give.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import sympy

from symalign.engines.linearforms import (_NonLinear, _flatten, _linear, _lp, _normal, _params,
                                          _symbol_forms, sos_decomposition as _sos_decomposition)

__all__: list = []

_ALL = frozenset((-1, 0, 1))
#: the most recent exact witness points of feasible LPs, ``(serial, {symbol: Fraction})``, under
#: any assumptions (each context remembers which serials satisfy its linear assumptions)
_POOL: list = []
_POOL_SIZE = 48
_SERIAL = [0]


class _Ctx:
    """Private: parsed assumptions (linear forms, the rest kept as relations)."""

    def __init__(self, assumptions, extra_syms=()):
        rels = _flatten(assumptions)
        self.relations = tuple(rels)
        self.syms = _params(*rels, *extra_syms)
        self.linear = []
        self.other = []
        for r in rels:
            try:
                e, kind = _normal(r)
            except TypeError:
                self.other.append(r)
                continue
            if _linear(e, _params(e)) is not None:
                self.linear.append((e, kind))
            else:
                self.other.append(r)
        self._rows = None

    def forms(self, syms):
        return _symbol_forms(syms) + list(self.linear)

    def feasible(self, extra, syms=None):
        """True/False whether the linear assumptions plus ``extra`` forms have a solution."""
        syms = syms if syms is not None else _params(*[e for e, _ in extra], *self.syms)
        syms = sorted(set(syms) | set(self.syms), key=lambda s: s.name)
        try:
            status, point = _lp(self.forms(syms) + list(extra), syms)
        except _NonLinear:
            return None, None
        if status == "interior":
            _remember(point)
        return status == "interior", point

    def witness_satisfying(self, forms, alts=()):
        """A pool witness in the region that satisfies the linear ``forms`` and one form of
        each list in ``alts`` (exactly), or None."""
        try:
            rows = [_row(e, kind) for e, kind in forms]
            alt_rows = [[_row(e, kind) for e, kind in alt] for alt in alts]
        except TypeError:           # a form that is not linear
            return None
        syms = _params(*[e for e, _ in forms], *[e for alt in alts for e, _ in alt])
        for p in self.witnesses(syms):
            if all(_holds(r, p) for r in rows) and \
                    all(any(_holds(r, p) for r in alt) for alt in alt_rows):
                return p
        return None

    def witnesses(self, syms):
        """Pool points that satisfy every linear assumption (and the sympy assumptions of
        ``syms`` and of the assumptions' symbols) exactly and give a value to each of ``syms``."""
        if self._rows is None:
            self._rows = [_row(e, kind) for e, kind in self.forms(self.syms)]
            self._valid = {}
        extra = [_row(e, kind) for e, kind in _symbol_forms([s for s in syms
                                                             if s not in self.syms])]
        for serial, p in _POOL:
            ok = self._valid.get(serial)
            if ok is None:
                ok = self._valid[serial] = set(self.syms) <= p.keys() and \
                    all(_holds(r, p) for r in self._rows)
            if ok and set(syms) <= p.keys() and all(_holds(r, p) for r in extra):
                yield p


def _row(e, kind):
    """A linear form ``e kind 0`` as ``(coefficients, constant, kind)`` with Fractions."""
    coeffs, const = _linear(e, _params(e))
    return (tuple(zip(_params(e), (Fraction(int(c.p), int(c.q)) for c in coeffs))),
            Fraction(int(const.p), int(const.q)), kind)


def _value(row, p) -> Fraction:
    coeffs, const, _ = row
    return const + sum((c * p[s] for s, c in coeffs), Fraction(0))


def _holds(row, p) -> bool:
    v = _value(row, p)
    kind = row[2]
    return v > 0 if kind == ">" else v >= 0 if kind == ">=" else v == 0


def _remember(point):
    if point is None:
        return
    p = {s: Fraction(int(v.p), int(v.q)) for s, v in point.items()}
    if all(p != q for _, q in _POOL):
        _SERIAL[0] += 1
        _POOL.insert(0, (_SERIAL[0], p))
        del _POOL[_POOL_SIZE:]


@functools.lru_cache(maxsize=4096)
def _ctx(assumptions: tuple) -> _Ctx:
    return _Ctx(assumptions)


def lp_signs(e, ctx) -> frozenset | None:
    """Feasible signs of a linear ``e`` under the linear assumptions (memoised per ``ctx``)."""
    cache = ctx.__dict__.setdefault("_lp_cache", {})
    if e not in cache:
        cache[e] = _lp_signs_uncached(e, ctx)
    return cache[e]


def _lp_signs_uncached(e, ctx) -> frozenset | None:
    """Whether ``e > 0``, ``e = 0`` and ``e < 0`` are feasible: exact witnesses from the pool
    first (a positive and a negative witness give every sign, by convexity), then one exact
    LP for each sign still open."""
    syms = _params(e)
    if _linear(e, syms) is None:
        return None
    out = set()
    row = _row(e, ">")
    for p in ctx.witnesses(syms):
        v = _value(row, p)
        out.add((v > 0) - (v < 0))
        if 1 in out and -1 in out:
            return _ALL
    for s, form in ((1, (e, ">")), (-1, (-e, ">")), (0, (e, "=="))):
        if s in out:
            continue
        if s == 0 and 1 in out and -1 in out:     # convexity: zero lies between
            out.add(0)
            continue
        ok, point = ctx.feasible([form], syms)
        if ok is None:
            return None
        if ok:
            out.add(s)
    return frozenset(out)


def linear_lp(e, ctx, S):
    """The ``"exact LP"`` strategy: the feasible signs of a linear expression."""
    e = sympy.expand(e)
    if not e.free_symbols or _linear(e, _params(e)) is None:
        return None
    out = lp_signs(e, ctx)
    return None if out is None else (out, "exact LP", None)


@functools.lru_cache(maxsize=4096)
def _sos_of(e):
    """The sum-of-squares decomposition of an expanded polynomial, or None (memoised: it does
    not depend on the assumptions)."""
    syms = _params(e)
    if not e.is_polynomial(*syms):
        return None
    try:
        return _sos_decomposition(e, syms)
    except (sympy.PolynomialError, ValueError):
        return None


def sos(e, ctx, S):
    """The ``"sum of squares"`` strategy: ``e = sum d_k L_k^2`` with ``d_k >= 0``."""
    e = sympy.expand(e)
    syms = _params(e)
    dec = _sos_of(e)
    if dec is None:
        return None
    # e = sum d_k L_k^2 >= 0; zero iff every L_k is zero (a linear system)
    eqs = [(sympy.expand(L), "==") for _, L in dec]
    ok, point = ctx.feasible(eqs, syms)
    if ok is None:
        return frozenset((0, 1)), "sum of squares", dec
    if not ok:
        return frozenset((1,)), "sum of squares", dec
    # zero is possible; positive too unless every form vanishes on the whole region
    pos = False
    for _, L in dec:
        if lp_signs(sympy.expand(L), ctx) != frozenset((0,)):
            pos = True
            break
    return (frozenset((0, 1)) if pos else frozenset((0,))), "sum of squares", dec
