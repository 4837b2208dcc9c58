"""Machine-checked claims: identities, Farkas certificates, argmax case splits, finite search.

A claim about a *family* of games (a generic symbolic game of a given shape, possibly with
assumptions on its payoffs) is decided by one of five methods, recorded in the result:

``"identity"``
    ``lhs - rhs`` simplifies to zero (after the exact rewrite lemmas
    ``max(x + c) = max(x) + c`` and ``max(lambda x) = lambda max(x)`` for ``lambda > 0``).
``"certificate"``
    a linear (Farkas / Positivstellensatz of degree two) certificate
    ``goal = sum_k lambda_k h_k + s`` with ``lambda_k >= 0`` and a constant slack ``s >= 0``,
    re-checked in exact arithmetic; piecewise-linear claims are first split into the cases of
    their maxima (`prove_piecewise_linear`).
``"lemma chain"``
    several steps, each proved by one of the methods above.
``"exhaustive"``
    every member of a finite family checked exactly.
``"sampled"``
    a hypothesis search: it can *refute* (``holds=False`` with a counterexample) but never
    proves (``holds=None`` otherwise).

Floats may guide a search (an LP solver proposing multipliers) but every result is verified
exactly; nothing is accepted on a tolerance. This follows `teorth/estimates`, whose LP tool
returns exact certificates (STYLE.md §8, §9.9).
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

import sympy
from sympy import Integer, Rational

from .closedforms import raw_maxima  # re-exported: the case-split prover works on maxima

__all__ = [
    "Step",
    "Verification",
    "Certificate",
    "METHODS",
    "check_identity",
    "check_certificate",
    "find_certificate",
    "find_counterexample",
    "prove_piecewise_linear",
    "exhaustive",
    "sampled",
    "lemma_chain",
    "refute_by_search",
    "verify",
    "generic_game",
    "generic_profile",
    "raw_maxima",
]

METHODS = ("identity", "certificate", "lemma chain", "exhaustive", "sampled")


# -- records ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One checked statement of a proof: the sympy statement and how it was checked.

    ``holds`` is True (checked), False (refuted) or None (undecided). ``detail`` keeps the
    witness: the multipliers of a certificate, the number of cases, the counterexample.
    """

    statement: object
    how: str
    holds: bool | None
    detail: object = field(default=None, repr=False)

    def to_dict(self) -> dict:
        return {"statement": _text(self.statement), "how": self.how, "holds": self.holds}


@dataclass(frozen=True)
class Verification:
    """The structured outcome of checking a claim (STYLE.md §9.9).

    Examples
    ========

    >>> import sympy
    >>> from symalign.verify import check_identity
    >>> x, y = sympy.symbols("x y")
    >>> v = check_identity((x + y)**2, x**2 + 2*x*y + y**2)
    >>> v.method, v.holds
    ('identity', True)

    Attributes
    ==========

    claim : str
        The statement in LaTeX.
    name : str
    method : str
        One of `METHODS`.
    steps : tuple of Step
    assumptions : tuple
        Hypotheses on the family (sympy relations or text).
    expected : bool
        Whether the claim is meant to hold (False for claims kept to be refuted).
    holds : bool or None
        True proved, False refuted, None undecided.
    counterexample : object
        The refuting instance when ``holds is False``.
    seconds : float
    source : str
        The spec section.
    """

    claim: str
    name: str = ""
    method: str = "identity"
    steps: tuple = ()
    assumptions: tuple = ()
    expected: bool = True
    holds: bool | None = None
    counterexample: object = None
    seconds: float = 0.0
    source: str = ""

    @property
    def statement(self) -> str:
        """Alias of `claim` (the LaTeX statement)."""
        return self.claim

    def _latex(self, printer) -> str:
        verdict = {True: "proved", False: "refuted", None: "undecided"}[self.holds]
        return rf"{self.claim}\quad\text{{[{verdict}, {self.method}]}}"

    @property
    def ok(self) -> bool:
        """True when the outcome is the expected one (proved if expected, refuted if not)."""
        return self.holds is not None and self.holds == self.expected

    def to_dict(self) -> dict:
        """A JSON-ready dictionary (no sympy objects)."""
        return {
            "name": self.name,
            "statement": self.claim,
            "method": self.method,
            "expected": self.expected,
            "holds": self.holds,
            "seconds": round(self.seconds, 4),
            "source": self.source,
            "assumptions": [_text(a) for a in self.assumptions],
            "steps": [s.to_dict() for s in self.steps],
            "counterexample": None if self.counterexample is None else _text(self.counterexample),
        }


def _text(obj) -> str:
    if isinstance(obj, str):
        return obj
    try:
        return sympy.sstr(obj)
    except Exception:  # pragma: no cover - printing fallback
        return repr(obj)


@dataclass(frozen=True)
class Certificate:
    """A linear certificate ``goal = sum_k multipliers[k] * hypotheses[k] + slack``.

    Hypotheses are expressions meaning ``h >= 0`` (products of two hypotheses allowed) or
    `sympy.Eq` equalities, whose multipliers may be any polynomial.
    """

    goal: sympy.Expr
    hypotheses: tuple
    multipliers: tuple
    slack: sympy.Expr = Integer(0)

    def used(self) -> tuple:
        """The pairs ``(multiplier, hypothesis)`` with a non-zero multiplier."""
        return tuple((m, h) for m, h in zip(self.multipliers, self.hypotheses) if m != 0)


# -- helpers -----------------------------------------------------------------------------------

_REL = (sympy.StrictGreaterThan, sympy.StrictLessThan, sympy.GreaterThan, sympy.LessThan)


def _as_nonneg(rel) -> tuple[sympy.Expr, bool, bool]:
    """``(e, strict, is_eq)`` with the relation equivalent to ``e >= 0`` / ``e > 0`` / ``e = 0``."""
    rel = sympy.sympify(rel)
    if rel is sympy.true:
        return Integer(0), False, False
    if rel is sympy.false:
        return Integer(-1), False, False
    if isinstance(rel, sympy.Eq):
        return sympy.expand(rel.lhs - rel.rhs), False, True
    if isinstance(rel, sympy.StrictGreaterThan):
        return sympy.expand(rel.lhs - rel.rhs), True, False
    if isinstance(rel, sympy.StrictLessThan):
        return sympy.expand(rel.rhs - rel.lhs), True, False
    if isinstance(rel, sympy.GreaterThan):
        return sympy.expand(rel.lhs - rel.rhs), False, False
    if isinstance(rel, sympy.LessThan):
        return sympy.expand(rel.rhs - rel.lhs), False, False
    if isinstance(rel, sympy.Expr):
        return sympy.expand(rel), False, False
    raise TypeError(f"Argument is {rel!r}; expected a sympy relation or expression.")


def _relation(e: sympy.Expr, strict: bool = False, eq: bool = False):
    if eq:
        return sympy.Eq(e, 0, evaluate=False)
    return sympy.Gt(e, 0, evaluate=False) if strict else sympy.Ge(e, 0, evaluate=False)


def _pull_out(expr: sympy.Expr, positives: Iterable = ()) -> sympy.Expr:
    """Rewrite ``Max(x_k + c) -> Max(x_k) + c`` and ``Max(l x_k) -> l Max(x_k)`` (``l > 0``).

    Exact lemmas: ``c`` is a term common to every argument; ``l`` a positive number or a
    symbol declared positive (or listed in ``positives``).
    """
    positives = set(positives)

    def rewrite(node):
        args = [sympy.expand(a) for a in node.args]
        common = set(sympy.Add.make_args(args[0]))
        for a in args[1:]:
            common &= set(sympy.Add.make_args(a))
        shift = sympy.Add(*common) if common else Integer(0)
        rest = [sympy.expand(a - shift) for a in args]
        scale = Integer(1)
        cands = set()
        for a in rest:
            cands |= {s for s in a.free_symbols if s.is_positive or s in positives}
        for s in cands:
            for f in (s, 1 / s):
                if all(a == 0 or not sympy.expand(a / f).has(s) for a in rest):
                    scale *= f
                    rest = [sympy.expand(a / f) for a in rest]
                    break
        coeffs = [t.as_coeff_Mul()[0] for a in rest for t in sympy.Add.make_args(a) if a != 0]
        coeffs = [abs(c) for c in coeffs if c.is_Rational and c != 0]
        if coeffs and len(coeffs) == sum(len(sympy.Add.make_args(a)) for a in rest if a != 0):
            g = coeffs[0]
            for c in coeffs[1:]:
                g = sympy.gcd(g, c)
            if g.is_Rational and g > 0 and g != 1:
                scale *= g
                rest = [sympy.expand(a / g) for a in rest]
        if shift == 0 and scale == 1:
            return node
        return node.func(*rest) * scale + shift

    prev = None
    out = expr
    while prev != out:
        prev = out
        out = out.replace(lambda e: isinstance(e, (sympy.Max, sympy.Min)), rewrite)
    return out


def _abs_to_max(expr):
    """Rewrite ``|x|`` as ``Max(x, -x)`` (exact)."""
    expr = sympy.sympify(expr)
    if not expr.has(sympy.Abs):
        return expr
    return expr.replace(lambda e: isinstance(e, sympy.Abs),
                        lambda e: sympy.Max(e.args[0], -e.args[0]))


def _timed(fn):
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        v = fn(*args, **kwargs)
        return replace(v, seconds=time.perf_counter() - t0)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__wrapped__ = fn
    return wrapper


def _rational_points(symbols, assumptions, rng_values=(Rational(1, 3), Integer(2), Rational(-5, 7),
                                                      Integer(3), Rational(7, 2), Integer(-1),
                                                      Rational(11, 5), Integer(5))):
    """A few deterministic rational points satisfying the (numerically decidable) assumptions."""
    symbols = sorted(symbols, key=str)
    out = []
    for shift in range(8):
        pt = {}
        for k, s in enumerate(symbols):
            v = rng_values[(k + shift) % len(rng_values)] * (1 + k % 3)
            if s.is_positive or s.is_nonnegative:
                v = abs(v) + Rational(1, 2)
            pt[s] = v
        ok = True
        for a in assumptions:
            t = sympy.sympify(a).subs(pt)
            if t is not sympy.true and t is not True:
                ok = False
                break
        if ok:
            out.append(pt)
    return out


def _nonzero_value(val) -> bool:
    """True only when the closed number ``val`` is provably non-zero (exact or interval sign)."""
    if val.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not val.is_number:
        return False
    if val.is_Rational:
        return val != 0
    try:
        from ._algebraic import _interval_sign_at
        return _interval_sign_at(val, 128) in (-1, 1)
    except Exception:  # undecided: never guess
        return False


def _refute_at_points(d, assumptions, tries: int = 3):
    """``(point, value)`` at a rational point satisfying the assumptions where ``d != 0``, or None."""
    for pt in _rational_points(d.free_symbols, assumptions)[:tries]:
        try:
            val = d.xreplace(pt)
        except Exception:  # pragma: no cover
            continue
        if _nonzero_value(val):
            return pt, val
    return None


# -- identities --------------------------------------------------------------------------------

def _identity_step(lhs, rhs=0, assumptions=()) -> Step:
    lhs, rhs = sympy.sympify(lhs), sympy.sympify(rhs)
    assumptions = tuple(sympy.sympify(a) for a in assumptions)
    subs = {}
    for a in assumptions:  # equalities with a symbol on one side are used as substitutions
        if isinstance(a, sympy.Eq) and isinstance(a.lhs, sympy.Symbol):
            subs[a.lhs] = a.rhs
    positives = set()
    for a in assumptions:
        if isinstance(a, (sympy.StrictGreaterThan,)) and a.rhs == 0 and a.lhs.is_Symbol:
            positives.add(a.lhs)
        if isinstance(a, (sympy.StrictLessThan,)) and a.lhs == 0 and a.rhs.is_Symbol:
            positives.add(a.rhs)
    diff = sympy.sympify(lhs - rhs).subs(subs) if subs else lhs - rhs
    statement = sympy.Eq(lhs, rhs, evaluate=False)
    d = sympy.expand(diff)
    how = "expand"
    if d.has(sympy.Max, sympy.Min, sympy.Abs):
        d2 = sympy.expand(_pull_out(_abs_to_max(d), positives))
        if d2 != d:
            how = "expand with the lemmas max(x + c) = max(x) + c, max(l x) = l max(x) (l > 0)"
        d = d2
    if d != 0:
        quick = _refute_at_points(d, assumptions)
        if quick is not None:
            pt, val = quick
            return Step(statement, f"lhs - rhs = {val} != 0 at {pt} (exact sign)", False,
                        detail={"point": pt})
        d = sympy.simplify(sympy.factor_terms(d))
        how = "simplify"
    if d != 0 and positives:
        reps = {s: sympy.Symbol(s.name, positive=True) for s in positives if not s.is_positive}
        if reps:
            d2 = sympy.simplify(sympy.expand(d.xreplace(reps)))
            if d2 == 0:
                d, how = d2, "simplify with positivity assumptions"
    if d == 0:
        return Step(statement, f"{how}: lhs - rhs = 0", True)
    if d.is_number:
        return Step(statement, f"lhs - rhs = {d}, a non-zero constant", False,
                    detail={"difference": d})
    quick = _refute_at_points(d, assumptions, tries=8)
    if quick is not None:
        pt, val = quick
        return Step(statement, f"lhs - rhs = {val} != 0 at {pt} (exact sign)", False,
                    detail={"point": pt})
    return Step(statement, f"undecided: lhs - rhs simplifies to {d}", None)


@_timed
def check_identity(lhs, rhs=0, assumptions=(), *, name: str = "identity", claim: str | None = None,
                   expected: bool = True, source: str = "") -> Verification:
    """Check ``lhs == rhs`` identically: the difference simplifies to zero under the assumptions.

    Equalities ``Eq(symbol, value)`` among the assumptions are substituted; ``x > 0`` marks
    ``x`` positive for the rewrite ``max(x a, x b) = x max(a, b)``. A non-zero difference is
    refuted with an exact rational point when one is found; otherwise the result is undecided.

    Examples
    ========

    >>> import sympy
    >>> from symalign.verify import check_identity
    >>> a, b, c = sympy.symbols("a b c", real=True)
    >>> check_identity(sympy.Max(a + c, b + c), sympy.Max(a, b) + c).holds
    True
    >>> check_identity(a * (b + c), a * b).holds
    False

    Returns
    =======

    Verification
        ``method="identity"``.

    """
    step = _identity_step(lhs, rhs, assumptions)
    return Verification(claim=claim or sympy.latex(step.statement), name=name, method="identity",
                        steps=(step,), assumptions=tuple(assumptions), expected=expected,
                        holds=step.holds, counterexample=(step.detail or {}).get("point")
                        if step.holds is False else None, source=source)


# -- certificates ------------------------------------------------------------------------------

def _gens(*exprs) -> list:
    syms = set()
    for e in exprs:
        syms |= sympy.sympify(e).free_symbols
    return sorted(syms, key=lambda s: s.sort_key())


#: Use `symalign.lp` (exact, verified) to find multipliers; otherwise HiGHS + exact recovery.
_USE_EXACT_LP = True


def _rat(v: Fraction) -> Rational:
    return Rational(v.numerator, v.denominator)


def _frac(v) -> Fraction:
    v = Rational(v)
    return Fraction(int(v.p), int(v.q))


def _poly(expr, gens) -> dict:
    if not gens:
        return {(): Rational(sympy.sympify(expr))}
    p = sympy.Poly(expr, *gens, domain="QQ")
    return {m: Rational(c) for m, c in p.terms() if c != 0}


def check_certificate(goal, hypotheses: Sequence, multipliers: Sequence, *,
                      slack=None) -> Step:
    """Exactly re-check ``goal = sum_k multipliers[k] * hyp_k + slack`` with signs (Farkas form).

    ``goal`` is a relation (``x >= y``, ``x > y``, ``x <= y`` …) or an expression meaning
    ``goal >= 0``. Each hypothesis is a relation or an expression meaning ``h >= 0``; for an
    inequality the multiplier must be a rational ``>= 0``, for an `Eq` hypothesis any
    polynomial. The residual ``goal - sum`` must be a rational constant ``>= 0`` (``> 0`` for a
    strict goal unless a strict hypothesis has a positive multiplier); if ``slack`` is given it
    must equal that residual.

    Examples
    ========

    >>> import sympy
    >>> from symalign.verify import check_certificate
    >>> x, y = sympy.symbols("x y", real=True)
    >>> # x >= 1 and y >= 2 imply x + 2*y >= 5:  x + 2y - 5 = 1*(x - 1) + 2*(y - 2) + 0
    >>> check_certificate(x + 2*y >= 5, [x >= 1, y >= 2], [1, 2]).holds
    True
    >>> check_certificate(x + 2*y >= 6, [x >= 1, y >= 2], [1, 2]).holds
    False

    Returns
    =======

    Step
        ``holds`` True when every check passes, False otherwise, with the reason in ``how``.

    """
    g, gstrict, geq = _as_nonneg(goal)
    if geq:
        raise TypeError("check_certificate proves inequalities; use check_identity for Eq.")
    hyps = [_as_nonneg(h) for h in hypotheses]
    mults = [sympy.sympify(m) for m in multipliers]
    statement = _relation(g, gstrict)
    if len(mults) != len(hyps):
        return Step(statement, f"{len(mults)} multipliers for {len(hyps)} hypotheses", False)
    total = Integer(0)
    strict_used = False
    for (h, hstrict, heq), m in zip(hyps, mults):
        if m == 0:
            continue
        if not heq:
            if not m.is_Rational:
                return Step(statement, f"multiplier {m} of {h} >= 0 is not a rational number",
                            False)
            if m < 0:
                return Step(statement, f"multiplier {m} of {h} >= 0 is negative", False)
            strict_used |= hstrict
        total += m * h
    residual = sympy.expand(g - total)
    if not residual.is_Rational:
        return Step(statement, f"residual goal - sum = {residual} is not a constant", False)
    if slack is not None and sympy.sympify(slack) != residual:
        return Step(statement, f"residual {residual} differs from the stated slack {slack}", False)
    if residual < 0 or (gstrict and residual == 0 and not strict_used):
        return Step(statement, f"residual {residual} has the wrong sign", False)
    used = sum(1 for m in mults if m != 0)
    return Step(statement, f"certificate: goal = sum of {used} non-negative multiples of "
                f"hypotheses + {residual} (checked exactly)", True,
                detail=Certificate(g, tuple(_relation(*h[0:1], h[1], h[2]) for h in hyps),
                                   tuple(mults), residual))


def _solve_exact(A: list[list[Fraction]], b: list[Fraction], nonneg: list[bool], guide,
                 ) -> list[Fraction] | None:
    """Exact solution of ``A x = b`` with ``x_k >= 0`` where ``nonneg[k]``, float-guided."""
    ncol = len(nonneg)

    def ok(x):
        if any(nn and v < 0 for v, nn in zip(x, nonneg)):
            return False
        return all(sum((row[k] * x[k] for k in range(ncol) if row[k]), Fraction(0)) == bb
                   for row, bb in zip(A, b))

    for den in (1, 2, 6, 12, 60, 840, 10**6):
        x = [Fraction(v).limit_denominator(den) for v in guide]
        x = [Fraction(0) if (nn and v < 0) else v for v, nn in zip(x, nonneg)]
        if ok(x):
            return x
    support = [k for k in range(ncol) if abs(guide[k]) > 1e-9]
    # Gaussian elimination on the support columns
    rows = [[row[k] for k in support] + [bb] for row, bb in zip(A, b)]
    piv_cols = []
    r = 0
    m = len(support)
    for c in range(m):
        p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        pv = rows[r][c]
        rows[r] = [v / pv for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [vi - f * vr for vi, vr in zip(rows[i], rows[r])]
        piv_cols.append(c)
        r += 1
        if r == len(rows):
            break
    if any(all(v == 0 for v in row[:-1]) and row[-1] != 0 for row in rows):
        return None
    free = [c for c in range(m) if c not in piv_cols]
    xs = {c: Fraction(guide[support[c]]).limit_denominator(10**6) for c in free}
    for i, c in enumerate(piv_cols):
        xs[c] = rows[i][-1] - sum((rows[i][f] * xs[f] for f in free), Fraction(0))
    x = [Fraction(0)] * ncol
    for c, k in enumerate(support):
        x[k] = xs[c]
    return x if ok(x) else None


def _lp_feasible(A: list[list[Fraction]], b: list[Fraction], nonneg: list[bool],
                 cost: list[float]) -> list[Fraction] | None:
    """An exact point of ``{x : A x = b, x_k >= 0 (nonneg)}``.

    Uses `symalign.lp` (exact, verified); otherwise HiGHS as a guide and exact recovery.
    """
    if _USE_EXACT_LP:
        try:  # the exact, verified LP module (status 'infeasible' carries a Farkas certificate)
            from .lp import solve_lp
        except ImportError:
            solve_lp = None
        if solve_lp is not None and A:
            res = solve_lp([Rational(c) for c in cost], A_eq=[[_rat(v) for v in row] for row in A],
                           b_eq=[_rat(v) for v in b],
                           free=[k for k, nn in enumerate(nonneg) if not nn])
            if res.status != "optimal":
                return None
            return [_frac(v) for v in res.x]
    import numpy as np
    from scipy.optimize import linprog
    if not A:
        return [Fraction(0)] * len(nonneg)
    Af = np.array([[float(v) for v in row] for row in A])
    bf = np.array([float(v) for v in b])
    bounds = [(0, None) if nn else (None, None) for nn in nonneg]
    res = linprog(cost, A_eq=Af, b_eq=bf, bounds=bounds, method="highs")
    if res.status != 0:
        return None
    return _solve_exact(A, b, nonneg, list(res.x))


def find_certificate(goal, hypotheses: Sequence, *, products: bool | int = False,
                     max_products: int = 4000) -> Certificate | None:
    """Search a certificate ``goal = sum lambda_k h_k + s`` (``lambda >= 0``, ``s >= 0`` constant).

    The search is an LP over the multipliers (`symalign.lp` when available, else HiGHS as a
    guide followed by exact recovery); the answer is always re-checked by `check_certificate`.
    With ``products=True`` the pairwise products ``h_j h_k`` of inequality hypotheses are added
    (a degree-two Positivstellensatz) and equality hypotheses get linear multipliers, which
    proves bilinear claims such as ``W(mu) <= OPT``; ``products=3`` adds triple products too.

    Examples
    ========

    >>> import sympy
    >>> from symalign.verify import find_certificate, check_certificate
    >>> x, y = sympy.symbols("x y", real=True)
    >>> cert = find_certificate(3*x + y >= 4, [x >= 1, y - x >= 0])
    >>> cert.multipliers, cert.slack
    ((4, 1), 0)
    >>> check_certificate(cert.goal, cert.hypotheses, cert.multipliers).holds
    True
    >>> find_certificate(x >= 2, [x >= 1]) is None
    True

    Returns
    =======

    Certificate or None
        None when no certificate of this degree exists (the claim may still be true).

    """
    g, gstrict, geq = _as_nonneg(goal)
    hyps = [_as_nonneg(h) for h in hypotheses]
    ineq = [(h, s) for h, s, e in hyps if not e]
    eqs = [h for h, s, e in hyps if e]
    gens = _gens(g, *[h for h, _, _ in hyps])
    rows_h: list[tuple[sympy.Expr, bool, bool]] = [(h, s, False) for h, s in ineq]
    degree = 2 if products is True else int(products or 1)
    prods = []
    for r in range(2, degree + 1):
        for combo in itertools.combinations(ineq, r):
            prods.append((sympy.expand(sympy.Mul(*(h for h, _ in combo))),
                          any(st for _, st in combo), False))
            if len(prods) >= max_products:
                break
    rows_h += prods
    for e in eqs:
        rows_h.append((e, False, True))
        if products:
            rows_h += [(sympy.expand(x * e), False, True) for x in gens]
    polys = [_poly(h, gens) for h, _, _ in rows_h]
    gpoly = _poly(g, gens)
    zero = tuple(0 for _ in gens)
    monos = set(gpoly)
    for p in polys:
        monos |= set(p)
    monos.discard(zero)
    monos = sorted(monos)

    A = []
    b = []
    for mono in [*monos, zero]:
        row = [_frac(p.get(mono, 0)) for p in polys]
        row.append(Fraction(1) if mono == zero else Fraction(0))
        A.append(row)
        b.append(_frac(gpoly.get(mono, 0)))
    nonneg = [not eq for _, _, eq in rows_h] + [True]
    cost = [1.0 if nn else 0.0 for nn in nonneg[:-1]] + [0.0]
    if gstrict:  # require a positive slack or a strict hypothesis: slack + sum strict >= 1
        A.append([Fraction(1) if s and not eq else Fraction(0) for _, s, eq in rows_h]
                 + [Fraction(1)])
        b.append(Fraction(1))
        A[-1].append(Fraction(-1))
        for row in A[:-1]:
            row.append(Fraction(0))
        nonneg.append(True)
        cost.append(0.0)
    x = _lp_feasible(A, b, nonneg, cost)
    if x is None:
        return None
    mults = tuple(Rational(v.numerator, v.denominator) for v in x[:len(rows_h)])
    slack = Rational(x[len(rows_h)].numerator, x[len(rows_h)].denominator)
    hyp_rel = tuple(_relation(h, s, e) for h, s, e in rows_h)
    cert = Certificate(g if not gstrict else g, hyp_rel, mults, slack)
    step = check_certificate(_relation(g, gstrict), hyp_rel, mults)
    return cert if step.holds else None


def find_counterexample(goal, hypotheses: Sequence, *, box: int = 10) -> dict | None:
    """An exact rational point satisfying the (linear) hypotheses at which ``goal`` fails.

    Minimises the goal's expression over the hypotheses inside ``|x| <= box`` with an LP and
    re-checks the rounded vertex exactly; returns None if no exact violation is confirmed.

    Examples
    ========

    >>> import sympy
    >>> from symalign.verify import find_counterexample
    >>> x, y = sympy.symbols("x y", real=True)
    >>> find_counterexample(x >= y, [x >= 0, y >= 0, x + y <= 1])
    {x: 0, y: 1}

    """
    import numpy as np
    from scipy.optimize import linprog
    g, gstrict, _ = _as_nonneg(goal)
    hyps = [_as_nonneg(h) for h in hypotheses]
    gens = _gens(g, *[h for h, _, _ in hyps])
    if not gens:
        return None
    try:
        gp = sympy.Poly(g, *gens)
        hp = [sympy.Poly(h, *gens) for h, _, _ in hyps]
    except sympy.PolynomialError:
        return None
    if gp.total_degree() > 1 or any(p.total_degree() > 1 for p in hp):
        return None

    def lin(p):
        return [float(p.coeff_monomial(s)) for s in gens], float(p.coeff_monomial(1))

    c, _ = lin(gp)
    A_ub, b_ub, A_eq, b_eq = [], [], [], []
    for p, (_, strict, eq) in zip(hp, hyps):
        a, a0 = lin(p)
        if eq:
            A_eq.append(a)
            b_eq.append(-a0)
        else:  # a.x + a0 >= 0 (strict: >= 1e-3 margin)  ->  -a.x <= a0 - margin
            A_ub.append([-v for v in a])
            b_ub.append(a0 - (1e-3 if strict else 0.0))
    res = linprog(c, A_ub=np.array(A_ub) if A_ub else None, b_ub=b_ub or None,
                  A_eq=np.array(A_eq) if A_eq else None, b_eq=b_eq or None,
                  bounds=[(-box, box)] * len(gens), method="highs")
    if res.status != 0:
        return None
    for den in (1, 2, 3, 6, 12, 60, 10**4):
        pt = {s: Rational(Fraction(v).limit_denominator(den)) for s, v in zip(gens, res.x)}
        gv = g.subs(pt)
        if not (gv < 0 or (gstrict and gv == 0)):
            continue
        if all(((h.subs(pt) == 0) if eq else (h.subs(pt) > 0 if strict else h.subs(pt) >= 0))
               for h, strict, eq in hyps):
            return pt
    return None


# -- piecewise-linear claims -------------------------------------------------------------------

def _maxmin_nodes(expr) -> list:
    nodes = sorted(expr.atoms(sympy.Max, sympy.Min), key=lambda e: e.sort_key())
    return nodes


def _split_plan(g: sympy.Expr, split: str):
    """Classify each Max/Min of ``g >= 0`` as a bounded variable or a case split."""
    nodes = _maxmin_nodes(g)
    for n in nodes:
        if any(a.has(sympy.Max, sympy.Min) for a in n.args):
            raise ValueError(f"nested maxima are not supported: {n}")
    plan = []
    z = {n: sympy.Dummy(f"M{k}", real=True) for k, n in enumerate(nodes)}
    h = sympy.expand(g.xreplace(z))
    for n in nodes:
        zn = z[n]
        coeff = sympy.expand(h).coeff(zn)
        linear = not sympy.expand(h - coeff * zn).has(zn) and coeff.is_Rational
        is_max = isinstance(n, sympy.Max)
        if split != "all" and linear and ((is_max and coeff > 0) or (not is_max and coeff < 0)):
            plan.append((n, zn, "bound"))
        else:
            plan.append((n, zn, "split"))
    return h, plan


def prove_piecewise_linear(claim, shape: Sequence[int] | None = None, *,
                           assumptions: Sequence = (), split: str = "needed",
                           products: bool | int = False, name: str = "",
                           claim_latex: str | None = None,
                           expected: bool = True, source: str = "",
                           refute: bool = True) -> Verification:
    """Prove ``claim`` (a relation built from maxima and minima of polynomials) case by case.

    Each ``Max``/``Min`` is replaced by a variable ``M``. When ``M`` occurs on the *large*
    side of the inequality with a constant coefficient, it only needs its defining lower
    bounds (``M >= f_l`` for a maximum), so it stays a variable; otherwise (or with
    ``split="all"``) the claim is split into the cases ``M = f_j`` with ``f_j >= f_l`` for every
    ``l`` — the argmax cases. Each case is proved by an exact certificate (`find_certificate`,
    with degree-two products when ``products=True``). A case without a certificate is searched
    for an exact counterexample (linear cases only); if none is found the claim is undecided.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.verify import prove_piecewise_linear
    >>> from symalign.verify import raw_maxima
    >>> g = sa.games.symbolic_game((2, 2))
    >>> with raw_maxima():
    ...     claim = sa.alpha(g) <= 0
    >>> v = prove_piecewise_linear(claim, split="all")
    >>> v.holds, v.method, v.steps[0].detail["cases"]
    (True, 'certificate', 64)
    >>> prove_piecewise_linear(lambda g: sa.max_welfare(g) <= sa.utopia_welfare(g), (2, 3)).holds
    True
    >>> a, b = sympy.symbols("a b", real=True)
    >>> prove_piecewise_linear(sympy.Max(a, b) <= a).counterexample
    {a: -10, b: 10}

    Parameters
    ==========

    claim : sympy relation, or callable
        A callable is a claim builder ``game -> relation``, applied to the generic symbolic
        game of ``shape`` (with metrics returning maxima, see `raw_maxima`).
    shape : tuple of int, optional
        Needed when ``claim`` is a builder.
    assumptions : sequence of relations
        Hypotheses added to every case (``Eq`` allowed).
    split : {"needed", "all"}
        Split only the maxima that need it, or every maximum (full argmax case analysis).
    products : bool
        Allow products of two hypotheses in the certificates (bilinear claims).

    Returns
    =======

    Verification
        ``method="certificate"``; ``steps[0].detail`` holds ``cases`` and the certificates.

    """
    t0 = time.perf_counter()
    if callable(claim) and not isinstance(claim, sympy.Basic):
        if shape is None:
            raise TypeError("prove_piecewise_linear: a claim builder needs 'shape'.")
        with raw_maxima():
            claim = claim(generic_game(shape))
    rel = sympy.sympify(claim)
    if rel is sympy.true or rel is sympy.false:
        return Verification(claim=claim_latex or sympy.latex(rel), name=name, method="certificate",
                            steps=(Step(rel, "evaluated", bool(rel)),),
                            assumptions=tuple(assumptions),
                            expected=expected, holds=bool(rel),
                            seconds=time.perf_counter() - t0, source=source)
    g, gstrict, geq = _as_nonneg(rel)
    if geq:
        raise TypeError("prove_piecewise_linear proves inequalities; split an equality into two.")
    g = sympy.expand(_abs_to_max(g))
    base = [sympy.sympify(a) for a in assumptions]
    h, plan = _split_plan(g, split)
    bound_hyps = []
    split_nodes = []
    for n, zn, kind in plan:
        if kind == "bound":
            if isinstance(n, sympy.Max):
                bound_hyps += [sympy.Ge(zn, f) for f in n.args]
            else:
                bound_hyps += [sympy.Le(zn, f) for f in n.args]
        else:
            split_nodes.append((n, zn))
    certs = []
    ncases = 0
    holds = True
    counterexample = None
    failed_case = None
    from .config import Deadline
    deadline = Deadline("the piecewise-linear proof")
    for choice in itertools.product(*(range(len(n.args)) for n, _ in split_nodes)):
        deadline.check()
        ncases += 1
        case_hyps = []
        subs = {}
        for (n, zn), j in zip(split_nodes, choice):
            fj = n.args[j]
            subs[zn] = fj
            for k, f in enumerate(n.args):
                if k != j:
                    case_hyps.append(sympy.Ge(fj, f) if isinstance(n, sympy.Max)
                                     else sympy.Le(fj, f))
        goal_case = sympy.expand(h.xreplace(subs))
        hyps = [*base, *case_hyps, *bound_hyps]
        cert = find_certificate(_relation(goal_case, gstrict), hyps, products=products)
        if cert is not None:
            certs.append((choice, cert))
            continue
        holds = None
        failed_case = choice
        if refute:
            pt = find_counterexample(_relation(goal_case, gstrict), hyps)
            if pt is not None:
                pt = {k: v for k, v in pt.items() if not isinstance(k, sympy.Dummy)}
                val = rel.subs(pt)
                if val is sympy.false:
                    holds = False
                    counterexample = pt
        break
    how = (f"split into {ncases} argmax case(s) ({len(split_nodes)} maxima split, "
           f"{len(plan) - len(split_nodes)} kept as bounded variables); "
           + ("an exact certificate in every case" if holds else
              f"no certificate in case {failed_case}" + (", exact counterexample found"
                                                         if holds is False else "")))
    step = Step(rel, how, holds, detail={"cases": ncases, "certificates": tuple(certs),
                                         "failed_case": failed_case})
    return Verification(claim=claim_latex or sympy.latex(rel), name=name, method="certificate",
                        steps=(step,), assumptions=tuple(assumptions), expected=expected,
                        holds=holds, counterexample=counterexample,
                        seconds=time.perf_counter() - t0, source=source)


# -- finite families and search ----------------------------------------------------------------

def _truth(value) -> bool | None:
    if value is True or value is sympy.true:
        return True
    if value is False or value is sympy.false:
        return False
    if isinstance(value, (bool,)):
        return value
    try:
        import numpy as np
        if isinstance(value, np.bool_):
            return bool(value)
    except ImportError:  # pragma: no cover
        pass
    return None


def exhaustive(claim: Callable, family: Iterable, *, name: str = "", claim_latex: str = "",
               expected: bool = True, source: str = "", description: str = "") -> Verification:
    """Check ``claim(x)`` exactly for every member ``x`` of a finite family.

    ``claim`` returns a bool or a decided sympy relation; an undecided value makes the
    result undecided. The first failure is the counterexample.

    Examples
    ========

    >>> import itertools, symalign as sa
    >>> from symalign.verify import exhaustive
    >>> fam = (sa.Game.from_arrays([[a, b]], [[c, d]])
    ...        for a, b, c, d in itertools.product(range(2), repeat=4))
    >>> v = exhaustive(lambda g: sa.alpha(g) <= 0, fam, description="1x2 games in {0,1}")
    >>> v.holds, v.steps[0].detail["checked"]
    (True, 16)

    """
    t0 = time.perf_counter()
    n = 0
    holds: bool | None = True
    cx = None
    for x in family:
        n += 1
        v = _truth(claim(x))
        if v is False:
            holds, cx = False, x
            break
        if v is None:
            holds, cx = None, x
            break
    what = description or "the family"
    how = (f"checked exactly on all {n} members of {what}" if holds else
           f"fails at member {n} of {what}" if holds is False else
           f"undecided at member {n} of {what}")
    step = Step(sympy.Symbol(claim_latex or name or "claim"), how, holds,
                detail={"checked": n, "counterexample": cx})
    return Verification(claim=claim_latex or name, name=name, method="exhaustive", steps=(step,),
                        expected=expected, holds=holds, counterexample=cx,
                        seconds=time.perf_counter() - t0, source=source)


def sampled(claim: Callable, strategy, *, max_examples: int = 200, name: str = "",
            claim_latex: str = "", expected: bool = True, source: str = "") -> Verification:
    """Search for a counterexample with hypothesis. Refutes (``holds=False``) but never proves.

    Examples
    ========

    >>> from symalign.verify import sampled
    >>> from symalign.testing import rationals
    >>> sampled(lambda r: r * r >= 0, rationals(), max_examples=50).holds is None
    True
    >>> v = sampled(lambda r: r < 5, rationals(), max_examples=200)
    >>> v.holds, v.counterexample
    (False, 5)

    """
    from hypothesis import HealthCheck, find, settings
    from hypothesis.errors import NoSuchExample
    t0 = time.perf_counter()
    try:
        cx = find(strategy, lambda x: _truth(claim(x)) is False,
                  settings=settings(max_examples=max_examples, database=None, deadline=None,
                                    suppress_health_check=list(HealthCheck)))
        holds, how = False, "hypothesis found a counterexample (checked exactly)"
    except NoSuchExample:
        cx, holds = None, None
        how = f"no counterexample in {max_examples} hypothesis examples (this proves nothing)"
    step = Step(sympy.Symbol(claim_latex or name or "claim"), how, holds,
                detail={"counterexample": cx})
    return Verification(claim=claim_latex or name, name=name, method="sampled", steps=(step,),
                        expected=expected, holds=holds, counterexample=cx,
                        seconds=time.perf_counter() - t0, source=source)


def refute_by_search(claim: Callable, candidates: Iterable, *, name: str = "",
                     claim_latex: str = "", expected: bool = False, source: str = "",
                     description: str = "") -> Verification:
    """Refute a universal claim by an exact search over explicit candidates (method "exhaustive").

    ``holds`` is False with the first candidate at which ``claim`` is False; if none fails the
    claim is *undecided* (a finite search cannot prove a universal claim).

    Examples
    ========

    >>> import symalign as sa
    >>> from symalign.verify import refute_by_search
    >>> v = refute_by_search(lambda g: sa.alpha(g) == 0,
    ...                      [sa.games.coordination(), sa.games.chicken()])
    >>> v.holds, v.counterexample == sa.games.chicken()
    (False, True)

    """
    v = exhaustive(claim, candidates, name=name, claim_latex=claim_latex, expected=expected,
                   source=source, description=description or "the candidates")
    if v.holds is True:
        step = replace(v.steps[0], holds=None,
                       how=v.steps[0].how + "; no counterexample, which proves nothing")
        return replace(v, holds=None, steps=(step,))
    return v


def lemma_chain(steps: Sequence, *, name: str, claim: str, assumptions: Sequence = (),
                expected: bool = True, source: str = "", seconds: float | None = None,
                conclusion: str = "") -> Verification:
    """Combine proved steps (`Verification` or `Step`) into one ``"lemma chain"`` verification.

    The chain holds iff every step holds; it is refuted iff some step is refuted (a step that
    is a refutation of a lemma makes the chain undecided unless the step is the claim itself).

    Examples
    ========

    >>> import sympy
    >>> from symalign.verify import check_identity, lemma_chain
    >>> x = sympy.Symbol("x", real=True)
    >>> v = lemma_chain([check_identity(x**2 - 1, (x - 1)*(x + 1))], name="demo",
    ...                 claim="x^2-1=(x-1)(x+1)")
    >>> v.method, v.holds
    ('lemma chain', True)

    """
    flat = []
    total = 0.0
    for s in steps:
        if isinstance(s, Verification):
            total += s.seconds
            for st in s.steps:
                label = f"{s.name}: {s.method}" if s.name else s.method
                flat.append(replace(st, how=f"[{label}] {st.how}"))
            if s.holds is False and not s.steps:
                flat.append(Step(sympy.Symbol(s.name or "lemma"), s.method, False))
        else:
            flat.append(s)
    vals = [s.holds for s in flat]
    if all(v is True for v in vals):
        holds: bool | None = True
    elif any(v is False for v in vals):
        holds = None
    else:
        holds = None
    if conclusion:
        flat.append(Step(sympy.Symbol("conclusion"), conclusion, holds))
    return Verification(claim=claim, name=name, method="lemma chain", steps=tuple(flat),
                        assumptions=tuple(assumptions), expected=expected, holds=holds,
                        seconds=total if seconds is None else seconds, source=source)


# -- generic families and the user-facing entry point ------------------------------------------

def generic_game(shape: Sequence[int], *, name: str = "u"):
    """A generic symbolic game of the given shape (every payoff its own real symbol).

    Examples
    ========

    >>> from symalign.verify import generic_game
    >>> generic_game((2, 3)).payoff(1, (1, 2))
    u_1_12

    """
    from .games import symbolic_game
    return symbolic_game(shape, name)


def generic_profile(shape: Sequence[int], *, name: str = "p"):
    """A generic correlated profile and its hypotheses: ``(mu, [p_a >= 0, ..., 1 - sum >= 0])``.

    The last outcome's probability is ``1 - sum`` of the others, so the distribution sums to
    one identically.

    Examples
    ========

    >>> from symalign.verify import generic_profile
    >>> mu, hyps = generic_profile((2, 2))
    >>> mu.probability((1, 1)), len(hyps)
    (-p_00 - p_01 - p_10 + 1, 4)

    """
    import numpy as np

    from .profiles import CorrelatedProfile
    shape = tuple(shape)
    outcomes = list(itertools.product(*(range(k) for k in shape)))
    syms = [sympy.Symbol(f"{name}_{''.join(map(str, a))}", real=True) for a in outcomes[:-1]]
    arr = np.empty(shape, dtype=object)
    for a, s in zip(outcomes, syms):
        arr[a] = s
    last = 1 - sympy.Add(*syms)
    arr[outcomes[-1]] = last
    hyps = [sympy.Ge(s, 0) for s in syms] + [sympy.Ge(last, 0)]
    return CorrelatedProfile(arr), hyps


def verify(conjecture: Callable, family, assumptions: Sequence = (), method: str = "auto", *,
           name: str = "conjecture", claim: str | None = None, expected: bool = True,
           source: str = "") -> Verification:
    """Decide a conjecture about a family of games: proved, refuted (counterexample) or undecided.

    ``family`` is a shape such as ``(2, 2)`` (a generic symbolic game of that shape, with
    ``assumptions`` on its payoff symbols ``u_i_a``), a symbolic `Game`, or a finite iterable of
    games (checked exhaustively). ``conjecture(game)`` returns a sympy relation (``Eq``
    equalities, inequalities with maxima) or a bool.

    ``method="auto"`` tries, in order: an identity (for ``Eq``), a case-split certificate (for
    inequalities), and then a search for a counterexample among small integer games. A claim
    that is neither proved nor refuted is reported undecided, never guessed.

    Examples
    ========

    >>> import sympy, symalign as sa
    >>> from symalign.verify import verify
    >>> verify(lambda g: sa.alpha(g) <= 0, (2, 3)).holds
    True
    >>> v = verify(lambda g: sa.alpha(g) >= sa.min_welfare(g) - sa.utopia_welfare(g), (2, 2))
    >>> v.holds
    True
    >>> v = verify(lambda g: sympy.Eq(sa.alpha(g), 0), (2, 2))
    >>> v.holds, v.counterexample is not None
    (False, True)

    Parameters
    ==========

    conjecture : callable
        ``game -> relation or bool``.
    family : tuple of int, Game, or iterable of Game
    assumptions : sequence of sympy relations
        On the generic game's symbols.
    method : {"auto", "identity", "certificate", "exhaustive", "sampled"}

    Returns
    =======

    Verification

    """
    from .game import Game
    t0 = time.perf_counter()
    if method not in ("auto", *METHODS):
        raise ValueError(f"Argument 'method' is {method!r}; expected 'auto' or one of {METHODS}.")
    if isinstance(family, tuple) and all(isinstance(k, int) for k in family):
        game = generic_game(family)
        shape = family
    elif isinstance(family, Game):
        game = family
        shape = game.shape
        assumptions = (*game.assumptions, *assumptions)
    else:
        v = exhaustive(conjecture, family, name=name, claim_latex=claim or name, expected=expected,
                       source=source)
        return v
    if method == "exhaustive":
        raise ValueError("method='exhaustive' needs a finite iterable of games as 'family'.")
    if method == "sampled":
        from .testing import games as games_strategy
        return sampled(conjecture, games_strategy(n_players=len(shape), shape=shape), name=name,
                       claim_latex=claim or name, expected=expected, source=source)
    with raw_maxima():
        raw = conjecture(game)
    if raw is False:  # Python ``==`` on expressions compares structure: not a refutation
        rel = None
    else:
        rel = sympy.sympify(raw)
    latex = claim or (sympy.latex(rel) if rel is not None else name)
    result = None
    if isinstance(rel, sympy.Eq) and method in ("auto", "identity", "certificate"):
        if method != "certificate":
            result = check_identity(rel.lhs, rel.rhs, assumptions, name=name, claim=latex,
                                    expected=expected, source=source)
        if result is None or (result.holds is None and method == "auto"):
            # an equality of piecewise-linear functions: prove both inequalities
            le = prove_piecewise_linear(sympy.Le(rel.lhs, rel.rhs), assumptions=assumptions,
                                        name=name, expected=expected, source=source)
            ge = prove_piecewise_linear(sympy.Ge(rel.lhs, rel.rhs), assumptions=assumptions,
                                        name=name, expected=expected, source=source)
            holds = True if (le.holds and ge.holds) else (
                False if (le.holds is False or ge.holds is False) else None)
            result = Verification(claim=latex, name=name, method="certificate",
                                  steps=le.steps + ge.steps, assumptions=tuple(assumptions),
                                  expected=expected, holds=holds,
                                  counterexample=le.counterexample or ge.counterexample,
                                  source=source)
    elif isinstance(rel, _REL) and method in ("auto", "certificate"):
        result = prove_piecewise_linear(rel, assumptions=assumptions, name=name,
                                        claim_latex=latex, expected=expected, source=source)
    elif rel is sympy.true or rel is sympy.false:
        result = Verification(claim=latex, name=name, method="identity",
                              steps=(Step(rel, "evaluated on the generic game", bool(rel)),),
                              assumptions=tuple(assumptions), expected=expected, holds=bool(rel),
                              source=source)
    if result is not None and result.holds is False and result.counterexample is not None \
            and isinstance(result.counterexample, dict):
        try:
            result = replace(result, counterexample=game.subs(result.counterexample))
        except Exception:  # keep the point if the substitution leaves symbols
            pass
    if (result is None or result.holds is None) and method == "auto" and not assumptions:
        cands = _small_games(shape)
        search = refute_by_search(conjecture, cands, name=name, claim_latex=latex,
                                  expected=expected, source=source,
                                  description=f"small integer games of shape {shape}")
        if search.holds is False:
            steps = (result.steps if result is not None else ()) + search.steps
            result = replace(search, steps=steps, method="exhaustive")
    if result is None:
        result = Verification(claim=latex, name=name, method=method if method != "auto" else
                              "identity", assumptions=tuple(assumptions), expected=expected,
                              holds=None, source=source)
    return replace(result, seconds=time.perf_counter() - t0)


def _small_games(shape, values=(0, 1, 2), limit: int = 3000):
    """Deterministic small integer games of ``shape`` for counterexample search."""
    from .game import Game
    shape = tuple(shape)
    n = len(shape)
    size = math.prod(shape) * n
    count = 0
    import numpy as np
    rng = np.random.default_rng(0)
    if len(values) ** size <= limit:
        it = itertools.product(values, repeat=size)
    else:
        it = (tuple(int(v) for v in rng.integers(min(values), max(values) + 1, size=size))
              for _ in range(limit))
    for flat in it:
        count += 1
        arr = np.array(flat, dtype=np.int64).reshape((n, *shape))
        yield Game(list(arr))
