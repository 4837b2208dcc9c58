"""Bases: the exact solution of a basis, its verification, and bases recovered from HiGHS's
float solutions."""

from __future__ import annotations

from dataclasses import dataclass

from symalign.core.lazy import np
from symalign.engines.lp.checks import _dual_ok, _primal_ok
from symalign.engines.lp.modular import _select_columns, _Square
from symalign.engines.lp.problem import _PRIME, _IntLP

# ---------------------------------------------------------------------------------------------
# Bases: exact solution of a basis, and recovery of a basis from a float solution
# ---------------------------------------------------------------------------------------------

@dataclass
class _Basis:
    S: list   # basic structural columns
    R: list   # rows of the square system (rows whose slack is non-basic and not redundant)


@dataclass
class _Exact:
    X: list
    dx: int
    Y: list
    dy: int
    basis: _Basis
    square: object = None


def _solve_basis(P: _IntLP, B: _Basis) -> _Exact | None:
    if len(B.S) != len(B.R):
        return None
    if B.S:
        M = P.A[np.ix_(B.R, B.S)]
        if M.dtype != object:
            M = np.ascontiguousarray(M)
    else:
        M = np.zeros((0, 0), dtype=np.int64)
    sq = _Square(M)
    xs = sq.solve([P.b[r] for r in B.R])
    if xs is None:
        return None
    ys = sq.solve([P.c[j] for j in B.S], transpose=True)
    if ys is None:
        return None
    X = [0] * P.n
    for j, v in zip(B.S, xs[0]):
        X[j] = v
    Y = [0] * P.m
    for r, v in zip(B.R, ys[0]):
        Y[r] = v
    return _Exact(X, xs[1], Y, ys[1], B, sq)


def _verify_optimal(P: _IntLP, E: _Exact) -> bool:
    if not _primal_ok(P, E.X, E.dx) or not _dual_ok(P, E.Y, E.dy):
        return False
    cx = sum(c * x for c, x in zip(P.c, E.X))
    by = sum(b * y for b, y in zip(P.b, E.Y))
    return cx * E.dy == by * E.dx




def _highs(P: _IntLP, method: str = "highs"):
    from scipy.optimize import linprog
    c, A, b = P.float_problem
    bounds = [(None, None) if f else (0, None) for f in P.free.tolist()]
    kw = {}
    if P.m_ub:
        kw["A_ub"], kw["b_ub"] = A[:P.m_ub], b[:P.m_ub]
    if P.m > P.m_ub:
        kw["A_eq"], kw["b_eq"] = A[P.m_ub:], b[P.m_ub:]
    try:
        return linprog(c, bounds=bounds, method=method, **kw)
    except (ValueError, OverflowError):  # pragma: no cover - defensive
        return None












def _guess_basis(P: _IntLP, res):
    """Candidate optimal bases suggested by a HiGHS solution, most likely first."""
    x = np.asarray(res.x, dtype=float)
    xs = float(np.abs(x).max()) if x.size else 0.0
    tol_x = 1e-9 * max(1.0, xs)
    _, A, b = P.float_problem
    m_ub = P.m_ub
    slack = b[:m_ub] - A[:m_ub] @ x if m_ub else np.zeros(0)
    rown = np.abs(A).sum(axis=1) if P.m else np.zeros(0)
    tol_s = 1e-9 * (1.0 + np.abs(b[:m_ub]) + rown[:m_ub] * xs)
    y_ub = np.asarray(getattr(getattr(res, "ineqlin", None), "marginals", np.zeros(m_ub)),
                      dtype=float) if m_ub else np.zeros(0)
    red = np.asarray(getattr(getattr(res, "lower", None), "marginals", np.zeros(P.n)),
                     dtype=float)
    if red.shape != (P.n,):
        red = np.zeros(P.n)
    free = P.free
    basic_slack = [i for i in range(m_ub) if slack[i] > tol_s[i]]
    bs = set(basic_slack)
    R0 = [i for i in range(m_ub) if i not in bs] + list(range(m_ub, P.m))
    first = [j for j in range(P.n) if free[j]]
    first += sorted((j for j in range(P.n) if not free[j] and x[j] > tol_x), key=lambda j: -x[j])
    if len(first) == len(R0):
        yield _Basis(first, R0)
    # general selection: greedy column basis in order of "basicness"
    fs = set(first)
    pool = [(abs(float(red[j])), 0, j) for j in range(P.n) if j not in fs]
    pos = {r: k for k, r in enumerate(R0)}
    pool += [(abs(float(y_ub[i])), 1, i) for i in R0 if i < m_ub]
    pool.sort()
    cols = [(0, j) for j in first] + [(kind, idx) for _, kind, idx in pool]
    Msel = np.zeros((len(R0), len(cols)), dtype=np.int64)
    Rarr = np.array(R0, dtype=np.int64)
    Amod = P.A[Rarr] % _PRIME if R0 else np.zeros((0, P.n), dtype=np.int64)
    if Amod.dtype == object:
        Amod = Amod.astype(np.int64)
    for k, (kind, idx) in enumerate(cols):
        if kind == 0:
            if R0:
                Msel[:, k] = Amod[:, idx]
        else:
            Msel[pos[idx], k] = 1
    chosen, pivots = _select_columns(Msel, _PRIME)
    S = [cols[k][1] for k in chosen if cols[k][0] == 0]
    slack_rows = {cols[k][1] for k in chosen if cols[k][0] == 1}
    pivot_rows = {R0[i] for i in pivots}
    R = [r for r in R0 if r in pivot_rows and r not in slack_rows]
    if len(first) != len(R0) or sorted(first) != sorted(S) or R0 != R:
        yield _Basis(sorted(S), R)
