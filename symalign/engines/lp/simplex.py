"""The exact two-phase simplex with Bland's rule on Fraction tableaux: the last resort."""

from fractions import Fraction

from symalign.engines.lp.bases import _Basis
from symalign.engines.lp.problem import _IntLP, _ints

# ---------------------------------------------------------------------------------------------
# Exact two-phase simplex (Bland's rule) — the fallback
# ---------------------------------------------------------------------------------------------

def _simplex(P: _IntLP):
    """Exact two-phase simplex with Bland's rule on `Fraction`s.

    Returns ``("optimal", basis)``, ``("infeasible", None)`` or
    ``("unbounded", (X0, R))`` with integer vectors ``X0 / d`` packed as ``(X0, d)``.
    """
    n, m, m_ub = P.n, P.m, P.m_ub
    # standard-form columns: structural (+), structural (-) for free vars, slacks
    col_struct = []   # (structural index, sign)
    for j in range(n):
        col_struct.append((j, 1))
    for j in range(n):
        if P.free[j]:
            col_struct.append((j, -1))
    n_s = len(col_struct)
    n_cols = n_s + m_ub
    rows = []
    basis = []
    art_rows = []
    for r in range(m):
        a = [Fraction(int(P.A[r, j]) * s) for j, s in col_struct] + [Fraction(0)] * m_ub
        rhs = Fraction(P.b[r])
        if r < m_ub:
            a[n_s + r] = Fraction(1)
        if rhs < 0:
            a = [-v for v in a]
            rhs = -rhs
        rows.append(a + [rhs])
        if r < m_ub and a[n_s + r] == 1:
            basis.append(n_s + r)
        else:
            basis.append(None)
            art_rows.append(r)
    # artificial columns
    n_art = len(art_rows)
    total = n_cols + n_art
    for r in range(m):
        rhs = rows[r].pop()
        rows[r].extend([Fraction(0)] * n_art)
        rows[r].append(rhs)
    for k, r in enumerate(art_rows):
        rows[r][n_cols + k] = Fraction(1)
        basis[r] = n_cols + k

    def pivot(pr, pc, z):
        row = rows[pr]
        inv = 1 / row[pc]
        row = [v * inv for v in row]
        rows[pr] = row
        for i in range(len(rows)):
            if i != pr:
                f = rows[i][pc]
                if f != 0:
                    rows[i] = [a - f * b for a, b in zip(rows[i], row)]
        f = z[pc]
        if f != 0:
            z[:] = [a - f * b for a, b in zip(z, row)]
        basis[pr] = pc

    def run(z, allowed):
        while True:
            e = next((j for j in range(total) if allowed[j] and z[j] < 0), None)
            if e is None:
                return None
            best = None
            for i in range(len(rows)):
                a = rows[i][e]
                if a > 0:
                    ratio = rows[i][-1] / a
                    key = (ratio, basis[i])
                    if best is None or key < best[0]:
                        best = (key, i)
            if best is None:
                return e
            pivot(best[1], e, z)

    # phase 1
    z = [Fraction(0)] * (total + 1)
    for k in range(len(art_rows)):
        z[n_cols + k] = Fraction(1)
    for r in art_rows:
        z = [a - b for a, b in zip(z, rows[r])]
    allowed = [True] * total
    run(z, allowed)
    if -z[-1] > 0:
        return "infeasible", None
    # drive artificials out of the basis; drop redundant rows
    redundant = []
    for i in range(len(rows)):
        if basis[i] is not None and basis[i] >= n_cols:
            j = next((j for j in range(n_cols) if rows[i][j] != 0), None)
            if j is None:
                redundant.append(i)
            else:
                pivot(i, j, z)
    dropped = set(redundant)
    keep = [i for i in range(len(rows)) if i not in dropped]
    orig_rows = keep[:]
    rows[:] = [rows[i] for i in keep]
    basis[:] = [basis[i] for i in keep]
    allowed = [j < n_cols for j in range(total)]
    # phase 2 costs
    cost = [Fraction(P.c[j] * s) for j, s in col_struct] + [Fraction(0)] * (m_ub + n_art)
    z = cost + [Fraction(0)]
    for i, bj in enumerate(basis):
        f = z[bj]
        if f != 0:
            z = [a - f * b for a, b in zip(z, rows[i])]
    e = run(z, allowed)

    def point():
        vals = [Fraction(0)] * total
        for i, bj in enumerate(basis):
            vals[bj] = rows[i][-1]
        xs = [Fraction(0)] * n
        for k, (j, s) in enumerate(col_struct):
            xs[j] += s * vals[k]
        return xs

    if e is not None:
        x0 = point()
        dirs = [Fraction(0)] * total
        dirs[e] = Fraction(1)
        for i, bj in enumerate(basis):
            dirs[bj] = -rows[i][e]
        ray = [Fraction(0)] * n
        for k, (j, s) in enumerate(col_struct):
            ray[j] += s * dirs[k]
        return "unbounded", (_ints(x0), _ints(ray))
    S = sorted({col_struct[bj][0] for bj in basis if bj < n_s})
    slack_rows = {bj - n_s for bj in basis if n_s <= bj < n_cols}
    R = [r for r in orig_rows if r not in slack_rows]
    return "optimal", _Basis(S, R)


