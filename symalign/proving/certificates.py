"""Claims proved by linear (Farkas / degree-two Positivstellensatz) certificates, re-checked exactly,
and the search for counterexamples in a box."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import sympy
from sympy import Integer, Rational

from symalign.proving.records import Certificate, Step, _as_nonneg, _relation

# -- certificates ------------------------------------------------------------------------------

def _gens(*exprs) -> list:
    syms = set()
    for e in exprs:
        syms |= sympy.sympify(e).free_symbols
    return sorted(syms, key=lambda s: s.sort_key())


#: Use `symalign.engines.lp` (exact, verified) to find multipliers; otherwise HiGHS + exact recovery.
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
    >>> from symalign.proving.claims import check_certificate
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

    Uses `symalign.engines.lp` (exact, verified); otherwise HiGHS as a guide and exact recovery.
    """
    if _USE_EXACT_LP:
        try:  # the exact, verified LP module (status 'infeasible' carries a Farkas certificate)
            from symalign.engines.lp import solve_lp
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

    The search is an LP over the multipliers (`symalign.engines.lp` when available, else HiGHS as a
    guide followed by exact recovery); the answer is always re-checked by `check_certificate`.
    With ``products=True`` the pairwise products ``h_j h_k`` of inequality hypotheses are added
    (a degree-two Positivstellensatz) and equality hypotheses get linear multipliers, which
    proves bilinear claims such as ``W(mu) <= OPT``; ``products=3`` adds triple products too.

    Examples
    ========

    >>> import sympy
    >>> from symalign.proving.claims import find_certificate, check_certificate
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
    >>> from symalign.proving.claims import find_counterexample
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
