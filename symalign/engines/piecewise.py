"""Canonical closed forms: ``Piecewise`` results whose every branch was checked (issue 14).

Built on `symalign.engines.signs`. Where a comparison stays undecided, a measure's value is a
``Piecewise`` over the condition; these helpers build it in one canonical form:

* `canonical_condition`: each relation printed as ``(positive terms) op (the rest)`` with
  integer coefficients, conjuncts implied by the assumptions dropped, so that the printed
  closed form is the same under every hash seed;
* `piecewise`: branches in the order given (first match wins; in one parameter, from left
  to right with exact interval conditions), each branch's region (its
  condition, the negation of the earlier ones, the assumptions) checked with
  `symalign.engines.signs.is_satisfiable` and removed when proved empty, equal neighbours
  merged, the last condition True; a single remaining branch is returned bare, and with
  ``strict=True`` an undecided choice raises `UndecidableError`;
* `closed_abs`, `closed_min`, `closed_max`: ``|x|``, ``min`` and ``max`` as one expression when
  the engine decides the comparisons, else such a ``Piecewise`` (ties go to the earlier value).
"""

from __future__ import annotations

import functools

import sympy

from symalign.core.errors import UndecidableError
from symalign.engines.linearforms import _RELS, _float_fn, _normal, expanded
from symalign.engines.linearsigns import _ctx
from symalign.engines.signs import (Decision, _canon, _decide, _decide_sign, _flatten, _has_radical,
                                    _is_linear_relation, _is_satisfiable, _negate, decide_sign)

__all__ = ["canonical_condition", "piecewise", "closed_abs", "closed_min", "closed_max",
           "sign_box_cover", "SIGN_SET_RELATION",
           "require_single"]


def canonical_condition(cond, assumptions=()):
    """One printed form of a condition under every hash seed, simplified under the assumptions.

    Relations become ``(positive terms) op (the rest)`` with integer coefficients; conjuncts
    decided True under the assumptions (and the other conjuncts) are dropped; a condition
    decided under the assumptions becomes ``True`` or ``False``.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.piecewise import canonical_condition
    >>> R, S, T = sympy.symbols("R S T", real=True)
    >>> canonical_condition(sympy.Ge(R, S/2 + T/2))
    2*R >= S + T
    >>> canonical_condition(sympy.And(T > S, R > S), [R > T])
    T > S

    """
    c = sympy.sympify(cond)
    A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                       else [assumptions]))
    if A:
        d = _decide(c, A)
        if d.value is not None:
            return sympy.true if d.value else sympy.false
    from symalign.engines.conditions import simplify_condition
    return simplify_condition(_canon(c, A), A)


def piecewise(pairs, assumptions=(), *, strict: bool = False, context: str = "the value"):
    """A canonical closed form from ``[(value, condition), ...]`` (first match wins).

    Each branch's region (its condition, the negations of the earlier conditions and the
    assumptions) is checked with `is_satisfiable`: branches proved empty are removed, and a
    branch whose condition is implied stops the list. Adjacent branches with the same value
    are merged. The last branch gets the condition True. One remaining branch is returned as
    a bare expression; with ``strict=True`` more than one raises `UndecidableError`.

    In one parameter (`symalign.engines.conditions.simplify_branches`) the branches are
    rewritten from left to right: each condition is the exact interval (or point) where its
    value applies, bounds implied by the assumptions left out, nested ``Piecewise`` values
    flattened, a point whose value equals a neighbour's there joined to it, equal
    neighbours merged.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.piecewise import piecewise
    >>> x = sympy.Symbol("x", real=True)
    >>> piecewise([(x, x > 2), (1, x < -1), (0, True)], [x > 0])
    Piecewise((0, x <= 2), (x, True))
    >>> piecewise([(x, x > 2), (0, True)], [x > 3])
    x

    """
    A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                       else [assumptions]))
    from symalign.engines.conditions import simplify_branches
    from symalign.engines.intervals import SPENT
    token = SPENT.set(False)
    try:
        exact = simplify_branches(pairs, A, _same)     # one parameter: exact intervals
        if exact is not None:
            if len(exact) == 1:
                return exact[0][0]
            if strict:
                raise UndecidableError(exact[0][1], context)
            return sympy.Piecewise(*exact, evaluate=False)
        return _piecewise(pairs, A, strict, context)
    finally:
        SPENT.reset(token)


def _piecewise(pairs, A, strict, context):
    kept = []
    negs: list = []
    for value, cond in pairs:
        cond = sympy.sympify(cond)
        if cond is not sympy.true:
            cond = canonical_condition(cond, A)
        region = [cond] + negs
        if cond is sympy.false:
            continue
        sat = _is_satisfiable(tuple(_flatten(region)), A, False) \
            if cond is not sympy.true or negs \
            else Decision(True, "trivial")
        if sat.value is False:
            continue
        if cond is sympy.true or _decide(cond, A + tuple(n for n in negs
                                                          if _is_linear_relation(n))).value:
            kept.append((value, sympy.true))
            break
        kept.append((value, cond))
        negs.append(_negate(cond))
    else:
        if kept:
            kept[-1] = (kept[-1][0], sympy.true)
    if not kept:
        raise UndecidableError(sympy.false, f"{context} (no branch is satisfiable)")
    merged = []
    for v, c in kept:
        if merged and _same(merged[-1][0], v):
            pv, pc = merged[-1]
            merged[-1] = (pv, sympy.true if c is sympy.true else sympy.Or(pc, c))
        else:
            merged.append((v, c))
    if len(merged) == 1:
        return merged[0][0]
    if strict:
        raise UndecidableError(merged[0][1], context)
    merged[-1] = (merged[-1][0], sympy.true)
    return sympy.Piecewise(*merged, evaluate=False)


def _same(a, b) -> bool:
    """Whether two branch values are identical (only then are branches merged; False when
    unsure, which merely keeps both branches)."""
    a, b = sympy.sympify(a), sympy.sympify(b)
    if a == b:
        return True
    if a.has(sympy.nan) or b.has(sympy.nan):
        return False
    if _larger_than(a - b, 400):      # compiling or expanding would be the whole cost
        return False
    if _differ_at_a_point(a - b):       # cheap: floats at fixed points, before any expand
        return False
    d = expanded(a - b)
    return d == 0


def tidy_unless_large(expr, limit: int = 2000):
    """``expr`` expanded (`symalign.core.exact.finish`), unless it has more than ``limit``
    nodes and square roots: expanding a product of such sums multiplies their sizes (one
    closed form grows tenfold) for the same value."""
    expr = sympy.sympify(expr)
    if _larger_than(expr, limit) and _has_radical(expr):
        return expr
    return expanded(expr) if expr.free_symbols else expr


def _larger_than(e, n: int) -> bool:
    """Whether the expression tree of ``e`` has more than ``n`` nodes (stops counting there)."""
    for k, _ in enumerate(sympy.preorder_traversal(e)):
        if k >= n:
            return True
    return False


def _differ_at_a_point(e) -> bool:
    """True when ``e`` is clearly non-zero (floats, by a wide margin) at a fixed point."""
    syms = tuple(sorted(e.free_symbols, key=lambda s: s.name))
    if not syms:
        return False
    fn = _float_fn(e, syms)
    if fn is False:
        return False
    for k in (3, 7):
        pt = [1 + ((j * k) % 11) / 7 for j in range(len(syms))]
        try:
            v = float(fn(*pt))
        except Exception:        # undefined or not evaluable there: no conclusion
            continue
        if v == v and abs(v) > 1e-6:
            return True
    return False


def closed_abs(x, assumptions=(), *, strict: bool = False):
    """``|x|`` as ``x``, ``-x`` or ``Piecewise((x, x >= 0), (-x, True))``.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.piecewise import closed_abs
    >>> c = sympy.Symbol("c", real=True)
    >>> closed_abs(1/sympy.sqrt(3*c**2 + 2) - 1, [c > 1])
    1 - 1/sqrt(3*c**2 + 2)

    """
    x = sympy.sympify(x)
    d = decide_sign(x, assumptions)
    if d.nonnegative:
        return x
    if d.nonpositive:
        return sympy.expand(-x)
    neg = sympy.expand(-x)
    if sympy.default_sort_key(neg) < sympy.default_sort_key(x):
        x, neg = neg, x     # |x| = |-x|: one case split for both signs (the same condition)
    return piecewise([(x, sympy.Ge(x, 0)), (neg, sympy.true)], assumptions,
                     strict=strict, context="an absolute value")


@functools.lru_cache(maxsize=1024)
def folded(expr):
    """``sympy.piecewise_fold(expr)``, memoised: a case analysis folds the same large values
    once per region."""
    return sympy.piecewise_fold(expr)


def unfold_relations(cond):
    """``cond`` without ``Piecewise`` inside its relations, so that a region test never meets
    an ``ITE``: ``f(Piecewise((a, c), (b, True))) >= 0`` becomes
    ``(c & f(a) >= 0) | (~c & f(b) >= 0)``; a branch whose difference is not a real number
    (``zoo``) does not satisfy the relation.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.piecewise import unfold_relations
    >>> x = sympy.Symbol("x", real=True)
    >>> unfold_relations(sympy.Piecewise((x, x > 1), (2, True)) > 0)
    (x <= 1) | ((x > 0) & (x > 1))
    """
    def unfold(rel):
        d = sympy.piecewise_fold(rel.lhs - rel.rhs)
        if not isinstance(d, sympy.Piecewise):
            return rel.func(d, 0)
        out, before = [], []
        for v, c in d.args:
            try:
                holds = rel.func(v, 0)
            except TypeError:       # a branch where the difference is not a real number
                holds = sympy.false
            out.append(sympy.And(c, *[sympy.Not(b) for b in before], holds))
            before.append(c)
        return sympy.Or(*out)
    return cond.replace(lambda e: e.is_Relational and e.has(sympy.Piecewise), unfold)


def _extreme(values, assumptions, strict, largest):
    values = [folded(sympy.sympify(v)) for v in values]
    inner = [v for v in values if isinstance(v, sympy.Piecewise)]
    if inner:      # choose within each branch of a piecewise value first (no ITE conditions)
        A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                           else [assumptions]))
        pw = inner[0]
        out, previous = [], []
        for v, c in pw.args:
            region = ([c] if c is not sympy.true else []) + [_negate(p) for p in previous]
            extra = tuple(r for r in region if _is_linear_relation(r))
            if _plainly_empty(region, A):     # no value to choose on an empty branch
                previous.append(c)
                continue
            sub = [v if w is pw else w for w in values]
            out.append((_extreme(sub, A + extra, strict, largest), c))
            previous.append(c)
        return piecewise(out, A, strict=strict,
                         context="the maximum" if largest else "the minimum")
    vals = []
    for v in values:
        v = sympy.sympify(v)
        if not any(_same(v, w) for w in vals):
            vals.append(v)
    A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                       else [assumptions]))
    # drop values dominated by another (ties keep the first)
    keep = list(vals)
    signs = {}      # the signs of vals[i] - vals[j] for i < j: each difference decided once

    def diff_signs(i, j):
        if (min(i, j), max(i, j)) not in signs:
            a, b = vals[min(i, j)], vals[max(i, j)]
            signs[min(i, j), max(i, j)] = _decide_sign(expanded(a - b), A).signs
        out = signs[min(i, j), max(i, j)]
        return out if i < j else frozenset(-x for x in out)

    index = {id(w): k for k, w in enumerate(vals)}
    for iv, v in enumerate(vals):
        for w in keep:
            if w is v:
                continue
            d = diff_signs(index[id(w)], iv)
            if (d <= {0, 1} if largest else d <= {-1, 0}):
                if v in keep:
                    keep.remove(v)
                break
    if len(keep) == 1:
        return keep[0]
    pairs = []
    for k, v in enumerate(keep):
        rel = sympy.Ge if largest else sympy.Le
        conds = [rel(v, w) for j, w in enumerate(keep) if j > k]
        pairs.append((v, sympy.And(*conds) if conds else sympy.true))
    return piecewise(pairs, A, strict=strict,
                     context="the maximum" if largest else "the minimum")


def _plainly_empty(region, A) -> bool:
    """Whether ``region`` (a list of conditions) is empty under the assumptions ``A`` by cheap
    reasoning only. Among the conditions and assumptions, a negated conjunction
    ``~(c_1 & ... & c_k)`` loses the conjuncts that are among the others and holds when the
    negation of a conjunct is among them; a relation together with its negation, or False,
    is empty; then one exact LP on the linear ones."""
    conds = list(_flatten(A)) + list(_flatten(region))
    changed = True
    while changed:
        changed = False
        known_all = set(conds)
        out = []
        for c in conds:
            if isinstance(c, sympy.Not) and isinstance(c.args[0], sympy.And):
                cs = c.args[0].args
                if any(_is_relation(x) and _negate(x) in known_all for x in cs):
                    changed = True
                    continue                        # a conjunct is false: the negation holds
                rest = [x for x in cs if x not in known_all]
                if not rest:
                    return True                     # every conjunct holds: the negation fails
                if len(rest) < len(cs):
                    changed = True
                    c = _negate(rest[0]) if len(rest) == 1 else sympy.Not(sympy.And(*rest))
                    out += _flatten([c])
                    continue
            out.append(c)
        conds = out
    if any(c is sympy.false for c in conds):
        return True
    every = set(conds)
    if any(_is_relation(c) and _negate(c) in every for c in every):
        return True
    lin = [r for r in conds if _is_linear_relation(r)]
    return bool(lin) and _ctx(A).feasible([_normal(r) for r in lin])[0] is False


def _is_relation(c) -> bool:
    return isinstance(c, (sympy.Eq, sympy.Ne)) or isinstance(c, _RELS)


def closed_min(values, assumptions=(), *, strict: bool = False):
    """The minimum of exact values as one expression where decided, else a ``Piecewise``.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.piecewise import closed_min
    >>> x = sympy.Symbol("x", real=True)
    >>> closed_min([x, 1, x + 1])
    Piecewise((x, x <= 1), (1, True))

    """
    return _extreme(values, assumptions, strict, largest=False)


def closed_max(values, assumptions=(), *, strict: bool = False):
    """The maximum of exact values, as `closed_min`.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.piecewise import closed_max
    >>> x = sympy.Symbol("x", real=True)
    >>> closed_max([x, 1], [x > 1])
    x

    """
    return _extreme(values, assumptions, strict, largest=True)


def require_single(value, context: str = "the value"):
    """``value`` itself unless it is a ``Piecewise`` (then `UndecidableError` naming the first
    condition): the ``strict=True`` behaviour of the measures."""
    if isinstance(value, sympy.Piecewise):
        raise UndecidableError(value.args[0][1], context)
    return value


#: a set of signs of an expression -> the relation with 0 it states
SIGN_SET_RELATION = {frozenset({1}): sympy.Gt, frozenset({0}): sympy.Eq,
                     frozenset({-1}): sympy.Lt, frozenset({1, 0}): sympy.Ge,
                     frozenset({0, -1}): sympy.Le, frozenset({1, -1}): sympy.Ne}
_ALL_SIGNS = frozenset({1, 0, -1})


def sign_box_cover(wanted, allowed) -> list[list[frozenset]]:
    """A union of sign vectors as a short list of boxes (products of sign sets).

    Each box is grown from a wanted sign vector, one coordinate at a time (first to every
    sign, then to two), while ``allowed(box)`` holds; the boxes then cover the wanted vectors
    greedily, largest cover first. The caller's ``allowed`` says which boxes hold no vector
    outside the union (vectors that cannot occur are don't-cares), so the disjunction of the
    chosen boxes is exact.

    Examples
    ========

    >>> from symalign.engines.piecewise import sign_box_cover
    >>> # the vectors with a first sign >= 0 and any second sign, when (-1, 1) is excluded
    >>> wanted = [(1, 1), (1, 0), (1, -1), (0, 1), (0, 0), (0, -1)]
    >>> boxes = sign_box_cover(wanted, lambda box: -1 not in box[0])
    >>> [sorted(b[0]) for b in boxes], [sorted(b[1]) for b in boxes]
    ([[0, 1]], [[-1, 0, 1]])

    """
    wanted = sorted(set(wanted), reverse=True)
    boxes = []
    for sv in wanted:
        box = [frozenset({v}) for v in sv]
        for k in range(len(box)):
            for opt in [_ALL_SIGNS] + [frozenset({sv[k], v}) for v in (1, 0, -1) if v != sv[k]]:
                trial = box[:k] + [opt] + box[k + 1:]
                if allowed(trial):
                    box = trial
                    break
        if box not in boxes:
            boxes.append(box)

    def inside(sv, box):
        return all(v in bs for v, bs in zip(sv, box))

    uncovered, chosen = set(wanted), []
    while uncovered:
        best = max(boxes, key=lambda b: sum(inside(sv, b) for sv in uncovered))
        chosen.append(best)
        uncovered = {sv for sv in uncovered if not inside(sv, best)}
    return chosen
