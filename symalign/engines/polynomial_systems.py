"""Exact real solutions of polynomial systems over the rationals (private engine).

`real_solutions` solves a system ``f_1 = ... = f_k = 0`` of polynomials with rational
coefficients in ``m`` unknowns. A Gröbner basis in degree-reverse-lexicographic order
(python-flint's Buchberger over the integers) decides whether the system has no complex
solution, finitely many, or a positive-dimensional set. In the finite case the quotient ring
``Q[x]/I`` has finite dimension ``D``; a random integer linear form ``l = c . x`` whose powers
span the quotient (a *separating* form) gives every solution as ``x_j = g_j(alpha)`` with
``alpha`` a root of the minimal polynomial ``p`` of ``l`` (the shape lemma; Rouillier's
rational univariate representation in its simplest form). When no such form exists (a
non-radical ideal), the ideal is replaced by its radical (Seidenberg's lemma: add the
square-free part of every variable's eliminant) and the search repeats.

Real roots of ``p`` are isolated exactly (sympy's interval isolation on each irreducible
factor) and every quantity is an element of ``Q(alpha)`` (`RealAlgebraic`) whose sign is
decided exactly: zero iff its polynomial is divisible by the minimal polynomial; otherwise
the isolating interval of ``alpha`` is bisected (exact rational arithmetic) until an interval
evaluation excludes zero.

References: D. Cox, J. Little, D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.
(2015), Ch. 2, 5 and 9; F. Rouillier, "Solving zero-dimensional systems through the rational
univariate representation", AAECC 9 (1999) 433-461.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from fractions import Fraction

import sympy

from symalign.core.errors import MissingDependencyError

#: python-flint (binary wheels, no compiler needed), loaded on first use by `_load` so that
#: ``import symalign`` neither needs nor pays for it
flint = None


def _load():
    """python-flint, imported on first use; a clear error naming the extra when missing."""
    global flint
    if flint is None:
        try:
            import flint as _flint
        except ImportError:
            raise MissingDependencyError(
                "python-flint", "flint",
                "exact polynomial systems (mixed equilibria of games with 3 or more players)"
            ) from None
        flint = _flint
    return flint

__all__ = ["RealRoot", "RealAlgebraic", "SystemSolution", "real_solutions", "groebner_grevlex"]


# -- real algebraic numbers --------------------------------------------------------------------
def _horner_interval(coeffs, lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """An enclosure of ``sum c_k x^k`` over ``[lo, hi]`` by exact interval Horner."""
    a = b = Fraction(0)
    for c in reversed(coeffs):
        prods = (a * lo, a * hi, b * lo, b * hi)
        a, b = min(prods) + c, max(prods) + c
    return a, b


class RealRoot:
    """The real root of an irreducible ``q`` in ``(lo, hi)`` (rational endpoints, no other root)."""

    __slots__ = ("q", "lo", "hi", "index", "_sympy")

    def __init__(self, q: flint.fmpq_poly, lo: Fraction, hi: Fraction, index: int):
        _load()
        self.q, self.lo, self.hi, self.index = q, Fraction(lo), Fraction(hi), index
        self._sympy = None

    @property
    def degree(self) -> int:
        return self.q.degree()

    def _q_sign(self, x: Fraction) -> int:
        v = self.q(flint.fmpq(x.numerator, x.denominator))
        return (v > 0) - (v < 0)

    def refine(self) -> None:
        """Halve the isolating interval (exactly)."""
        mid = (self.lo + self.hi) / 2
        s = self._q_sign(mid)
        if s == 0:                      # only for a rational root (degree 1)
            self.lo = self.hi = mid
        elif s == self._q_sign(self.lo) or (self._q_sign(self.lo) == 0 and
                                            s != self._q_sign(self.hi)):
            self.lo = mid
        else:
            self.hi = mid

    def to_sympy(self) -> sympy.Expr:
        """The root as a sympy number: Rational, radical (degree 2) or CRootOf."""
        if self._sympy is None:
            self._sympy = _root_to_sympy(self)
        return self._sympy


def _fmpq_coeffs(p: flint.fmpq_poly) -> list[Fraction]:
    return [Fraction(int(c.p), int(c.q)) for c in p.coeffs()]


def _root_to_sympy(r: RealRoot) -> sympy.Expr:
    c = _fmpq_coeffs(r.q)
    if len(c) == 2:
        v = -c[0] / c[1]
        return sympy.Rational(v.numerator, v.denominator)
    if len(c) == 3:
        a, b, cc = (sympy.Rational(x.numerator, x.denominator) for x in (c[2], c[1], c[0]))
        s = sympy.sqrt(b * b - 4 * a * cc)
        small, big = (-b - s) / (2 * a), (-b + s) / (2 * a)
        if a < 0:
            small, big = big, small
        mid = -c[1] / (2 * c[2])            # between the two real roots, not a root
        while not (r.hi < mid or r.lo > mid):
            r.refine()
        return sympy.expand(small if r.hi < mid else big)
    x = sympy.Symbol("x")
    poly = sympy.Poly([sympy.Rational(v.numerator, v.denominator) for v in reversed(c)], x)
    return sympy.CRootOf(poly, r.index)


class RealAlgebraic:
    """An element ``g(alpha)`` of ``Q(alpha)``, with ``g`` reduced modulo ``alpha``'s polynomial.

    Examples
    ========

    >>> import flint
    >>> from fractions import Fraction as F
    >>> from symalign.engines.polynomial_systems import RealAlgebraic, RealRoot
    >>> alpha = RealRoot(flint.fmpq_poly([-2, 0, 0, 1]), F(1), F(2), 0)   # 2^(1/3)
    >>> a = RealAlgebraic(alpha, flint.fmpq_poly([0, 1]))
    >>> (a - F(63, 50)).sign(), (a * a * a - 2).sign(), (a * a).to_sympy()
    (-1, 0, CRootOf(x**3 - 4, 0))

    """

    __slots__ = ("root", "g", "_sign", "_sympy")

    def __init__(self, root: RealRoot, g: flint.fmpq_poly):
        self.root, self.g = root, g % root.q
        self._sign = None
        self._sympy = None

    def _new(self, g):
        return RealAlgebraic(self.root, g)

    @staticmethod
    def _coerce(o):
        if isinstance(o, RealAlgebraic):
            return o.g
        if isinstance(o, Fraction):
            return flint.fmpq(o.numerator, o.denominator)
        return o

    def __add__(self, o):
        return self._new(self.g + self._coerce(o))

    def __sub__(self, o):
        return self._new(self.g - self._coerce(o))

    def __mul__(self, o):
        return self._new(self.g * self._coerce(o))

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, o):
        return self._new(self._coerce(o) - self.g)

    def __neg__(self):
        return self._new(-self.g)

    def is_zero(self) -> bool:
        return self.g.is_zero()

    def sign(self) -> int:
        """The exact sign: 0 iff ``g`` vanishes mod the minimal polynomial, else by refinement."""
        if self._sign is None:
            if self.g.is_zero():
                self._sign = 0
            else:
                coeffs = _fmpq_coeffs(self.g)
                r = self.root
                while True:
                    a, b = _horner_interval(coeffs, r.lo, r.hi)
                    if a > 0 or b < 0:
                        self._sign = 1 if a > 0 else -1
                        break
                    if r.lo == r.hi:            # rational root: the enclosure is exact
                        self._sign = (a > 0) - (a < 0)
                        break
                    r.refine()
        return self._sign

    def enclosure(self, width: Fraction = Fraction(1, 10**12)) -> tuple[Fraction, Fraction]:
        coeffs = _fmpq_coeffs(self.g) or [Fraction(0)]
        while True:
            a, b = _horner_interval(coeffs, self.root.lo, self.root.hi)
            if b - a <= width or self.root.lo == self.root.hi:
                return a, b
            self.root.refine()

    def __float__(self) -> float:
        a, b = self.enclosure()
        return float((a + b) / 2)

    def to_sympy(self) -> sympy.Expr:
        """The value as a canonical sympy number (Rational, radical, or CRootOf of its own
        minimal polynomial)."""
        if self._sympy is None:
            self._sympy = _element_to_sympy(self)
        return self._sympy


def minimal_polynomial(e: RealAlgebraic) -> flint.fmpq_poly:
    """The monic minimal polynomial of ``g(alpha)``: the first linear dependence among its
    powers ``1, g, g^2, ...`` in the basis ``1, alpha, ..., alpha^(d-1)`` of ``Q(alpha)``."""
    q = e.root.q
    d = q.degree()
    powers = [flint.fmpq_poly([1])]
    while True:
        nxt = (powers[-1] * e.g) % q
        k = len(powers)
        A = flint.fmpq_mat(d, k + 1)
        for col, p in enumerate(powers + [nxt]):
            for row, c in enumerate(p.coeffs()):
                A[row, col] = c
        if A.rank() == k:
            K = flint.fmpq_mat(d, k)
            w = flint.fmpq_mat(d, 1)
            for row in range(d):
                for col in range(k):
                    K[row, col] = A[row, col]
                w[row, 0] = A[row, k]
            a = _solve_consistent(K, w)
            return flint.fmpq_poly([-x for x in a] + [1])
        powers.append(nxt)


def _element_to_sympy(e: RealAlgebraic) -> sympy.Expr:
    g = e.g
    if g.degree() <= 0:
        c = _fmpq_coeffs(g)
        v = c[0] if c else Fraction(0)
        return sympy.Rational(v.numerator, v.denominator)
    if e.root.degree <= 2:
        a = e.root.to_sympy()
        return sympy.expand(sum(sympy.Rational(c.numerator, c.denominator) * a ** k
                                for k, c in enumerate(_fmpq_coeffs(g))))
    m = minimal_polynomial(e)
    coeffs = _fmpq_coeffs(m)
    if len(coeffs) == 2:
        v = -coeffs[0]
        return sympy.Rational(v.numerator, v.denominator)
    den = 1
    for c in coeffs:
        den = den * c.denominator // math.gcd(den, c.denominator)
    ints = [int(c * den) for c in coeffs]
    x = sympy.Symbol("x")
    P = sympy.Poly(list(reversed(ints)), x)
    ivs = [iv for iv, _ in P.intervals()]
    while True:
        lo, hi = e.enclosure(Fraction(1, 2 ** 30))
        hits = [k for k, (a, b) in enumerate(ivs) if not (hi < a or lo > b)]
        if len(hits) == 1:
            k = hits[0]
            mq = flint.fmpq_poly(ints)
            if len(coeffs) == 3:
                return RealRoot(mq, Fraction(int(ivs[k][0].p), int(ivs[k][0].q)),
                                Fraction(int(ivs[k][1].p), int(ivs[k][1].q)), k).to_sympy()
            return sympy.CRootOf(P, k)
        width = min(b - a for a, b in ivs)
        ivs = [iv for iv, _ in P.intervals(eps=width / 4)]
        e.root.refine()


# -- Gröbner bases and the quotient ring ----------------------------------------------------
def _to_int_dict(p: dict) -> dict:
    den = 1
    for v in p.values():
        den = den * v.denominator // math.gcd(den, v.denominator)
    return {tuple(k): int(v * den) for k, v in p.items()}


def groebner_grevlex(polys: list[dict], nvars: int) -> list[dict]:
    """A reduced Gröbner basis (grevlex, x_0 > x_1 > ...) as monic ``{exponent: Fraction}``."""
    polys = [p for p in polys if p]
    if not polys:
        return []
    if nvars == 0:
        return [{(): Fraction(1)}]
    _load()
    names = tuple(f"x{i}" for i in range(nvars))
    ctx = flint.fmpz_mpoly_ctx.get(names, "degrevlex")
    vec = flint.fmpz_mpoly_vec([ctx.from_dict(_to_int_dict(p)) for p in polys], ctx)
    G = vec.buchberger_naive().autoreduction()
    out = []
    for g in G:
        d = g.to_dict()
        if not d:
            continue
        lm = max(d, key=lambda m: (sum(m), tuple(-e for e in reversed(m))))
        lc = Fraction(int(d[lm]))
        out.append({tuple(m): Fraction(int(c)) / lc for m, c in d.items()})
    return out


def _leading(p: dict) -> tuple:
    return max(p, key=lambda m: (sum(m), tuple(-e for e in reversed(m))))


def _standard_monomials(lms: list[tuple], nvars: int) -> list[tuple] | None:
    """Monomials divisible by no leading monomial; None if infinitely many (the ideal is not
    zero-dimensional); ResourceLimitError when finitely many but more than
    ``settings.max_cases``."""
    from symalign.core.config import settings
    limit = settings.max_cases
    def divisible(m):
        return any(all(a >= b for a, b in zip(m, lm)) for lm in lms)
    for j in range(nvars):
        if not any(lm[j] > 0 and sum(lm) == lm[j] for lm in lms):
            return None
    out, frontier, seen = [], [tuple([0] * nvars)], set()
    while frontier:
        m = frontier.pop()
        if m in seen or divisible(m):
            continue
        seen.add(m)
        out.append(m)
        if len(out) > limit:
            from symalign.core.errors import ResourceLimitError
            raise ResourceLimitError(f"a polynomial system with more than {limit} complex "
                                     "solutions", "max_cases", limit)
        for j in range(nvars):
            frontier.append(m[:j] + (m[j] + 1,) + m[j + 1:])
    out.sort(key=lambda m: (sum(m), tuple(-e for e in reversed(m))))
    return out


def dimension(lms: list[tuple], nvars: int) -> int:
    """Krull dimension from the leading monomials: the largest set of variables no leading
    monomial lives on entirely (Cox, Little & O'Shea, Ch. 9, Sec. 3)."""
    for d in range(nvars, -1, -1):
        for S in itertools.combinations(range(nvars), d):
            s = set(S)
            if not any(all(j in s for j, e in enumerate(lm) if e) for lm in lms):
                return d
    return 0  # pragma: no cover


@dataclass(frozen=True)
class SystemSolution:
    """The outcome of `real_solutions`.

    ``kind`` is ``"empty"`` (no complex solution), ``"finite"`` (``points`` lists every real
    solution as a tuple of `RealAlgebraic`) or ``"positive"`` (a positive-dimensional set of
    complex solutions of dimension ``dim``; ``basis`` is its reduced grevlex Gröbner basis).
    """

    kind: str
    points: tuple = ()
    dim: int = 0
    basis: tuple = ()


class _Quotient:
    """Multiplication matrices of ``Q[x]/I`` in the basis of standard monomials."""

    def __init__(self, G: list[dict], nvars: int, basis: list[tuple]):
        self.n, self.basis = nvars, basis
        self.index = {m: k for k, m in enumerate(basis)}
        # a reduced basis: every non-leading term of g is a standard monomial
        self.lead = {}
        for g in G:
            lm = _leading(g)
            self.lead[lm] = {self.index[m]: -c for m, c in g.items() if m != lm}
        self._nf = {}
        self.mats = [self._mult(j) for j in range(nvars)]

    def normal_form(self, m: tuple) -> dict:
        """The normal form of the monomial ``m`` as ``{standard index: Fraction}``.

        Standard monomials are themselves; a leading monomial is minus the rest of its basis
        element; any other ``m`` is ``x_k m'`` with ``m'`` still non-standard, and
        ``NF(m) = sum c_s NF(x_k s)`` over ``NF(m') = sum c_s s``, every ``x_k s`` smaller
        than ``m`` (memoised recursion; Cox, Little & O'Shea, Ch. 2, Sec. 6)."""
        if m in self.index:
            return {self.index[m]: Fraction(1)}
        if m in self.lead:
            return self.lead[m]
        if m in self._nf:
            return self._nf[m]
        for k in range(self.n):
            if m[k] == 0:
                continue
            m2 = m[:k] + (m[k] - 1,) + m[k + 1:]
            if m2 in self.index:
                continue
            out: dict = {}
            for idx, c in self.normal_form(m2).items():
                s = self.basis[idx]
                for idx2, c2 in self.normal_form(s[:k] + (s[k] + 1,) + s[k + 1:]).items():
                    out[idx2] = out.get(idx2, 0) + c * c2
            out = {a: b for a, b in out.items() if b}
            self._nf[m] = out
            return out
        raise AssertionError("a border monomial that is no leading monomial")  # pragma: no cover

    def _mult(self, j: int) -> flint.fmpq_mat:
        D = len(self.basis)
        M = flint.fmpq_mat(D, D)
        for col, m in enumerate(self.basis):
            for row, c in self.normal_form(m[:j] + (m[j] + 1,) + m[j + 1:]).items():
                M[row, col] = flint.fmpq(c.numerator, c.denominator)
        return M

    def krylov(self, M: flint.fmpq_mat):
        """If the vectors ``M^k 1`` (k < D) span the quotient: the minimal polynomial ``p`` of
        ``M`` and, for every unknown ``x_j``, ``g_j`` with ``x_j = g_j(M) 1`` (one exact solve
        with all right-hand sides); else None."""
        D = len(self.basis)
        cols = [_unit(D)]
        for _ in range(D):
            cols.append(M * cols[-1])
        K = flint.fmpq_mat(D, D)
        W = flint.fmpq_mat(D, 1 + self.n)
        rhs = [cols[D]] + [Mj * cols[0] for Mj in self.mats]
        for r in range(D):
            for k in range(D):
                K[r, k] = cols[k][r, 0]
            for k, c in enumerate(rhs):
                W[r, k] = c[r, 0]
        try:
            X = K.solve(W, algorithm="dixon")
        except ZeroDivisionError:         # singular: the powers do not span
            return None
        p = flint.fmpq_poly([-X[k, 0] for k in range(D)] + [1])
        gs = [flint.fmpq_poly([X[k, 1 + j] for k in range(D)]) for j in range(self.n)]
        return p, gs

    def eliminant(self, j: int) -> flint.fmpq_poly:
        """The monic generator of ``I ∩ Q[x_j]``: the minimal polynomial of ``M_j`` on 1."""
        D = len(self.basis)
        M = self.mats[j]
        cols = [_unit(D)]
        while True:
            w = M * cols[-1]
            A = flint.fmpq_mat(D, len(cols) + 1)
            for k, c in enumerate(cols + [w]):
                for r in range(D):
                    A[r, k] = c[r, 0]
            if A.rank() == len(cols):
                K = flint.fmpq_mat(D, len(cols))
                for k, c in enumerate(cols):
                    for r in range(D):
                        K[r, k] = c[r, 0]
                a = _solve_consistent(K, w)
                return flint.fmpq_poly([-x for x in a] + [1])
            cols.append(w)


def _solve_consistent(K: flint.fmpq_mat, w: flint.fmpq_mat) -> list:
    """The coefficients of ``w`` in the independent columns of ``K`` (an exact rref)."""
    rows, k = K.nrows(), K.ncols()
    A = flint.fmpq_mat(rows, k + 1)
    for r in range(rows):
        for c in range(k):
            A[r, c] = K[r, c]
        A[r, k] = w[r, 0]
    R, _ = A.rref()
    a = [flint.fmpq(0)] * k
    for r in range(rows):
        col = next((c for c in range(k + 1) if R[r, c] != 0), None)
        if col is not None and col < k:
            a[col] = R[r, k]
    return a


def _squarefree(p: flint.fmpq_poly) -> flint.fmpq_poly:
    g = p.gcd(p.derivative())
    return p / g if g.degree() > 0 else p


def _poly_dict(p: flint.fmpq_poly, j: int, nvars: int) -> dict:
    out = {}
    for k, c in enumerate(_fmpq_coeffs(p)):
        if c:
            m = [0] * nvars
            m[j] = k
            out[tuple(m)] = c
    return out


def _isolate(q: flint.fmpq_poly) -> list[RealRoot]:
    coeffs = _fmpq_coeffs(q)
    if len(coeffs) == 2:
        v = -coeffs[0] / coeffs[1]
        return [RealRoot(q, v, v, 0)]
    x = sympy.Symbol("x")
    P = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in reversed(coeffs)], x)
    out = []
    for k, ((a, b), _) in enumerate(P.intervals()):
        out.append(RealRoot(q, Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q)), k))
    return out


def real_solutions(polys: list[dict], nvars: int, *, seed: int = 0) -> SystemSolution:
    """Every real solution of ``polys`` (``{exponent tuple: Fraction}`` each), exactly.

    Gröbner basis, quotient ring and a separating linear form (the shape lemma; Cox, Little
    & O'Shea 2015, Ch. 2 and 5; Rouillier 1999); see the module docstring.

    Examples
    ========

    >>> from fractions import Fraction as F
    >>> from symalign.engines.polynomial_systems import real_solutions
    >>> # x + y = 1, x y = -1: x = (1 +- sqrt 5) / 2, y = 1 - x
    >>> sol = real_solutions([{(1, 0): F(1), (0, 1): F(1), (0, 0): F(-1)},
    ...                       {(1, 1): F(1), (0, 0): F(1)}], 2)
    >>> sol.kind, sorted((x.to_sympy() for x, y in sol.points), key=float)
    ('finite', [1/2 - sqrt(5)/2, 1/2 + sqrt(5)/2])
    >>> real_solutions([{(1, 1): F(1)}], 2).kind      # x y = 0: two lines
    'positive'

    """
    _load()
    G = groebner_grevlex(polys, nvars)
    if any(not any(_leading(g)) for g in G):   # 1 in the ideal
        return SystemSolution("empty")
    if nvars == 0:
        return SystemSolution("finite", points=((),))
    lms = [_leading(g) for g in G]
    basis = _standard_monomials(lms, nvars)
    if basis is None:
        return SystemSolution("positive", dim=dimension(lms, nvars), basis=tuple(G))
    Q = _Quotient(G, nvars, basis)
    rng = random.Random(seed)
    radical = False
    for attempt in range(12):
        if attempt == 4 and not radical:
            extra = [_poly_dict(_squarefree(Q.eliminant(j)), j, nvars) for j in range(nvars)]
            G = groebner_grevlex(G + extra, nvars)
            lms = [_leading(g) for g in G]
            basis = _standard_monomials(lms, nvars)
            Q = _Quotient(G, nvars, basis)
            radical = True
        c = [rng.randint(-(attempt + 2), attempt + 2) or 1 for _ in range(nvars)] \
            if attempt else [1] * nvars
        M = Q.mats[0] * c[0]
        for j in range(1, nvars):
            M = M + Q.mats[j] * c[j]
        kr = Q.krylov(M)
        if kr is None:
            continue
        p, gs = kr
        points = []
        for fac, _ in p.factor()[1]:
            for root in _isolate(fac):
                points.append(tuple(RealAlgebraic(root, g) for g in gs))
        return SystemSolution("finite", points=tuple(points))
    raise RuntimeError("no separating linear form found")  # pragma: no cover


def _unit(D: int) -> flint.fmpq_mat:
    v = flint.fmpq_mat(D, 1)
    v[0, 0] = 1
    return v


# -- a hard time limit: the solve in a child process (symalign.engines.worker) ------------------
def _pack(sol: SystemSolution) -> tuple:
    """`sol` as plain picklable data (python-flint objects do not pickle); points sharing a
    root keep sharing it."""
    roots: dict = {}
    points = []
    for pt in sol.points:
        row = []
        for v in pt:
            if id(v.root) not in roots:
                roots[id(v.root)] = (len(roots), v.root)
            row.append((roots[id(v.root)][0], _fmpq_coeffs(v.g)))
        points.append(tuple(row))
    table = [(_fmpq_coeffs(r.q), r.lo, r.hi, r.index) for _, r in sorted(roots.values(),
                                                                        key=lambda t: t[0])]
    return sol.kind, table, tuple(points), sol.dim, sol.basis


def _unpack(data: tuple) -> SystemSolution:
    _load()
    kind, table, points, dim, basis = data

    def poly(cs):
        return flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in cs])

    roots = [RealRoot(poly(q), lo, hi, index) for q, lo, hi, index in table]
    pts = tuple(tuple(RealAlgebraic(roots[k], poly(g)) for k, g in row) for row in points)
    return SystemSolution(kind, points=pts, dim=dim, basis=basis)


def _solve_packed(polys: list[dict], nvars: int) -> tuple:
    return _pack(real_solutions(polys, nvars))


def real_solutions_within(polys: list[dict], nvars: int, seconds: float) -> SystemSolution | None:
    """`real_solutions` in a child process given at most ``seconds`` of wall time (python-flint's
    Gröbner basis cannot be interrupted in-process); None when the time ran out (the child is
    killed). See `symalign.engines.worker.call_within`.

    Examples
    ========

    >>> from fractions import Fraction as F
    >>> from symalign.engines.polynomial_systems import real_solutions_within
    >>> sol = real_solutions_within([{(2,): F(1), (0,): F(-2)}], 1, 60)    # x^2 = 2
    >>> [x.to_sympy() for (x,) in sol.points]
    [-sqrt(2), sqrt(2)]

    """
    from symalign.engines.worker import call_within
    done, data = call_within(_solve_packed, (polys, nvars), seconds)
    return _unpack(data) if done is not False else None
