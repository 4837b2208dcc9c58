"""The vertices of the optimal face of a small LP, exactly (`optimal_face_vertices`)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from symalign.core.config import settings
from symalign.core.errors import ResourceLimitError
from symalign.core.lazy import np
from symalign.engines.lp.checks import _ATy
from symalign.engines.lp.driver import _solve
from symalign.engines.lp.modular import _rank, _unique_solution
from symalign.engines.lp.problem import _as_int_array, _build, _IntLP, _rat
from symalign.engines.lp.result import LPResult, solve_lp

# ---------------------------------------------------------------------------------------------
# Vertices of the optimal face (small problems)
# ---------------------------------------------------------------------------------------------

def optimal_face_vertices(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, *,
                          maximize: bool = False, free=None, result: LPResult | None = None
                          ) -> tuple[tuple, ...]:
    """Every vertex of the set of optimal solutions of an LP, in lexicographic order.

    The optimal face is cut out of the feasible set by complementary slackness with a
    verified optimal dual ``y``: variables with a non-zero reduced cost vanish and
    inequalities with a non-zero dual are tight. When the remaining system has a unique
    solution that solution is the only vertex; otherwise vertices are enumerated exactly
    by brute force over sets of active constraints, which is meant for small problems
    (``symalign.settings.max_cases`` bounds the number of candidate sets). Free variables
    that are not fixed on the face mean it has no vertices; the empty tuple is returned.

    Examples
    ========

    Maximising ``x0 + x1`` on the simplex has the whole edge as optimal face:

    >>> from symalign.engines.lp import optimal_face_vertices
    >>> optimal_face_vertices([1, 1, 0], A_eq=[[1, 1, 1]], b_eq=[1], maximize=True)
    ((0, 1, 0), (1, 0, 0))

    Parameters
    ==========

    c, A_ub, b_ub, A_eq, b_eq, maximize, free
        As for `solve_lp`.
    result : LPResult, optional
        A solution already computed for the same inputs.

    Returns
    =======

    tuple of tuples of sympy.Rational

    Raises
    ======

    UndefinedMetricError
        The LP has no optimal solution (infeasible or unbounded).
    ResourceLimitError
        The enumeration would exceed ``settings.max_cases`` candidate sets.

    """
    from symalign.core.errors import UndefinedMetricError
    if result is None:
        result = solve_lp(c, A_ub, b_ub, A_eq, b_eq, maximize=maximize, free=free)
    if result.status != "optimal":
        raise UndefinedMetricError("the optimal face", f"the LP is {result.status}")
    P = _build(c, A_ub, b_ub, A_eq, b_eq, maximize, free)
    return _face_vertices(P, result)


#: Faces whose brute-force enumeration needs more candidate sets use the pivoting search.
_BRUTE_FORCE_LIMIT = 50


def _face_vertices(P: _IntLP, result: LPResult, force_search: bool = False
                   ) -> tuple[tuple, ...]:
    n, m_ub = P.n, P.m_ub
    # duals in the internal (integer, min-form) problem: y_int = sign * c_scale * y / row_scale
    if result._int_duals is not None and len(result._int_duals[0]) == P.m:
        Y, D = list(result._int_duals[0]), result._int_duals[1]   # the solver's own duals
    else:
        yint = [Fraction(int(v.p), int(v.q)) * P.sign * P.c_scale / P.row_scale[r]
                for r, v in enumerate(result.y)]
        D = math.lcm(*[v.denominator for v in yint])
        Y = [int(v * D) for v in yint]
    aty = _ATy(P, Y)
    red = [D * P.c[j] - aty[j] for j in range(n)]
    fixed0 = [j for j in range(n) if not P.free[j] and red[j] != 0]
    fixed = set(fixed0)
    var = [j for j in range(n) if j not in fixed]
    eq_rows = [r for r in range(P.m) if r >= m_ub or Y[r] != 0]
    ineq_rows = [r for r in range(m_ub) if Y[r] == 0]
    # strict complementarity: the face lies in the verified basis system, which is square and
    # nonsingular, so the optimal solution is unique
    if set(var) <= set(result.basis) and set(result.basis_rows) <= set(eq_rows):
        return (tuple(result.x),)
    # otherwise find the implicit equalities of the face with one more exact LP, so that the
    # face is described in its affine hull (often a single point after all)
    var, eq_rows, ineq_rows = _implicit_equalities(P, var, eq_rows, ineq_rows)
    if set(var) <= set(result.basis) and set(result.basis_rows) <= set(eq_rows):
        return (tuple(result.x),)
    rows = [[Fraction(int(a)) for a in P.A[r]] for r in range(P.m)]
    # equality system on the remaining variables
    E = [[rows[r][j] for j in var] for r in eq_rows]
    Eb = [Fraction(P.b[r]) for r in eq_rows]
    # inequalities: A_r x <= b_r for ineq_rows, and -x_j <= 0 for non-free remaining vars
    I_rows = [([rows[r][j] for j in var], Fraction(P.b[r])) for r in ineq_rows]
    I_rows += [([Fraction(-1) if jj == j else Fraction(0) for jj in var], Fraction(0))
               for j in var if not P.free[j]]
    nv = len(var)
    rank_E, _ = _rank(E, nv)
    need = nv - rank_E
    if need == 0:
        return (tuple(result.x),)
    n_cand = math.comb(len(I_rows), need) if len(I_rows) >= need else 0
    if n_cand > _BRUTE_FORCE_LIMIT or force_search:
        xopt = [Fraction(int(v.p), int(v.q)) for v in result.x]
        ineq = [([rows[r][j] for j in var], Fraction(P.b[r])) for r in ineq_rows]
        pts = _face_search(var, [bool(P.free[j]) for j in var], E, Eb, ineq,
                           [xopt[j] for j in var])
        out = []
        for p in sorted(pts):
            full = [Fraction(0)] * n
            for j, v in zip(var, p):
                full[j] = v
            out.append(tuple(full))
        out.sort()
        return tuple(tuple(_rat(v.numerator, v.denominator) for v in x) for x in out)
    if n_cand > settings.max_cases:
        raise ResourceLimitError(f"enumerating the optimal face needs {n_cand} candidate sets "
                                 "of active constraints", "max_cases", settings.max_cases)
    found = set()
    for combo in itertools.combinations(range(len(I_rows)), need):
        Msys = E + [I_rows[k][0] for k in combo]
        bsys = Eb + [I_rows[k][1] for k in combo]
        sol = _unique_solution(Msys, bsys, nv)
        if sol is None:
            continue
        if all(sum(a * v for a, v in zip(row, sol)) <= b for row, b in I_rows):
            full = [Fraction(0)] * n
            for j, v in zip(var, sol):
                full[j] = v
            found.add(tuple(full))
    out = sorted(found)
    return tuple(tuple(_rat(v.numerator, v.denominator) for v in x) for x in out)






def _face_search(var, free, E, Eb, ineq, xstar) -> set:
    """Vertices of ``{z : E z = Eb, a.z <= b for (a, b) in ineq, z_j >= 0 unless free}``.

    ``xstar`` is a known vertex. Free variables are eliminated through the equalities (the
    polyhedron must determine them, else `UndefinedMetricError`); slacks turn the rest into
    ``{w >= 0 : G w = h}``, whose vertices are the basic feasible solutions. A depth-first
    search over the bases that are lexicographically feasible for the perturbation
    ``h + B0 (eps, eps^2, ...)`` (``B0`` the starting basis, so the start is lex-feasible)
    visits every vertex: the perturbed polyhedron is simple and its graph is connected, and
    every vertex of the original is the image of a perturbed one. Exact `Fraction` pivots.
    """
    from symalign.core.errors import UndefinedMetricError
    nv = len(var)
    E = [row[:] for row in E]
    Eb = list(Eb)
    ineq = [(a[:], b) for a, b in ineq]
    # 1. eliminate free variables through the equalities
    subs = {}   # free position -> (coefficients over positions, constant): z_f = const - coef.z
    for f in [k for k in range(nv) if free[k]]:
        r = next((i for i in range(len(E)) if E[i][f] != 0), None)
        if r is None:
            raise UndefinedMetricError(
                "the vertices of the optimal face",
                f"free variable {var[f]} is not determined by the equalities on the face")
        row, rhs = E.pop(r), Eb.pop(r)
        piv = row[f]
        coef = [v / piv for v in row]
        const = rhs / piv
        coef[f] = Fraction(0)

        def sub(a, b, coef=coef, const=const, f=f):
            t = a[f]
            if t == 0:
                return a, b
            return [x - t * c for x, c in zip(a, coef)], b - t * const
        E2, Eb2 = [], []
        for a, b in zip(E, Eb):
            a, b = sub(a, b)
            E2.append(a)
            Eb2.append(b)
        E, Eb = E2, Eb2
        ineq = [sub(a, b) for a, b in ineq]
        for g in list(subs):
            a, b = subs[g]
            subs[g] = sub(a, b)
        subs[f] = (coef, const)
    keep = [k for k in range(nv) if not free[k]]
    nz = len(keep)
    ns = len(ineq)
    # 2. standard form G w = h, w = (z_keep, slacks) >= 0
    G = [[a[k] for k in keep] + [Fraction(0)] * ns for a in E]
    h = list(Eb)
    for t, (a, b) in enumerate(ineq):
        G.append([a[k] for k in keep] + [Fraction(1) if u == t else Fraction(0)
                                         for u in range(ns)])
        h.append(b)
    nw = nz + ns
    wstar = [xstar[k] for k in keep]
    wstar += [b - sum(a[k] * xstar[k] for k in keep) for a, b in ineq]
    # 3. drop redundant rows, choose a starting basis containing the support of w*
    order = [j for j in range(nw) if wstar[j] != 0] + [j for j in range(nw) if wstar[j] == 0]
    rows = [G[i][:] + [h[i]] for i in range(len(G))]
    basis = []
    r = 0
    for j in order:
        piv = next((i for i in range(r, len(rows)) if rows[i][j] != 0), None)
        if piv is None:
            continue
        rows[r], rows[piv] = rows[piv], rows[r]
        inv = 1 / rows[r][j]
        rows[r] = [v * inv for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][j] != 0:
                f = rows[i][j]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
        basis.append(j)
        r += 1
    T = rows[:r]   # tableau B^-1 [G | h] in canonical form for `basis`
    m = r
    ref = list(basis)   # the perturbation's reference columns B0

    def point(T, basis):
        w = [Fraction(0)] * nw
        for i, b in enumerate(basis):
            w[b] = T[i][nw]
        z = [Fraction(0)] * nv
        for k, j in enumerate(keep):
            z[j] = w[k]
        for f in reversed(list(subs)):
            coef, const = subs[f]
            z[f] = const - sum(c * v for c, v in zip(coef, z))
        return tuple(z)

    def lexkey(row, e):
        a = row[e]
        return tuple(v / a for v in [row[nw]] + [row[c] for c in ref])

    found = set()
    seen = {frozenset(basis)}
    stack = [(T, basis)]
    while stack:
        T, basis = stack.pop()
        found.add(point(T, basis))
        if len(seen) > settings.max_cases:
            raise ResourceLimitError(f"enumerating the optimal face visited over "
                                     f"{settings.max_cases} bases", "max_cases",
                                     settings.max_cases)
        bset = set(basis)
        for e in range(nw):
            if e in bset:
                continue
            cand = [i for i in range(m) if T[i][e] > 0]
            if not cand:
                continue   # an unbounded edge: no neighbouring vertex
            i = min(cand, key=lambda i: lexkey(T[i], e))
            nb = basis[:]
            nb[i] = e
            key = frozenset(nb)
            if key in seen:
                continue
            seen.add(key)
            inv = 1 / T[i][e]
            pr = [v * inv for v in T[i]]
            NT = []
            for k in range(m):
                if k == i:
                    NT.append(pr)
                elif T[k][e] != 0:
                    f = T[k][e]
                    NT.append([a - f * b for a, b in zip(T[k], pr)])
                else:
                    NT.append(T[k])
            stack.append((NT, nb))
    return found


def _implicit_equalities(P: _IntLP, var: list, eq_rows: list, ineq_rows: list):
    """Variables that vanish and inequalities that are tight on the whole face.

    The face is ``F = {x : x_j = 0 off var, rows eq_rows tight, rows ineq_rows <= b,
    x_j >= 0}``. Homogenise it, ``{(x, lam) : A_E x == b_E lam, A_I x <= b_I lam, lam >= 1}``,
    and maximise ``sum t_j + sum u_r`` with ``0 <= t_j <= min(1, x_j)`` and
    ``0 <= u_r <= min(1, b_r lam - A_r x)``: a large multiple of a relative-interior point
    makes every coordinate that can be positive at least 1, so at *every* optimum ``t_j = 1``
    exactly for the variables that are positive somewhere on ``F`` (likewise ``u_r`` for the
    slacks), and ``t_j = 0`` for the others. Returns the reduced ``(var, eq_rows, ineq_rows)``.
    """
    nonfree = [j for j in var if not P.free[j]]
    nv, nt, nu = len(var), len(nonfree), len(ineq_rows)
    N = nv + 1 + nt + nu            # columns: x_var, lam, t, u
    L = nv                          # index of lam
    A = P.A_obj
    col = {j: k for k, j in enumerate(var)}
    ub, beq = [], []
    eq = []
    for r in ineq_rows:             # A_r x - b_r lam <= 0
        row = [0] * N
        for j in var:
            row[col[j]] = int(A[r, j])
        row[L] = -P.b[r]
        ub.append(row)
    for k, j in enumerate(nonfree):     # t_j - x_j <= 0, t_j <= 1
        row = [0] * N
        row[nv + 1 + k] = 1
        row[col[j]] = -1
        ub.append(row)
        row = [0] * N
        row[nv + 1 + k] = 1
        ub.append(row)
    for k, r in enumerate(ineq_rows):   # u_r + A_r x - b_r lam <= 0, u_r <= 1
        row = [0] * N
        for j in var:
            row[col[j]] = int(A[r, j])
        row[L] = -P.b[r]
        row[nv + 1 + nt + k] = 1
        ub.append(row)
        row = [0] * N
        row[nv + 1 + nt + k] = 1
        ub.append(row)
    row = [0] * N                       # -lam <= -1
    row[L] = -1
    ub.append(row)
    bub = [0] * nu + [0, 1] * nt + [0, 1] * nu + [-1]
    for r in eq_rows:                   # A_r x - b_r lam == 0
        row = [0] * N
        for j in var:
            row[col[j]] = int(A[r, j])
        row[L] = -P.b[r]
        eq.append(row)
        beq.append(0)
    c = [0] * N
    for k in range(nt + nu):
        c[nv + 1 + k] = -1              # minimise -(sum t + sum u)
    Afull = _as_int_array(ub + eq, N) if (ub or eq) else np.zeros((0, N), dtype=np.int64)
    free = np.zeros(N, dtype=bool)
    for j in var:
        if P.free[j]:
            free[col[j]] = True
    Q = _IntLP(c, Afull, bub + beq, len(ub), free)
    out = _solve(Q)
    if out.status != "optimal":  # pragma: no cover - F is non-empty and t, u are bounded
        raise RuntimeError("symalign.engines.lp: the implicit-equality LP is not optimal")
    E = out.exact
    t = {j: E.X[nv + 1 + k] for k, j in enumerate(nonfree)}
    u = {r: E.X[nv + 1 + nt + k] for k, r in enumerate(ineq_rows)}
    var2 = [j for j in var if P.free[j] or t[j] != 0]
    eq2 = sorted(set(eq_rows) | {r for r in ineq_rows if u[r] == 0})
    ineq2 = [r for r in ineq_rows if u[r] != 0]
    return var2, eq2, ineq2
