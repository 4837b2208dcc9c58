"""Private: conditions in one parameter as exact unions of intervals and points (issue 14).

In one real parameter ``x`` every condition built from relations between expressions in
rationals, ``x``, ``+ - * /`` and (nested) square roots holds on a finite union of intervals
and points with real algebraic endpoints. `decompose` finds them:

1. **Critical points.** For each relation ``e op 0`` the square roots of ``e`` are replaced by
   new variables ``y`` with ``y^2 = radicand`` (a numeric root ``sqrt(n)`` by the roots of its
   prime factors) and eliminated by resultants (python-flint): the numerator's eliminant
   vanishes at every zero of ``e``; the eliminants of the denominator and of the radicands
   vanish at every point where ``e`` is undefined or not continuous. Their real roots are
   isolated exactly (`symalign.engines.cad`), so between two consecutive roots every
   relation keeps its truth value (extra roots from conjugate radicals only add cells).
2. **Signs.** The sign of ``e`` is evaluated at a rational point of each open cell by
   interval arithmetic (the value is non-zero there, so a high enough precision decides it;
   otherwise the exact `symalign.engines.algebraic.sign`), and at each root: non-zero by
   interval arithmetic on the root's refined isolating interval, zero when ``e`` is
   continuous there and changes sign across it (intermediate value theorem), else exactly.
3. **Sets.** A condition's truth on every cell is a Boolean combination of these signs;
   `describe` writes a set of cells as the shortest union of relations ``x > a``,
   ``x <= b``, ``Eq(x, c)``, leaving out the bounds the domain (the assumptions) implies.

Endpoints are rationals, square-root expressions for degree 2, otherwise ``CRootOf``. Every
step is exact; over the time budget (``symalign.settings.condition_seconds``) or the degree
limits nothing is decided (None), and the caller keeps the condition as it was.
"""

from __future__ import annotations

import contextvars
import functools
import time
from fractions import Fraction

import sympy
from sympy import Rational

from symalign.engines.cad import _Give, _Root, _separate, _stack, _T

__all__ = ["Cells", "decompose", "describe"]

#: the largest degree of one eliminant, and of all eliminants of one condition together
MAX_DEGREE = 48
MAX_TOTAL_DEGREE = 160
#: more distinct square roots in one relation than this: not attempted
MAX_RADICALS = 6

_REL = {sympy.StrictGreaterThan: (1, {1}), sympy.GreaterThan: (1, {0, 1}),
        sympy.StrictLessThan: (1, {-1}), sympy.LessThan: (1, {-1, 0}),
        sympy.Eq: (1, {0}), sympy.Ne: (1, {-1, 1})}


class _Budget(Exception):
    """Private: the time budget is spent."""


#: set when a decomposition ran out of time inside a scope opened by
#: `symalign.engines.piecewise.piecewise` (False there until spent); the interval work with
#: square roots is then skipped for the rest of that closed form (one budget, not one per try)
SPENT = contextvars.ContextVar("symalign_intervals_spent", default=None)   # None: no scope


# -- eliminants -------------------------------------------------------------------------------

def _prime_roots(n: Rational, dummies: dict):
    """``sqrt(n)`` for a positive rational ``n`` as ``c * prod(y_p)`` with ``y_p^2 = p``."""
    out = sympy.Integer(1)
    for part, sgn in ((n.p, 1), (n.q, -1)):
        for p, k in sympy.factorint(int(part)).items():
            out *= sympy.Integer(p) ** (sgn * (k // 2))
            if k % 2:
                if p not in dummies:
                    dummies[p] = sympy.Dummy(f"r{p}")
                out *= dummies[p] ** sgn
    return out


def _radical_form(e):
    """``(f, radicals)``: ``e`` with every square root replaced by a variable; ``radicals``
    is ``[(variable, radicand in the earlier variables)]``, inner roots first."""
    radicals: list = []
    numeric: dict = {}
    memo: dict = {}

    def conv(node):
        if node in memo:
            return memo[node]
        if node.is_Atom:
            out = node
        elif node.is_Pow and node.exp.is_Rational and not node.exp.is_Integer:
            if node.exp.q != 2:
                raise _Give("a root other than a square root")
            k = int(node.exp * 2)
            if node.base.is_Rational and node.base > 0:
                out = _prime_roots(node.base, numeric) ** k
            else:
                b = conv(node.base)
                y = next((v for v, bb in radicals if bb == b), None)
                if y is None:
                    y = sympy.Dummy(f"y{len(radicals)}")
                    radicals.append((y, b))
                out = y ** k
        elif isinstance(node, sympy.CRootOf) and node.is_real:
            y = sympy.Dummy(f"z{len(radicals)}")
            radicals.append((y, node))       # a root of the polynomial node.poly
            out = y
        elif node.is_Add or node.is_Mul or (node.is_Pow and node.exp.is_Integer):
            out = node.func(*[conv(a) for a in node.args])
        else:
            raise _Give(f"unsupported function {type(node).__name__}")
        memo[node] = out
        return out

    f = conv(e)
    rads = [(y, sympy.Integer(p)) for p, y in sorted(numeric.items())] + radicals
    if len(rads) > MAX_RADICALS:
        raise _Give("too many square roots")
    return f, rads


def _to_flint(p, gens, ctx):
    P = sympy.Poly(p, *gens)
    den = 1
    for c in P.coeffs():
        if not c.is_Rational:
            raise _Give("coefficients")
        den = den * int(c.q) // __import__("math").gcd(den, int(c.q))
    return ctx.from_dict({m: int(c * den) for m, c in P.as_dict().items()})


@functools.lru_cache(maxsize=2048)
def _eliminants(e, x):
    """``(zeros, breaks)``: lists of integer polynomials in ``x`` (coefficient lists, highest
    first); every zero of ``e`` is a root of one of ``zeros``, every point where ``e`` is
    undefined or discontinuous a root of one of ``breaks``."""
    import flint
    f, rads = _radical_form(e)
    ys = [y for y, _ in rads]
    gens = [x] + ys
    ctx = flint.fmpz_mpoly_ctx.get([f"v{k}" for k in range(len(gens))])
    num, den = sympy.fraction(sympy.together(f))
    defs = []
    for y, b in rads:
        if isinstance(b, sympy.CRootOf):
            defs.append((_to_flint(b.poly.as_expr().subs(b.poly.gen, y), gens, ctx), None, None))
            continue
        bn, bd = sympy.fraction(sympy.together(b))
        defs.append((_to_flint(sympy.expand(bd * y**2 - bn), gens, ctx), bn, bd))

    def eliminate(p):
        P = _to_flint(sympy.expand(p), gens, ctx)
        for k in range(len(ys), 0, -1):
            if P.degrees()[k] > 0:
                P = P.resultant(defs[k - 1][0], f"v{k}")
                if P.is_zero():
                    raise _Give("a vanishing resultant")
        if any(d > 0 for d in P.degrees()[1:]):
            raise _Give("elimination")
        if P.degrees()[0] > MAX_DEGREE:
            raise _Give("degree")
        return P

    zeros = [eliminate(num)]
    breaks = [eliminate(den)]
    for _, bn, bd in defs:
        if bn is not None:
            breaks += [eliminate(bn), eliminate(bd)]

    def univariate(P):
        d = P.to_dict()
        if not d:
            return None
        deg = max(m[0] for m in d)
        out = [0] * (deg + 1)
        for m, c in d.items():
            out[deg - m[0]] += int(c)
        return tuple(out) if deg >= 1 else None

    return (tuple(u for u in map(univariate, zeros) if u),
            tuple(u for u in map(univariate, breaks) if u))


def _isolate(polys, deadline) -> list:
    """The distinct real roots of integer polynomials (coefficient tuples), sorted, as
    `symalign.engines.cad._Root` with separated isolating intervals."""
    import flint
    factors = []
    for p in polys:
        for f, _ in flint.fmpz_poly(list(reversed(p))).factor()[1]:
            if f.degree() >= 1 and f not in factors and -f not in factors:
                factors.append(f)
    if sum(f.degree() for f in factors) > MAX_TOTAL_DEGREE:
        raise _Give("degree")
    roots = []
    for f in factors:
        deadline()
        coeffs = [int(c) for c in reversed(f.coeffs())]
        if f.degree() == 1:
            roots.append(_Root(value=Fraction(-coeffs[1], coeffs[0])))
            continue
        P = sympy.Poly(coeffs, _T)
        for (a, b), _ in P.intervals():
            if a == b:
                raise _Give("a rational root of an irreducible polynomial")
            roots.append(_Root(poly=P, lo=Fraction(int(a.p), int(a.q)),
                               hi=Fraction(int(b.p), int(b.q))))
    return _separate(roots, 400, deadline)


# -- cells ------------------------------------------------------------------------------------

class Cells:
    """The sorted real roots of the critical polynomials and the cells they cut the line in:
    ``cells[2k]`` are the open intervals (with a rational sample), ``cells[2k+1]`` the roots.
    ``truth[atom]`` is the list of signs of the atom's expression on the cells."""

    def __init__(self, x, roots, deadline):
        self.x = x
        self.roots = roots
        self.stack = _stack(roots)
        self.deadline = deadline
        self.signs: dict = {}

    def __len__(self):
        return len(self.stack)

    def point(self, k):
        """The ``k``-th cell's point: a Rational, a square-root expression (degree 2) or a
        ``CRootOf`` of a polynomial written in ``x``."""
        r = self.stack[k]
        if r.value is not None or r.poly.degree() == 2:
            return r.expr()
        # the polynomial is printed in a symbol named like the parameter but without its
        # assumptions (a different symbol): substituting the parameter leaves it alone
        t = sympy.Symbol(self.x.name)
        P = sympy.Poly(r.poly.as_expr().subs(_T, t), t)
        below = P.count_roots(None, Rational(r.lo.numerator, r.lo.denominator))
        return sympy.CRootOf(P.as_expr(), t, below)

    def sign(self, e, critical, mask=None) -> list:
        """The exact sign of ``e`` on every cell (None where it is undefined or, with
        ``mask``, where ``mask`` is False and no neighbour needs it)."""
        if e in self.signs:
            return self.signs[e]
        n = len(self.stack)
        out = [None] * n

        def wanted(k):
            return mask is None or any(mask[j] is not False for j in (k - 1, k, k + 1)
                                       if 0 <= j < n)

        for k in range(0, n, 2):
            self.deadline()
            if not wanted(k):
                continue
            q = self.stack[k].value
            out[k] = _sign_at_rational(e, self.x, Rational(q.numerator, q.denominator))
        zeros, breaks = critical
        for k in range(1, n, 2):
            self.deadline()
            if mask is not None and mask[k] is False:
                continue
            r = self.stack[k]
            is_break = any(_vanishes(P, r) for P in breaks)
            is_zero = any(_vanishes(P, r) for P in zeros)
            left, right = out[k - 1], out[k + 1]
            if not is_zero and not is_break:
                out[k] = left if left == right else _sign_at_root(e, self.x, r, None)
            elif is_zero and not is_break and left is not None and right is not None \
                    and left * right < 0:
                out[k] = 0      # continuous and changing sign: a zero (intermediate values)
            else:
                out[k] = _sign_at_root(e, self.x, r, left if left == right else None)
        if mask is None:
            self.signs[e] = out
        return out


def _vanishes(P, r) -> bool:
    if r.rational:
        v = Fraction(0)
        for c in P:
            v = v * r.value + c
        return v == 0
    Q = sympy.Poly(list(P), _T)
    return Q.rem(sympy.Poly(r.poly, _T)).is_zero


def _iv_sign(e, x, lo: Fraction, hi: Fraction, prec: int):
    from mpmath import iv

    from symalign.engines.algebraic import _Unsupported
    from symalign.engines.realroots import _iv_box
    old = iv.prec
    iv.prec = prec
    try:
        box = iv.mpf([iv.mpf(lo.numerator) / lo.denominator,
                      iv.mpf(hi.numerator) / hi.denominator])
        v = _iv_box(e, {x: box})
    except (_Unsupported, ZeroDivisionError, ValueError, TypeError):
        return None
    finally:
        iv.prec = old
    try:
        if v.a > 0:
            return 1
        if v.b < 0:
            return -1
    except TypeError:     # a complex interval: a negative radicand
        return None
    return None


def _sign_at_rational(e, x, q):
    for prec in (64, 256):
        s = _iv_sign(e, x, Fraction(int(q.p), int(q.q)), Fraction(int(q.p), int(q.q)), prec)
        if s is not None:
            return s
    return _exact_sign(e.subs(x, q))


def _sign_at_root(e, x, r, likely):
    """The sign of ``e`` at the root ``r``: interval arithmetic on its refined interval
    proves a non-zero sign; otherwise the exact value decides."""
    if r.rational:
        return _sign_at_rational(e, x, Rational(r.value.numerator, r.value.denominator))
    probe = _Root(None, r.poly, r.lo, r.hi)
    for step in range(6):
        for _ in range(16):
            probe.refine()
        s = _iv_sign(e, x, probe.lo, probe.hi, 64 * (step + 1))
        if s is not None:
            return s
    return _exact_sign(e.subs(x, r.expr()))


def _exact_sign(v):
    from symalign.core.errors import UndecidableError
    from symalign.engines.algebraic import sign
    if v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I) or v.is_real is False:
        return None
    try:
        return sign(v)
    except (UndecidableError, ArithmeticError, TypeError, ValueError, NotImplementedError):
        raise _Give("an exact sign") from None


def _atoms(cond) -> list:
    out = []
    for a in sympy.preorder_traversal(cond):
        if type(a) in _REL and a not in out:
            out.append(a)
    return out


def _truth(cond, values):
    """The truth of ``cond`` given the truth of its atoms (``values[atom]``); None if any
    atom it needs is undefined."""
    if cond is sympy.true or cond is True:
        return True
    if cond is sympy.false or cond is False:
        return False
    if type(cond) in _REL:
        return values[cond]
    if isinstance(cond, sympy.Not):
        v = _truth(cond.args[0], values)
        return None if v is None else not v
    parts = [_truth(a, values) for a in cond.args]
    if isinstance(cond, sympy.And):
        if any(p is False for p in parts):
            return False
        return None if any(p is None for p in parts) else True
    if isinstance(cond, sympy.Or):
        if any(p is True for p in parts):
            return True
        return None if any(p is None for p in parts) else False
    raise _Give(f"unsupported condition {type(cond).__name__}")


def decompose(conditions, x, domain, seconds):
    """``(cells, [truth lists])``: each condition's truth on the cells of ``x``'s line, and
    the domain's; None when unsupported or over budget. ``domain`` is a list of relations
    in ``x`` (the assumptions), the last list entry its truth."""
    if SPENT.get() and any(a.is_Pow and not a.exp.is_Integer
                           for c in conditions for a in sympy.preorder_traversal(c)):
        return None         # after a spent budget only the cheap, radical-free conditions
    stop = None if seconds is None else time.monotonic() + seconds

    def deadline():
        if stop is not None and time.monotonic() > stop:
            raise _Budget()

    conditions = list(conditions) + [sympy.And(*domain) if domain else sympy.true]
    if x.is_positive:
        conditions[-1] = sympy.And(conditions[-1], sympy.Gt(x, 0, evaluate=False))
    elif x.is_nonnegative:
        conditions[-1] = sympy.And(conditions[-1], sympy.Ge(x, 0, evaluate=False))
    elif x.is_negative:
        conditions[-1] = sympy.And(conditions[-1], sympy.Lt(x, 0, evaluate=False))
    try:
        atoms = []
        for c in conditions:
            for a in _atoms(c):
                if a not in atoms:
                    atoms.append(a)
        exprs = {a: sympy.sympify(a.lhs - a.rhs) for a in atoms}
        crit = {}
        polys = []
        for a in atoms:
            deadline()
            crit[a] = _eliminants(exprs[a], x)
            polys += crit[a][0] + crit[a][1]
        roots = _isolate(sorted(set(polys)), deadline)
        cells = Cells(x, roots, deadline)
        values = [{} for _ in range(len(cells))]
        dom_atoms = _atoms(conditions[-1])

        def evaluate(group, mask):
            for a in group:
                ss = cells.sign(exprs[a], crit[a], mask)
                ok = _REL[type(a)][1]
                for k, s in enumerate(ss):
                    values[k][a] = None if s is None else s in ok

        evaluate(dom_atoms, None)
        dom = [_truth(conditions[-1], v) for v in values]
        evaluate([a for a in atoms if a not in dom_atoms], dom)
        out = []
        for c in conditions[:-1]:
            t = []
            for k, v in enumerate(values):
                if dom[k] is False:
                    t.append(False)
                    continue
                val = _truth(c, v)
                if val is None:
                    return None     # undefined inside the domain: not an interval question
                t.append(val)
            out.append(t)
        return cells, out, [d is True for d in dom]
    except _Budget:
        if SPENT.get() is not None:
            SPENT.set(True)   # the caller's budget is gone: no further attempts in its scope
        return None
    except (_Give, sympy.polys.polyerrors.PolynomialError, ValueError, TypeError,
            ZeroDivisionError, NotImplementedError, ImportError):
        return None


def true_runs(mask) -> list[tuple[int, int]]:
    """The maximal runs ``(first, last)`` of consecutive true entries of ``mask``, in order
    (cells ``first..last`` of a decomposition: one connected piece)."""
    runs = []
    k, n = 0, len(mask)
    while k < n:
        if mask[k]:
            j = k
            while j + 1 < n and mask[j + 1]:
                j += 1
            runs.append((k, j))
            k = j + 1
        else:
            k += 1
    return runs


def describe(cells: Cells, truth, domain) -> sympy.Basic:
    """The shortest condition of relations in ``x`` that, with the domain, holds exactly on
    the cells where ``truth`` is True (runs of cells, left to right)."""
    x = cells.x
    n = len(truth)
    inside = [truth[k] and domain[k] for k in range(n)]
    if not any(inside):
        return sympy.false
    if all(inside[k] or not domain[k] for k in range(n)):
        return sympy.true
    runs = true_runs(inside)
    pieces = []
    for i, j in runs:
        if i == j and i % 2 == 1:
            pieces.append(sympy.Eq(x, cells.point(i), evaluate=False))
            continue
        parts = []
        if not all(inside[k] or not domain[k] for k in range(i)):
            # the left end: the root before an open cell (strict), or the root itself
            parts.append(sympy.Gt(x, cells.point(i - 1)) if i % 2 == 0 else
                         sympy.Ge(x, cells.point(i)))
        if not all(inside[k] or not domain[k] for k in range(j + 1, n)):
            parts.append(sympy.Lt(x, cells.point(j + 1)) if j % 2 == 0 else
                         sympy.Le(x, cells.point(j)))
        pieces.append(sympy.And(*parts))
    out = sympy.Or(*pieces)
    # the complement is a few points: a conjunction of Ne reads better
    holes = [k for k in range(n) if domain[k] and not truth[k]]
    if holes and all(k % 2 == 1 for k in holes) and len(holes) < len(pieces) + 1:
        out = sympy.And(*[sympy.Ne(x, cells.point(k)) for k in holes])
    return out
