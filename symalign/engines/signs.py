"""Exact sign, zero and satisfiability decisions under assumptions, each saying how it was made.

This is the decision engine behind the closed forms of parametric games (issue 14). It decides
the sign of expressions built from rationals, real symbols, ``+ - * /``, (nested) square roots,
``Abs``, ``Max``, ``Min`` and ``Piecewise`` under assumptions (sympy assumptions on the symbols
plus relations), and never guesses: an answer is a proof, otherwise it is ``None``.

Public entry points
===================

``decide_sign(expr, assumptions=()) -> SignDecision(value, method, certificate)``
    ``value`` is -1, 0 or 1 when the sign is the same on the whole region the assumptions allow,
    else None; ``signs`` is the set of signs that could not be excluded.
``decide(condition, assumptions=()) -> Decision(value, method, certificate)``
    Three-valued truth (True, False, None) of a relation or a Boolean combination of relations.
``is_satisfiable(conditions, assumptions=()) -> Decision``
    Whether some point satisfies every condition and assumption; ``certificate`` is a witness
    point (symbol -> rational) when the answer is True.
``is_constant(values, assumptions=()) -> Decision``
    Whether a utility vector is constant: the linear condition that is exactly "the
    standardisation magnitude is zero".

The canonical ``Piecewise`` builders on top of these decisions (``piecewise``, ``closed_abs``,
``closed_min``, ``closed_max``, ``canonical_condition``) are in `symalign.engines.piecewise`;
the linear forms and witness points in `symalign.engines.linearforms`; the parsed assumptions
and the exact-LP and sum-of-squares strategies in `symalign.engines.linearsigns`; the one-parameter
real-root certificates and interval boxes in `symalign.engines.realroots`.

Strategies, cheapest first (the ``method`` string names the one that decided):

1. ``"exact number"``: a closed number, by interval arithmetic and minimal polynomials
   (`symalign.engines.algebraic.sign`).
2. ``"structural"``: signs of sums and products of terms of known sign, square roots and
   absolute values (zero iff their argument is), even powers, ``Max``/``Min``.
3. ``"exact LP"``: a linear expression under linear assumptions: whether ``e > 0``, ``e = 0``
   and ``e < 0`` are feasible is decided by an exact rational LP (`symalign.engines.lp`).
4. ``"sum of squares"``: a quadratic polynomial written exactly as ``sum d_k L_k^2``
   (``d_k >= 0``, ``L_k`` linear); it is zero iff every ``L_k`` is, a linear condition.
5. ``"rational function"``: factor signs, root counting for one parameter and the other
   rules of `symalign.engines.symbolic`.
6. ``"squaring"``: ``P - N`` with ``P, N >= 0`` sums of radicals has the sign of
   ``P^2 - N^2``; repeated, this eliminates square roots.
7. ``"real roots"``: one parameter: the radicals are eliminated by resultants into a
   polynomial whose real roots contain every zero and every discontinuity; the sign on each
   interval between the isolated roots is evaluated exactly at one rational witness point,
   and at the roots themselves exactly (the certificate lists the points).
8. ``"interval box"``: every parameter bounded: interval arithmetic over the whole box.
9. ``"cylindrical decomposition"``: a rational function in one or two parameters under
   polynomial (or rational) assumptions: the exact signs at one sample point of every cell of
   a cylindrical algebraic decomposition (`symalign.engines.cad`); `is_satisfiable` uses it
   too, to prove a region empty or find a witness point.

Sources: the zero-magnitude convention of Sourbut, Hammond & Wood (2024), Sec. 3; the
exact-LP and real-root techniques are standard (e.g. Basu, Pollack & Roy, *Algorithms in Real
Algebraic Geometry*, ch. 2).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field

import sympy

from symalign.core.errors import UndecidableError
from symalign.engines.algebraic import sign as _number_sign
from symalign.engines.linearforms import (_RELS, _flatten, _linear, _normal, _params, expanded,
                                          candidate_points as _candidate_points,
                                          holds_at as _holds_at,
                                          plainly_false_at as _plainly_false_at)
from symalign.engines.linearsigns import (_ctx, linear_lp as _linear_lp,  # noqa: F401
                                          lp_signs as _lp_signs, sos as _sos)
from symalign.engines.cad import cad_satisfiable, cad_signs
from symalign.engines.realroots import box_signs, real_roots_signs

__all__ = ["SignDecision", "Decision", "decide_sign", "decide", "is_satisfiable", "is_constant"]

_ALL = frozenset((-1, 0, 1))
#: expressions with more operations than this get only the structural, LP and sum-of-squares
#: strategies (squaring and resultants grow quickly); an undecided sign then stays a condition
_MAX_OPS = 120


@dataclass(frozen=True)
class SignDecision:
    """The sign of an expression on the region the assumptions allow, and how it was decided.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.signs import decide_sign
    >>> x = sympy.Symbol("x", positive=True)
    >>> d = decide_sign(sympy.sqrt(3*x**2 - 2*x + 3) + sympy.sqrt(11)/2)
    >>> d.value, d.method
    (1, 'structural')

    """

    value: int | None
    method: str
    certificate: object = None
    signs: frozenset = field(default=_ALL, repr=False)

    @property
    def nonnegative(self) -> bool:
        return self.signs <= {0, 1}

    @property
    def nonpositive(self) -> bool:
        return self.signs <= {-1, 0}

    @property
    def nonzero(self) -> bool:
        return 0 not in self.signs


@dataclass(frozen=True)
class Decision:
    """A three-valued truth (True, False or None for undecided) and how it was decided.

    ``certificate`` is a witness point for a satisfiable condition, else what the method
    produced (e.g. the sign decision of a relation's difference).

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.signs import is_satisfiable
    >>> x = sympy.Symbol("x")
    >>> is_satisfiable([x > 2, x < -1]).value
    False

    """

    value: bool | None
    method: str
    certificate: object = None


# -- sign decisions ----------------------------------------------------------------------------

def decide_sign(expr, assumptions=()) -> SignDecision:
    """The sign of ``expr`` on the region the assumptions allow, or None, with its method.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.signs import decide_sign
    >>> T, R, P, S = sympy.symbols("T R P S", real=True)
    >>> decide_sign(T - S, [T > R, R > P, P > S])
    SignDecision(value=1, method='exact LP', certificate=None)
    >>> x = sympy.Symbol("x", positive=True)
    >>> decide_sign(sympy.sqrt(x**2 + 1) - x).method      # squaring: x**2 + 1 - x**2 = 1
    'squaring'
    >>> decide_sign(x - 1).value is None
    True

    """
    expr = sympy.sympify(expr)
    A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                       else [assumptions]))
    return _decide_sign(expr, A)


#: decisions made under a set of assumptions hold under every larger set (a smaller region):
#: ``expr -> [(frozenset(assumptions), SignDecision)]``, consulted before the strategies run
_PROVED: dict = {}


def _proved_signs(expr, A):
    """The signs that decisions under subsets of ``A`` left open, and one that fixes it."""
    out, single = _ALL, None
    for B, d in _PROVED.get(expr, ()):
        if B <= frozenset(A):
            out, single = out & d.signs, (d if len(d.signs) == 1 else single)
    return out, single


@functools.lru_cache(maxsize=8192)
def _decide_sign(expr, A, deep: bool = True) -> SignDecision:
    if _undefined(expr):
        return SignDecision(None, "undefined")
    if not expr.free_symbols:
        s = _safe_number_sign(expr)
        if s is None:
            return SignDecision(None, "undecided")
        return SignDecision(s, "exact number", None, frozenset((s,)))
    known, single = _proved_signs(expr, A)
    if single is not None:      # the same proof holds on the smaller region
        return single
    d = _decide_sign_new(expr, A, deep, known)
    if len(_PROVED) > 50_000:
        _PROVED.clear()
    if d.signs != _ALL and d.signs and len(_PROVED.setdefault(expr, [])) < 8:
        _PROVED[expr].append((frozenset(A), d))
    return d


def _decide_sign_new(expr, A, deep, known) -> SignDecision:
    ctx = _ctx(A)
    S, how = _structural(expr, ctx, 0)
    if known != _ALL and S & known:
        S = S & known
    if len(S) == 1:
        return SignDecision(next(iter(S)), how, None, S)
    strategies = (_linear_lp, _sos, _rational, _squaring, real_roots_signs, box_signs,
                  cad_signs)
    big = any(k > 8 * _MAX_OPS for k, _ in enumerate(sympy.preorder_traversal(expr)))
    if big or sympy.count_ops(expr) > _MAX_OPS:   # the costly strategies only on small ones
        # a large expression with radicals is neither linear nor polynomial: expanding it to
        # find out would be the whole cost
        strategies = () if big and _has_radical(expr) else (_linear_lp, _sos)
    elif not deep:      # inside squaring: real roots only at the top level (they cost most)
        strategies = (_linear_lp, _sos, _rational, _squaring)
    for strategy in strategies:
        try:
            out = strategy(expr, ctx, S)
        except _STRATEGY_ERRORS:     # a strategy that cannot handle the form decides nothing
            out = None
        if out is not None:
            S2, how, cert = out
            S2 = frozenset(S2) & S
            if S2 and len(S2) < len(S):
                S = S2
                if len(S) == 1:
                    return SignDecision(next(iter(S)), how, cert, S)
    return SignDecision(None, "undecided" if S == _ALL else "structural (partial)", None, S)


def _safe_number_sign(e) -> int | None:
    """The exact sign of a closed number, or None (undefined values, unsupported functions)."""
    if e.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.I):
        return None
    try:
        return _number_sign(e)
    except (UndecidableError, ArithmeticError, ValueError, TypeError, AttributeError,
            NotImplementedError, sympy.polys.polyerrors.PolynomialError):
        return None


def _mul_sets(a, b):
    return frozenset(x * y for x in a for y in b)


def _add_sets(sets):
    """Possible signs of a sum whose terms have the given possible-sign sets."""
    if all(s <= {0} for s in sets):
        return frozenset((0,))
    if all(s <= {0, 1} for s in sets):
        return frozenset((1,)) if any(s == {1} for s in sets) else frozenset((0, 1))
    if all(s <= {-1, 0} for s in sets):
        return frozenset((-1,)) if any(s == {-1} for s in sets) else frozenset((-1, 0))
    return _ALL


def _symbol_signs(s, ctx) -> frozenset:
    if s.is_positive:
        return frozenset((1,))
    if s.is_negative:
        return frozenset((-1,))
    if s.is_zero:
        return frozenset((0,))
    out = _ALL
    if s.is_nonnegative:
        out = frozenset((0, 1))
    elif s.is_nonpositive:
        out = frozenset((-1, 0))
    return out


def _structural(e, ctx, depth) -> tuple[frozenset, str]:
    """The signs of ``e`` that its structure allows, memoised per assumptions (``ctx``): the
    same radicands and symbols recur hundreds of times in one closed form."""
    memo = ctx.__dict__.setdefault("_structural_memo", {})
    out = memo.get(e)
    if out is None:
        cut = _CUT[0]
        out = _structural_new(e, ctx, depth)
        if _CUT[0] == cut:      # not cut short by the depth limit: the same at any depth
            memo[e] = out
    return out


#: how often `_structural_new` stopped at its depth limit (such results are not memoised)
_CUT = [0]


def _structural_new(e, ctx, depth) -> tuple[frozenset, str]:
    if not e.free_symbols:
        s = _safe_number_sign(e)
        return (_ALL if s is None else frozenset((s,))), "structural"
    if e.is_Symbol:
        S = _symbol_signs(e, ctx)
        if len(S) > 1 and ctx.linear:
            out = _linear_lp(e, ctx, S)
            if out is not None:
                return frozenset(out[0]) & S, "structural"
        return S, "structural"
    if depth > 40:
        _CUT[0] += 1
        return _ALL, "structural"
    if e.is_Add:
        return _add_sets([_structural(a, ctx, depth + 1)[0] for a in e.args]), "structural"
    if e.is_Mul:
        out = frozenset((1,))
        for a in e.args:
            out = _mul_sets(out, _structural(a, ctx, depth + 1)[0])
        return out, "structural"
    if e.is_Pow:
        b, x = e.args
        if x.is_Integer:
            B = _structural(b, ctx, depth + 1)[0]
            k = int(x)
            if k % 2 == 0:
                B = frozenset(abs(s) for s in B)
            if k < 0:
                B = B - {0}
            return (B if B else _ALL), "structural"
        if x.is_Rational:   # a real root: defined for a non-negative base, zero iff it is
            B = _structural(b, ctx, depth + 1)[0]
            if len(B) > 1 and x > 0:
                B = _decide_sign(b, ctx.relations).signs
            if x < 0:
                return frozenset((1,)), "structural"
            out = set()
            if 1 in B or -1 in B:
                out.add(1)
            if 0 in B or -1 in B:
                out.add(0)
            if 0 in B:
                out.add(0)
            if B <= {1}:
                out = {1}
            return frozenset(out), "structural"
        return _ALL, "structural"
    if isinstance(e, sympy.Abs):
        B = _structural(e.args[0], ctx, depth + 1)[0]
        return frozenset(abs(s) for s in B), "structural"
    if isinstance(e, (sympy.Max, sympy.Min)):
        sets = [_structural(a, ctx, depth + 1)[0] for a in e.args]
        pick = max if isinstance(e, sympy.Max) else min
        return frozenset(pick(c) for c in itertools.product(*sets)), "structural"
    if isinstance(e, sympy.Piecewise):
        out = frozenset()
        for v, _ in e.args:
            out |= _structural(v, ctx, depth + 1)[0]
        return out, "structural"
    return _ALL, "structural"


def _rational(e, ctx, S):
    """A rational function: the product of the signs of its irreducible factors (each decided
    by the other strategies; even multiplicities are non-negative)."""
    parts = _factorisation(e)
    if parts is None or parts == "zero":
        return None if parts is None else (frozenset((0,)), "rational function", None)
    out = frozenset((1,))
    for coeff, factors, is_den in parts:
        out = _mul_sets(out, frozenset(((coeff > 0) - (coeff < 0),)))
        for f, mult in factors:
            fs = _decide_sign(f, ctx.relations).signs
            if is_den:
                fs = fs - {0}
            if mult % 2 == 0:
                fs = frozenset(abs(x) for x in fs)
            out = _mul_sets(out, fs if fs else _ALL)
    return out, "rational function", tuple(fm for _, fs, _ in parts for fm in fs)


@functools.lru_cache(maxsize=4096)
def _factorisation(e):
    """``e`` as a rational function: ``[(coeff, factors, is_denominator)]`` for its numerator
    and denominator, "zero", or None when it is not one or a factor is ``e`` itself (the
    same under any assumptions, so memoised)."""
    if _has_radical(e):        # together() keeps radicals: not a rational function
        return None
    e2 = sympy.together(e)
    syms = sorted(e2.free_symbols, key=lambda s: s.name)
    if not syms or not e2.is_rational_function(*syms) or _has_radical(e2):
        return None
    num, den = sympy.fraction(e2)
    parts = []
    for part, is_den in ((num, False), (den, True)):
        coeff, factors = sympy.factor_list(sympy.expand(part), *syms)
        if coeff == 0:
            return "zero" if not is_den else None
        if not coeff.is_Rational:
            return None
        for f, mult in factors:
            if sympy.expand(f - e2) == 0 or sympy.expand(f + e2) == 0:
                return None            # irreducible: nothing to split
        parts.append((coeff, tuple(factors), is_den))
    return tuple(parts)


_STRATEGY_ERRORS = (sympy.polys.polyerrors.BasePolynomialError, ArithmeticError, TypeError,
                     ValueError, NotImplementedError, AttributeError, RecursionError)

_DEPTH = [0]   # nesting of the squaring strategy (it recurses through decide_sign)


@functools.lru_cache(maxsize=4096)
def _has_radical(e) -> bool:
    return any(p.exp.is_Rational and not p.exp.is_Integer for p in e.atoms(sympy.Pow))


@functools.lru_cache(maxsize=4096)
def _undefined(e) -> bool:
    """Whether ``e`` contains nan or an infinity (one pass over the tree, memoised)."""
    return bool(e.atoms(sympy.core.numbers.NaN, sympy.core.numbers.ComplexInfinity,
                       sympy.core.numbers.Infinity, sympy.core.numbers.NegativeInfinity))


def _squaring(e, ctx, S):
    """``P - N`` with ``P, N >= 0`` sums of terms of known sign: the sign of ``P^2 - N^2``."""
    e = expanded(e)
    if not e.is_Add or not _has_radical(e):
        return None
    pos, neg = [], []
    for a in e.args:
        s = _structural(a, ctx, 0)[0]
        if s <= {0, 1}:
            pos.append(a)
        elif s <= {-1, 0}:
            neg.append(-a)
        else:
            s2 = _decide_sign(a, ctx.relations)
            if s2.nonnegative:
                pos.append(a)
            elif s2.nonpositive:
                neg.append(-a)
            else:
                return None
    if not pos or not neg:
        return None
    P, N = sympy.Add(*pos), sympy.Add(*neg)
    if P.count(sympy.Pow) + N.count(sympy.Pow) > 12 or _DEPTH[0] > 4:
        return None
    diff = sympy.expand(P**2 - N**2)
    _DEPTH[0] += 1
    try:
        d = _decide_sign(diff, ctx.relations, False)
    finally:
        _DEPTH[0] -= 1
    if d.value is None:
        return None
    # P - N = (P^2 - N^2)/(P + N); P + N > 0 unless both are 0
    if d.value == 0:
        return frozenset((0,)), "squaring", diff
    return frozenset((d.value,)), "squaring", diff


# -- conditions ---------------------------------------------------------------------------------

def decide(condition, assumptions=()) -> Decision:
    """Three-valued truth of a relation or Boolean combination under the assumptions.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.signs import decide
    >>> x = sympy.Symbol("x", positive=True)
    >>> d = decide(sympy.Eq(sympy.sqrt(3*x**2 - 2*x + 3) + sympy.sqrt(11), 0))
    >>> d.value, d.method
    (False, 'structural')

    """
    c = sympy.sympify(condition)
    A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                       else [assumptions]))
    return _decide(c, A)


def _decide(c, A) -> Decision:
    if c is sympy.true or c is True:
        return Decision(True, "trivial")
    if c is sympy.false or c is False:
        return Decision(False, "trivial")
    if isinstance(c, (sympy.Eq, sympy.Ne)) or isinstance(c, _RELS):
        e = expanded(c.lhs - c.rhs)
        d = _decide_sign(e, A)
        ok = {sympy.Eq: {0}, sympy.Ne: {-1, 1}, sympy.StrictGreaterThan: {1},
              sympy.GreaterThan: {0, 1}, sympy.StrictLessThan: {-1},
              sympy.LessThan: {-1, 0}}[type(c)]
        if d.signs <= ok:
            return Decision(True, d.method, d)
        if not (d.signs & ok):
            return Decision(False, d.method, d)
        return Decision(None, "undecided", d)
    if isinstance(c, sympy.And):
        ds = [_decide(a, A) for a in c.args]
        for d in ds:
            if d.value is False:
                return d
        if all(d.value for d in ds):
            return Decision(True, "+".join(sorted({d.method for d in ds})))
        return Decision(None, "undecided")
    if isinstance(c, sympy.Or):
        ds = [_decide(a, A) for a in c.args]
        for d in ds:
            if d.value is True:
                return d
        if all(d.value is False for d in ds):
            return Decision(False, "+".join(sorted({d.method for d in ds})))
        return Decision(None, "undecided")
    if isinstance(c, sympy.Not):
        d = _decide(c.args[0], A)
        return Decision(None if d.value is None else not d.value, d.method, d.certificate)
    return Decision(None, "undecided")


@functools.lru_cache(maxsize=8192)
def _is_linear_relation(c) -> bool:
    try:
        e, _ = _normal(c)
    except TypeError:
        return False
    return _linear(e, _params(e)) is not None


def is_satisfiable(conditions, assumptions=()) -> Decision:
    """Whether some point satisfies every condition together with the assumptions.

    Linear conditions are decided by an exact LP (with a rational witness); a condition the
    engine decides False under the assumptions (and the linear conditions) proves the set
    empty; in one or two parameters a cylindrical decomposition (`symalign.engines.cad`)
    decides it either way, with an exact witness (rational when a full-dimensional cell has
    one); otherwise a deterministic search for a rational witness point checks every
    condition exactly there. None when neither a witness nor a proof was found.

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.signs import is_satisfiable
    >>> x, y = sympy.symbols("x y", real=True)
    >>> is_satisfiable([x > 2, x < -1])
    Decision(value=False, method='exact LP', certificate=None)
    >>> d = is_satisfiable([sympy.sqrt(x**2 + 1) > 2], [x > 0])
    >>> d.value, d.certificate[x] > 0
    (True, True)

    """
    conds = _flatten([conditions] if isinstance(conditions, sympy.Basic) else conditions)
    A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                       else [assumptions]))
    return _is_satisfiable(tuple(conds), A)


@functools.lru_cache(maxsize=4096)
def _is_satisfiable(conds, A, witness: bool = True) -> Decision:
    """As `is_satisfiable`; ``witness=False`` skips the witness search (for callers that act
    only on a proof of emptiness)."""
    if any(c is sympy.false for c in conds):
        return Decision(False, "trivial")
    ctx = _ctx(A)
    syms = _params(*conds, *A)
    lin, rest = [], []
    for c in conds:
        (lin if _is_linear_relation(c) else rest).append(c)
    lin_forms = [_normal(c) for c in lin]
    ok, point = ctx.feasible(lin_forms, syms)
    if ok is False:
        return Decision(False, "exact LP")
    if not rest and not ctx.other and ok:
        return Decision(True, "exact LP", point)
    B = A + tuple(lin)
    for c in rest:
        d = _decide(c, B)
        if d.value is False:
            return Decision(False, d.method, d)
    rest = [c for c in rest if _decide(c, B).value is not True]
    checks = rest + list(ctx.other)
    if not checks and ok:
        return Decision(True, "exact LP", point)
    if witness and len(syms) == 1 and len(rest) == 1 and not ctx.other:
        found = _univariate_witness(rest[0], B, syms[0])
        if found is not None:
            return Decision(True, "real roots", found)
    if len(syms) <= 2:      # exact in one or two parameters: a proof either way
        value, point2 = cad_satisfiable(conds, A)
        if value is not None:
            return Decision(value, "cylindrical decomposition", point2)
    if not witness:           # the caller acts only on a proof of emptiness
        return Decision(None, "undecided (no witness searched)")
    every = list(conds) + list(A)
    names = tuple(syms)
    for pt in _candidate_points(ctx, lin_forms, syms, point):
        if any(_plainly_false_at(c, pt, names) for c in every):
            continue            # a float shows a clear failure: not worth the exact check
        if all(_holds_at(c, pt) for c in every):
            return Decision(True, "witness", pt)
    return Decision(None, "undecided")


def _univariate_witness(c, B, x):
    try:
        e, kind = _normal(c)
    except TypeError:
        return None
    ctx = _ctx(B)
    out = real_roots_signs(e, ctx, _ALL)
    if out is None:
        return None
    want = {">": {1}, ">=": {0, 1}, "==": {0}}[kind]
    for pt, s in out[2]["points"]:
        if s in want and pt.is_Rational:
            return {x: pt}
    return None


def is_constant(values, assumptions=()) -> Decision:
    """Whether a utility vector is constant on the whole region: "magnitude zero" exactly.

    A standardisation magnitude (any norm of the centred vector) is zero iff the utility is
    constant (Sourbut, Hammond & Wood (2024), Sec. 3): the linear system ``u_k = u_0`` for every
    outcome ``k``. True when the assumptions imply it, False when the system is infeasible
    under them, None otherwise (then ``certificate`` is the condition, an ``And`` of ``Eq``).

    Examples
    ========

    >>> import sympy
    >>> from symalign.engines.signs import is_constant
    >>> T, R, P, S = sympy.symbols("T R P S", real=True)
    >>> is_constant([R, S, T, P], [T > R, R > P, P > S]).value
    False
    >>> is_constant([R, S, T, P]).certificate
    Eq(P, R) & Eq(S, R) & Eq(T, R)

    """
    vals = [sympy.sympify(v) for v in values]
    A = tuple(_flatten(assumptions if not isinstance(assumptions, sympy.Basic)
                       else [assumptions]))
    diffs = [sympy.expand(v - vals[0]) for v in vals[1:]]
    diffs = [d for d in diffs if d != 0]
    if not diffs:
        return Decision(True, "structural")
    cond = sympy.And(*[_canonical_eq(v, vals[0]) for v in vals[1:]
                       if sympy.expand(v - vals[0]) != 0])
    if _negate(cond) in A:
        return Decision(False, "assumption", cond)
    ctx = _ctx(A)
    syms = _params(*diffs, *A)
    if all(_linear(d, syms) is not None for d in diffs) and not ctx.other:
        # one LP for "every difference is 0", then at most two per difference for "some
        # difference can be non-zero" (instead of three sign LPs per difference)
        ok, _ = ctx.feasible([(d, "==") for d in diffs], syms)
        if ok is False:
            return Decision(False, "exact LP", cond)
        if ok and any(ctx.feasible([(e, ">")], syms)[0] is not False
                      for d in diffs for e in (d, -d)):
            return Decision(None, "undecided", cond)
    for d in diffs:
        s = _decide_sign(d, A)
        if s.nonzero:
            return Decision(False, s.method, cond)
    if all(_linear(d, syms) is not None for d in diffs):
        ok, _ = ctx.feasible([(d, "==") for d in diffs], syms)
        if ok is False:
            return Decision(False, "exact LP", cond)
    if all(_decide_sign(d, A).signs == {0} for d in diffs):
        return Decision(True, "exact LP", cond)
    return Decision(None, "undecided", cond)


def _canonical_eq(a, b):
    return _canon(sympy.Eq(a, b), ())


# -- canonical conditions and closed forms -----------------------------------------------------

def _split_sides(e):
    """``e`` (with a positive integer scaling) as ``(lhs, rhs)`` with ``e = lhs - rhs``:
    positive-coefficient terms on the left, the rest on the right."""
    import math
    e = expanded(e)
    terms = sympy.Add.make_args(e)
    dens = [int(t.as_coeff_Mul()[0].q) for t in terms if t.as_coeff_Mul()[0].is_Rational]
    L = math.lcm(1, *dens)
    e = expanded(L * e)
    nums = [abs(int(t.as_coeff_Mul()[0])) for t in sympy.Add.make_args(e)
            if t.as_coeff_Mul()[0].is_Integer]
    g = math.gcd(0, *nums) or 1
    e = expanded(e / g)
    lhs, rhs = [], []
    for t in sympy.Add.make_args(e):
        c, _ = t.as_coeff_Mul()
        if t.is_number or c.is_negative:
            rhs.append(-t)
        else:
            lhs.append(t)
    return sympy.Add(*lhs), sympy.Add(*rhs)


def _canon(c, A):
    if isinstance(c, sympy.And):
        parts = [_canon(a, A) for a in c.args]
        kept = list(parts)
        for p in parts:
            others = tuple(q for q in kept if q is not p)
            if _decide(p, A + tuple(q for q in others if _is_linear_relation(q))).value is True:
                kept = list(others)
        return sympy.And(*kept)
    if isinstance(c, sympy.Or):
        return sympy.Or(*[_canon(a, A) for a in c.args])
    if isinstance(c, sympy.Not):
        inner = c.args[0]
        if isinstance(inner, (sympy.Eq, sympy.Ne)) or isinstance(inner, _RELS):
            return _canon(inner.negated, A)
        return sympy.Not(_canon(inner, A))
    if isinstance(c, (sympy.Eq, sympy.Ne)) or isinstance(c, _RELS):
        e = expanded(c.lhs - c.rhs)
        lhs, rhs = _split_sides(e)
        if lhs == 0:    # no positive term: read the relation the other way round
            lhs, rhs = _split_sides(-e)
            return _FLIP[type(c)](lhs, rhs)
        return type(c)(lhs, rhs)
    return c


_FLIP = {sympy.StrictGreaterThan: sympy.StrictLessThan, sympy.StrictLessThan: sympy.StrictGreaterThan,
         sympy.GreaterThan: sympy.LessThan, sympy.LessThan: sympy.GreaterThan,
         sympy.Eq: sympy.Eq, sympy.Ne: sympy.Ne}




def _negate(c):
    if isinstance(c, (sympy.Eq, sympy.Ne)) or isinstance(c, _RELS):
        return c.negated
    return sympy.Not(c)
