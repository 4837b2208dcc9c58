"""The order in which an LP is solved exactly: HiGHS's bases, the warm start, the simplex;
auxiliary LPs for Farkas certificates and rays."""

from __future__ import annotations

from dataclasses import dataclass

from symalign.core.lazy import np
from symalign.engines.lp.bases import _Exact, _guess_basis, _highs, _solve_basis, _verify_optimal
from symalign.engines.lp.checks import _farkas_ok, _primal_ok, _ray_ok
from symalign.engines.lp.problem import (
    METHOD_HIGHS,
    METHOD_SIMPLEX,
    METHOD_WARM,
    _as_int_array,
    _IntLP,
)
from symalign.engines.lp.simplex import _simplex
from symalign.engines.lp.warm import _warm_start

# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------

@dataclass
class _Outcome:
    status: str
    method: str
    exact: _Exact | None = None
    farkas: list | None = None
    point: tuple | None = None
    ray: tuple | None = None


def _aux_farkas(P: _IntLP) -> _IntLP:
    """Variables ``z = (z_ub >= 0, z_eq free)``: ``A^T z >= 0`` (== on free), ``b . z == -1``."""
    m, n = P.m, P.n
    AT = P.A.T.astype(object)
    rows_ub = [j for j in range(n) if not P.free[j]]
    rows_eq = [j for j in range(n) if P.free[j]]
    blocks = [-AT[rows_ub, :], AT[rows_eq, :], np.array([P.b], dtype=object).reshape(1, m)]
    A = _as_int_array(np.vstack(blocks), m)
    free = np.zeros(m, dtype=bool)
    free[P.m_ub:] = True
    b = [0] * (len(rows_ub) + len(rows_eq)) + [-1]
    return _IntLP([0] * m, A, b, len(rows_ub), free)


def _aux_feasible(P: _IntLP) -> _IntLP:
    return _IntLP([0] * P.n, P.A, list(P.b), P.m_ub, P.free)


def _aux_ray(P: _IntLP) -> _IntLP:
    A = np.vstack([P.A.astype(object), np.array([P.c], dtype=object)])
    A = _as_int_array(A, P.n)
    return _IntLP([0] * P.n, A, [0] * P.m + [-1], P.m_ub, P.free)


def _solve_optimal_exactly(P: _IntLP, res, failed: list | None = None) -> _Exact | None:
    """The first candidate basis of ``res`` that verifies; nonsingular ones that do not
    verify are appended to ``failed`` (starts for `_warm_start`)."""
    for B in _guess_basis(P, res):
        E = _solve_basis(P, B)
        if E is not None:
            if _verify_optimal(P, E):
                return E
            if failed is not None:
                failed.append(E)
    return None


def _solve_simplex(P: _IntLP) -> _Outcome:
    status, data = _simplex(P)
    if status == "optimal":
        E = _solve_basis(P, data)
        if E is None or not _verify_optimal(P, E):  # pragma: no cover - would be a bug
            raise RuntimeError("symalign.engines.lp: the exact simplex basis failed verification")
        return _Outcome("optimal", METHOD_SIMPLEX, exact=E)
    if status == "unbounded":
        (X0, d0), (R, _) = data
        if not _primal_ok(P, X0, d0) or not _ray_ok(P, R):  # pragma: no cover - a bug
            raise RuntimeError("symalign.engines.lp: the exact simplex ray failed verification")
        return _Outcome("unbounded", METHOD_SIMPLEX, point=(X0, d0), ray=(R, 1))
    F = _aux_farkas(P)
    sub = _solve_simplex(F)
    if sub.status != "optimal":  # pragma: no cover - Farkas' lemma
        raise RuntimeError("symalign.engines.lp: no Farkas certificate for an infeasible LP")
    Z = sub.exact.X
    if not _farkas_ok(P, Z):  # pragma: no cover - a bug
        raise RuntimeError("symalign.engines.lp: the Farkas certificate failed verification")
    return _Outcome("infeasible", METHOD_SIMPLEX, farkas=Z)


def _solve(P: _IntLP, use_highs: bool = True, depth: int = 0) -> _Outcome:
    res = _highs(P) if use_highs else None
    if res is not None:
        if res.status == 0:
            failed: list = []
            E = _solve_optimal_exactly(P, res, failed)
            if E is not None:
                return _Outcome("optimal", METHOD_HIGHS, exact=E)
            # the proposed basis failed exact verification: ask HiGHS's other algorithms
            # for another basis (each verified exactly) before any exact simplex
            for method in ("highs-ds", "highs-ipm"):
                alt = _highs(P, method)
                if alt is not None and alt.status == 0:
                    E = _solve_optimal_exactly(P, alt, failed)
                    if E is not None:
                        return _Outcome("optimal", METHOD_HIGHS, exact=E)
            # repair the best failed basis with an exact simplex started from it
            E = _warm_start(P, failed)
            if E is not None:
                return _Outcome("optimal", METHOD_WARM, exact=E)
        elif depth > 0:
            pass  # an auxiliary problem that HiGHS does not solve: go exact at once
        elif res.status == 2:
            sub = _solve(_aux_farkas(P), depth=1)
            if sub.status == "optimal" and _farkas_ok(P, sub.exact.X):
                return _Outcome("infeasible", METHOD_HIGHS, farkas=sub.exact.X)
        elif res.status == 3:
            feas = _solve(_aux_feasible(P), depth=1)
            ray = _solve(_aux_ray(P), depth=1)
            if (feas.status == "optimal" and ray.status == "optimal"
                    and _primal_ok(P, feas.exact.X, feas.exact.dx)
                    and _ray_ok(P, ray.exact.X)):
                return _Outcome("unbounded", METHOD_HIGHS, point=(feas.exact.X, feas.exact.dx),
                                ray=(ray.exact.X, ray.exact.dx))
    return _solve_simplex(P)
