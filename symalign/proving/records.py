"""The records of a machine-checked claim (`Verification`, `Step`, `Certificate`) and the helpers
the methods share: relations as non-negative expressions, rational test points, timing."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import sympy
from sympy import Integer, Rational

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
    """The structured outcome of checking a claim.

    Examples
    ========

    >>> import sympy
    >>> from symalign.proving.claims import check_identity
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
        Where the definition comes from (a paper and section, or a docs page).
    scope : str
        For which games the claim is proven (`symalign.proving.theorems.SCOPES`), when declared.
    error : str
        The exception that stopped the proof, if any (then ``holds`` is None).
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
    scope: str = ""
    error: str = ""

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
            "scope": self.scope,
            "error": self.error,
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
        from symalign.engines.algebraic import _interval_sign_at
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


def generic_game(shape: Sequence[int], *, name: str = "u"):
    """A generic symbolic game of the given shape (every payoff its own real symbol).

    Examples
    ========

    >>> from symalign.proving.claims import generic_game
    >>> generic_game((2, 3)).payoff(1, (1, 2))
    u_1_12

    """
    from symalign.normalform.games import symbolic_game
    return symbolic_game(shape, name)


def generic_profile(shape: Sequence[int], *, name: str = "p"):
    """A generic correlated profile and its hypotheses: ``(mu, [p_a >= 0, ..., 1 - sum >= 0])``.

    The last outcome's probability is ``1 - sum`` of the others, so the distribution sums to
    one identically.

    Examples
    ========

    >>> from symalign.proving.claims import generic_profile
    >>> mu, hyps = generic_profile((2, 2))
    >>> mu.probability((1, 1)), len(hyps)
    (-p_00 - p_01 - p_10 + 1, 4)

    """
    import numpy as np

    from symalign.core.profiles import CorrelatedProfile
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
