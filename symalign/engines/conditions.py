"""Readable conditions: a closed form's branch conditions simplified under the assumptions (issue 14).

`simplify_condition` is the one place where the conditions of every ``Piecewise`` closed form
are simplified (`symalign.engines.piecewise` calls it for each branch). Every rewrite is an
exact equivalence under the assumptions:

* **One parameter.** The condition becomes the union of intervals and points where it holds
  (`symalign.engines.intervals`): ``x < 2``, ``(x > 1/2) & (x < sqrt(5))``, ``Eq(x, 2)``,
  with real algebraic endpoints (rationals, square roots, ``CRootOf``); bounds implied by the
  assumptions (``x > 0``) are left out.
* **Several parameters** (at most ``MAX_PARAMETERS``, conditions of at most ``MAX_NODES``
  nodes). Each relation between rational functions is written as a product
  of its irreducible factors compared with 0, factors of known strict sign under the
  assumptions are dropped (flipping the relation for a negative one), conjuncts implied by
  the assumptions and the other conjuncts are removed (the engine proves ``region & not c``
  empty), duplicate disjuncts are removed, and conjuncts and disjuncts are put in a canonical
  order (fewest symbols, lowest degree, then sympy's ``default_sort_key``).

The work is bounded by ``symalign.settings.condition_seconds`` per condition: when the budget
is spent the condition is returned as it was (still exact, only less readable).
"""

from __future__ import annotations

import time

import sympy

from symalign.core.config import settings
from symalign.engines.linearforms import _flatten

__all__ = ["simplify_condition", "simplify_branches"]

#: in several parameters only conditions with at most this many parameters and expression
#: nodes are rewritten (factoring and implication tests grow quickly with both)
MAX_PARAMETERS = 4
MAX_NODES = 600

_RELS = (sympy.StrictGreaterThan, sympy.GreaterThan, sympy.StrictLessThan, sympy.LessThan,
         sympy.Eq, sympy.Ne)


def _assumption_list(assumptions) -> tuple:
    return tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                          else [assumptions]))


def _one_parameter(exprs, A):
    """The only parameter of the conditions and the assumptions, if there is exactly one and
    it is real."""
    syms = set()
    for e in list(exprs) + list(A):
        syms |= sympy.sympify(e).free_symbols
    if len(syms) != 1:
        return None
    (x,) = syms
    return x if x.is_real else None


def simplify_condition(cond, assumptions=()) -> sympy.Basic:
    """An equivalent, simpler condition under the assumptions.

    In one parameter the condition becomes the union of intervals and points where it holds,
    with exact endpoints; in several parameters relations are factored, factors of known sign
    dropped, implied conjuncts removed, and the parts put in a canonical order. Over the time
    budget ``symalign.settings.condition_seconds`` the condition is returned unchanged.

    Examples
    ========

    The Battle of the Sexes family of Sourbut, Hammond & Wood (2024), Sec. 6 has agents'
    payoff ``x > 0``; a condition from its closed forms, ``sqrt(11) <= sqrt(3x^2 - 2x + 3)``,
    is ``3x^2 - 2x - 8 = (3x + 4)(x - 2) >= 0``, that is ``x >= 2`` for ``x > 0``:

    >>> import sympy
    >>> from symalign.engines.conditions import simplify_condition
    >>> x = sympy.Symbol("x", positive=True)
    >>> simplify_condition(sympy.sqrt(11) / sympy.sqrt(3*x**2 - 2*x + 3) <= 1)
    x >= 2
    >>> simplify_condition((x**2 < 5) & (2*x > 1))
    (x > 1/2) & (x < sqrt(5))
    >>> simplify_condition((x - 2)**2 <= 0)
    Eq(x, 2)
    >>> c, d = sympy.symbols("c d", real=True)
    >>> simplify_condition((c - 7)*(c + d - 5) <= 0, [c > 2, c < 7, d < 2])
    c + d >= 5

    Parameters
    ==========

    cond : sympy Boolean
        Relations combined with ``And``, ``Or``, ``Not``.
    assumptions : relation or iterable of relations

    Returns
    =======

    sympy Boolean
        Equivalent to ``cond`` wherever the assumptions hold.

    """
    cond = sympy.sympify(cond)
    if cond in (sympy.true, sympy.false) or not cond.free_symbols:
        return cond
    A = _assumption_list(assumptions)
    seconds = settings.condition_seconds
    x = _one_parameter([cond], A)
    if x is not None:
        from symalign.engines.intervals import decompose, describe
        out = decompose([cond], x, list(A), seconds)
        if out is not None:
            cells, truths, domain = out
            return describe(cells, truths[0], domain)
        return cond
    if len(cond.free_symbols) > MAX_PARAMETERS or _larger_than(cond, MAX_NODES):
        return cond         # fixed limits: the work (and the printed form) never depends on load
    return _Simplifier(A, seconds).condition(cond)


def _larger_than(e, n: int) -> bool:
    for k, _ in enumerate(sympy.preorder_traversal(e)):
        if k >= n:
            return True
    return False


def simplify_branches(pairs, assumptions=(), same=None):
    """One parameter: the branches ``[(value, condition)]`` (first match wins) as
    ``[(value, interval)]`` from left to right: each branch's exact region (its condition
    without the earlier ones) split into its intervals and points, in the order of the
    parameter; empty branches removed, nested ``Piecewise`` values flattened, a point whose
    value equals a neighbour's there (exactly) joined to it, and neighbours with the same
    value merged. The last condition is ``True``. None when the conditions are not in one
    parameter or over the budget."""
    A = _assumption_list(assumptions)
    pairs = [(sympy.sympify(v), sympy.sympify(c)) for v, c in pairs]
    if len(set().union(*[c.free_symbols for _, c in pairs], *[a.free_symbols for a in A])) > 1:
        return None         # cheap test first: the conditions are not in one parameter
    flat = []
    for value, cond in pairs:
        value, cond = sympy.sympify(value), sympy.sympify(cond)
        if isinstance(value, sympy.Piecewise) and value.args[-1][1] is sympy.true:
            for v, c in _branch_regions(value.args):
                flat.append((v, sympy.And(cond, c)))
        else:
            flat.append((value, cond))
    if any(v.has(sympy.Piecewise) for v, _ in flat):
        return None
    x = _one_parameter([c for _, c in flat], A)
    if x is None:
        return None
    from symalign.engines.intervals import decompose, describe, true_runs
    out = decompose([c for _, c in flat], x, list(A), settings.condition_seconds)
    if out is None:
        return None
    cells, truths, domain = out
    n = len(domain)
    taken = [False] * n
    regions = []
    for (v, _), t in zip(flat, truths):
        region = [t[k] and domain[k] and not taken[k] for k in range(n)]
        taken = [a or b for a, b in zip(taken, region)]
        if any(region):
            regions.append((v, region))
    if not regions:
        return None
    _same = same or (lambda a, b: sympy.expand(a - b) == 0)   # equal values (False if unsure)
    # left to right: each connected piece of a region is one branch, in the order of x
    runs = [(k, j, v) for v, region in regions for k, j in true_runs(region)]
    runs.sort(key=lambda r: r[0])
    runs = _absorb_points(runs, cells)
    merged = []
    for i, j, v in runs:
        if merged and _same(merged[-1][2], v):
            merged[-1] = (merged[-1][0], j, merged[-1][2])
        else:
            merged.append((i, j, v))
    out_pairs = [(v, describe(cells, [i <= k <= j for k in range(n)], domain))
                 for i, j, v in merged[:-1]]
    return out_pairs + [(merged[-1][2], sympy.true)]


def _absorb_points(runs, cells):
    """A piece that is one rational point joins a neighbouring piece whose value is equal
    there (exactly): ``Eq(x, 2)`` disappears where the values agree at ``x = 2``."""
    from symalign.engines.algebraic import sign
    out = list(runs)
    k = 0
    while k < len(out):
        i, j, v = out[k]
        point = cells.point(i) if i == j and i % 2 == 1 else None
        if point is None or not point.is_Rational:
            k += 1
            continue
        for nb in (k - 1, k + 1):
            if not 0 <= nb < len(out) or abs(out[nb][0 if nb > k else 1] - i) != 1:
                continue
            w = out[nb][2]
            try:
                a, b = v.subs(cells.x, point), w.subs(cells.x, point)
                if a.has(sympy.nan, sympy.zoo) or b.has(sympy.nan, sympy.zoo) or \
                        sign(a - b) != 0:
                    continue
            except Exception:      # not evaluable exactly: the point stays a branch
                continue
            lo, hi = min(out[nb][0], i), max(out[nb][1], j)
            out[nb] = (lo, hi, w)
            del out[k]
            break
        else:
            k += 1
    return out


def _branch_regions(args):
    """A Piecewise's branches with the negations of the earlier conditions."""
    out, previous = [], []
    for v, c in args:
        out.append((v, sympy.And(c, *[sympy.Not(p) for p in previous])))
        previous.append(c)
    return out


# -- several parameters -------------------------------------------------------------------------

class _Spent(Exception):
    pass


class _Simplifier:
    """Private: the rewriting of a condition in several parameters under a time budget."""

    def __init__(self, A, seconds):
        self.A = A
        self.stop = None if seconds is None else time.monotonic() + seconds

    def check(self):
        if self.stop is not None and time.monotonic() > self.stop:
            raise _Spent()

    def condition(self, cond):
        try:
            return self._cond(cond)
        except _Spent:
            return cond

    def _cond(self, c):
        self.check()
        if isinstance(c, _RELS):
            return self.relation(c)
        if isinstance(c, sympy.Not):
            inner = c.args[0]
            if isinstance(inner, _RELS):
                return self._cond(inner.negated)
            if isinstance(inner, sympy.Not):
                return self._cond(inner.args[0])
            if isinstance(inner, (sympy.And, sympy.Or)):      # De Morgan
                dual = sympy.Or if isinstance(inner, sympy.And) else sympy.And
                return self._cond(dual(*[sympy.Not(a) for a in inner.args]))
            return c
        if isinstance(c, sympy.And):
            parts = [self._cond(a) for a in c.args]
            return self.conjunction(parts)
        if isinstance(c, sympy.Or):
            parts = []
            for a in c.args:
                p = self._cond(a)
                if p is sympy.true:
                    return sympy.true
                if p is not sympy.false and p not in parts:
                    parts.append(p)
            parts = _absorb(parts)
            kept = list(parts)
            for p in parts:         # a disjunct implied by another one is redundant
                if any(q is not p and self.implies(p, q) for q in kept):
                    kept.remove(p)
            return sympy.Or(*sorted(kept, key=_order))
        return c

    def relation(self, rel):
        """``e op 0`` with ``e`` a rational function: its factors of known strict sign are
        dropped; the rest compared with 0 as a product (one factor: as a linear-looking
        relation, positive terms on the left)."""
        from symalign.engines.signs import _canon
        if not isinstance(rel, _RELS):      # a relation sympy already decided
            return rel
        e = sympy.expand(rel.lhs - rel.rhs)
        syms = sorted(e.free_symbols, key=lambda s: s.name)
        n, d = sympy.fraction(sympy.together(e))
        if not syms or not (n.is_polynomial(*syms) and d.is_polynomial(*syms)):
            return _canon(rel, self.A)
        try:
            cn, fn = sympy.factor_list(sympy.expand(n), *syms)
            cd, fd = sympy.factor_list(sympy.expand(d), *syms)
        except sympy.polys.polyerrors.PolynomialError:
            return _canon(rel, self.A)
        sign = 1 if cn * cd > 0 else -1
        op = type(rel)
        kept, extra = [], []
        for factors, is_den in ((fn, False), (fd, True)):
            for f, m in factors:
                self.check()
                s = _cheap_sign(f, self.A)
                if s in (1, -1):
                    sign *= s ** m
                    continue
                # n/d has the sign of n*d where d != 0: a denominator factor joins the
                # product for an inequality (n/d = 0 iff n = 0, d != 0) and stays non-zero
                if is_den and op is not sympy.StrictGreaterThan and op is not sympy.StrictLessThan:
                    extra.append(sympy.Ne(f, 0))
                if is_den and op in (sympy.Eq, sympy.Ne):
                    continue
                if op in (sympy.Eq, sympy.Ne):
                    m = 1           # f**m = 0 iff f = 0
                if m % 2:
                    m = 1           # f**m has the sign of f
                elif op in (sympy.StrictGreaterThan, sympy.StrictLessThan):
                    extra.append(sympy.Ne(f, 0))      # f**2 > 0 iff f != 0
                    continue
                kept.append((f, m))
        extra = [_canon(c, self.A) for c in extra]
        if not kept:
            return sympy.And(op(sympy.Integer(sign), 0), *extra)
        if op is sympy.Ne:          # a product is non-zero iff every factor is
            return sympy.And(*[_canon(sympy.Ne(f, 0), self.A) for f, _ in kept], *extra)
        kept.sort(key=lambda p: sympy.default_sort_key(p[0]))
        body = sympy.Mul(*[f ** m for f, m in kept])
        if len(kept) == 1 and kept[0][1] == 1:
            out = _canon(op(sign * body, 0), self.A)
        else:
            out = op(sign * body, 0) if sign > 0 else _FLIP[op](body, 0)
        return sympy.And(out, *extra)

    def drop_squares(self, rel, nonzero):
        """``P * f**(2k) op 0`` with ``f != 0`` in the same conjunction: ``P op 0``."""
        e = rel.lhs - rel.rhs if rel.rhs != 0 else rel.lhs
        if rel.rhs != 0 or not isinstance(e, sympy.Mul):
            return rel
        keep = [a for a in e.args if not (a.is_Pow and a.exp.is_even and a.base in nonzero)]
        if len(keep) == len(e.args):
            return rel
        return self.relation(type(rel)(sympy.Mul(*keep), 0))

    def conjunction(self, parts):
        from symalign.engines.signs import _is_linear_relation, _is_satisfiable, _negate
        flat = []
        for p in parts:
            if p is sympy.false:
                return sympy.false
            for q in (p.args if isinstance(p, sympy.And) else (p,)):
                if q is not sympy.true and q not in flat:
                    flat.append(q)
        nonzero = set()
        for q in flat:
            if isinstance(q, sympy.Ne):
                nonzero |= {sympy.expand(q.lhs - q.rhs), sympy.expand(q.rhs - q.lhs)}
        if nonzero:
            again = []
            for q in flat:
                q = self.drop_squares(q, nonzero) if isinstance(q, _RELS) else q
                for r in (q.args if isinstance(q, sympy.And) else (q,)):
                    if r is not sympy.true and r not in again:
                        again.append(r)
            flat = again
        flat = self.strict_from_ne(flat)
        linear = tuple(q for q in flat if _is_linear_relation(q))
        if linear and len(linear) < len(flat):
            # the linear conjuncts fix more factor signs: rewrite the others under them
            inner = _Simplifier(self.A + linear, None)
            inner.stop = self.stop
            again = []
            for q in flat:
                q = q if q in linear or not isinstance(q, _RELS) else inner.relation(q)
                if q is sympy.false:
                    return sympy.false
                for r in (q.args if isinstance(q, sympy.And) else (q,)):
                    if r is not sympy.true and r not in again:
                        again.append(r)
            flat = self.strict_from_ne(again)
        flat.sort(key=_order)
        kept = list(flat)
        for p in reversed(flat):     # the most complicated first: the likeliest implied
            self.check()
            others = [q for q in kept if q is not p]
            if not isinstance(p, _RELS):
                continue
            if all(_is_linear_relation(q) for q in others + [p]):
                if _is_satisfiable(tuple(others) + (_negate(p),), self.A, False).value is False:
                    kept = others
        return sympy.And(*kept) if kept else sympy.true

    @staticmethod
    def strict_from_ne(flat):
        """``L >= 0`` (or ``<=``) with ``Ne(L, 0)`` in the same conjunction: ``L > 0``."""
        from symalign.engines.signs import _canon
        ne = {}
        for q in flat:
            if isinstance(q, sympy.Ne):
                ne[sympy.expand(q.lhs - q.rhs)] = q
        bounds = {}
        for q in flat:
            if isinstance(q, (sympy.GreaterThan, sympy.LessThan)):
                e = sympy.expand(q.lhs - q.rhs)
                e = e if isinstance(q, sympy.GreaterThan) else -e     # e >= 0
                if -e in bounds:        # e >= 0 and -e >= 0: e = 0
                    eq = min(_canon(sympy.Eq(e, 0), ()), _canon(sympy.Eq(-e, 0), ()),
                             key=sympy.default_sort_key)     # one orientation
                    flat = [r for r in flat if r is not q and r is not bounds[-e]] + [eq]
                    return _Simplifier.strict_from_ne(flat)
                bounds[e] = q
        if not ne:
            return flat
        out, used = [], set()
        for q in flat:
            if isinstance(q, (sympy.GreaterThan, sympy.LessThan)):
                e = sympy.expand(q.lhs - q.rhs)
                key = e if e in ne else (-e if -e in ne else None)
                if key is not None:
                    used.add(key)
                    strict = sympy.Gt if isinstance(q, sympy.GreaterThan) else sympy.Lt
                    q = _canon(strict(q.lhs, q.rhs), ())
            out.append(q)
        return [q for q in out if not (isinstance(q, sympy.Ne)
                                       and sympy.expand(q.lhs - q.rhs) in used)]

    def implies(self, a, b) -> bool:
        """Whether the linear conjunction ``a`` implies the linear conjunction ``b`` under
        the assumptions (exact LPs: ``a & not q`` empty for every conjunct ``q`` of ``b``)."""
        from symalign.engines.signs import _is_linear_relation, _is_satisfiable, _negate
        qa = a.args if isinstance(a, sympy.And) else (a,)
        qb = b.args if isinstance(b, sympy.And) else (b,)
        if not all(isinstance(q, _RELS) and not isinstance(q, sympy.Ne)
                   and _is_linear_relation(q) for q in qa + qb):
            return False
        for q in qb:
            self.check()
            if _is_satisfiable(tuple(qa) + (_negate(q),), self.A, False).value is not False:
                return False
        return True


def _absorb(parts):
    """Disjuncts without those that contain every conjunct of another (``a | (a & b)``)."""
    sets = [frozenset(p.args) if isinstance(p, sympy.And) else frozenset((p,)) for p in parts]
    return [p for k, p in enumerate(parts)
            if not any(j != k and sets[j] < sets[k] for j in range(len(parts)))]


def _cheap_sign(f, A):
    """+1 or -1 when the sign of ``f`` is strict on the whole region by the cheap strategies
    only (structure, or exact LPs for a linear ``f`` under linear assumptions), else None:
    the costly ones (squaring, real roots, decompositions) already ran where the condition
    was built, so repeating them here would only make closed forms slower."""
    from symalign.engines.linearforms import _linear, _params
    from symalign.engines.signs import _ctx, _lp_signs, _structural
    ctx = _ctx(A)
    S = _structural(f, ctx, 0)[0]
    if len(S) > 1 and not ctx.other and _linear(sympy.expand(f), _params(f)) is not None:
        S = _lp_signs(sympy.expand(f), ctx) or S
    return next(iter(S)) if len(S) == 1 and 0 not in S else None


_FLIP = {sympy.StrictGreaterThan: sympy.StrictLessThan, sympy.StrictLessThan: sympy.StrictGreaterThan,
         sympy.GreaterThan: sympy.LessThan, sympy.LessThan: sympy.GreaterThan,
         sympy.Eq: sympy.Eq, sympy.Ne: sympy.Ne}


def _order(c):
    """Canonical order of conjuncts and disjuncts: fewer symbols, lower degree, then sympy's
    ``default_sort_key``."""
    syms = c.free_symbols
    try:
        deg = max((sympy.Poly(sympy.expand(a.lhs - a.rhs), *sorted(syms, key=str)).total_degree()
                   for a in sympy.preorder_traversal(c) if isinstance(a, _RELS)), default=0)
    except (sympy.polys.polyerrors.PolynomialError, ValueError):
        deg = 99
    return (len(syms), deg, sympy.default_sort_key(c))
